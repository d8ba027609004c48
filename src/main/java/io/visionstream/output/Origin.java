package io.visionstream.output;

import io.visionstream.io.ImageRecord;
import io.visionstream.reject.Echo;

/**
 * Which input an output is about: the fields every result and reject starts with. {@code model} is as the
 * producer sent it, quoted only up to a bound ({@link Echo}) where it names no served model.
 */
public record Origin(String stream, long frame, String topic, int partition, long offset, String model) {

    public static Origin of(ImageRecord in) {
        return new Origin(in.stream, in.frame, in.topic, in.partition, in.offset, in.model);
    }
}
