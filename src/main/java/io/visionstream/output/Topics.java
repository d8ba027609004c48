package io.visionstream.output;

import java.io.Serializable;

/** The output topics: which one each kind of {@link Output} goes to. */
public record Topics(String detections, String masks, String rejects, String events) implements Serializable {

    public String of(Output o) {
        if (o instanceof Result) {
            return detections;
        }
        if (o instanceof Event) {
            return events;
        }
        return o instanceof Reject ? rejects : masks;
    }
}
