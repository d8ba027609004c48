package io.visionstream.output;

import io.visionstream.io.ImageRecord;
import io.visionstream.reject.Echo;

/**
 * Which input an output is about: the fields every result and reject starts with. {@code model} is as the
 * producer sent it, quoted only up to a bound ({@link Echo}) where it names no served model. {@code timestamp}
 * is the input record's Kafka timestamp (the capture time); {@code arrival} the time the job read it (the event
 * time the per-stream step orders by); {@code numbered} whether the producer sent a {@code frame} header (without
 * one, {@code frame} is the offset and a stream's frames are ordered by timestamp).
 */
public record Origin(String stream, long frame, String topic, int partition, long offset, String model,
                     long timestamp, long arrival, boolean numbered) {

    public static Origin of(ImageRecord in) {
        return new Origin(in.stream, in.frame, in.topic, in.partition, in.offset, in.model, in.timestamp, in.arrival,
                in.numbered);
    }

    /** What a stream's frames are put in order by: the frame number where the producer numbers them. */
    public long orderKey() {
        return numbered ? frame : timestamp;
    }
}
