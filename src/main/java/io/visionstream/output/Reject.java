package io.visionstream.output;

import io.visionstream.io.ImageRecord;
import io.visionstream.reject.RejectReason;

/** An input that got no result, and why: one per refused record, wherever in the job it was refused. */
public record Reject(Origin origin, RejectReason reason, String message) implements Output {

    public static Reject of(ImageRecord in, RejectReason reason, String message) {
        return new Reject(Origin.of(in), reason, message);
    }
}
