package io.visionstream.io;

import io.visionstream.codec.ImageHeader;
import io.visionstream.reject.Echo;

/**
 * One record from topic images, with where it came from. A Flink POJO (public fields, no-arg constructor) so
 * it travels without Kryo. The guard fills {@link #header}.
 */
public class ImageRecord {
    public String stream;
    public long frame;
    public String topic;
    public int partition;
    public long offset;
    public String model;
    public String profile;
    public byte[] value;
    /** The record's Kafka timestamp (the capture time, where the producer sets it). */
    public long timestamp;
    /** Whether the producer sent a {@code frame} header ({@link #frame} is the offset otherwise). */
    public boolean numbered;
    /** When the job read the record (its event time in the job, set by the source); 0 before. */
    public long arrival;
    /** What the guard read from the image's first bytes; null until the record has passed the guard. */
    public ImageHeader header;

    public ImageRecord() {
    }

    public ImageRecord(String stream, long frame, String topic, int partition, long offset, String model,
                       String profile, byte[] value) {
        this.stream = stream;
        this.frame = frame;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.model = model;
        this.profile = profile;
        this.value = value;
    }

    /** For logs: stream and model are whatever the producer sent, so they are quoted only up to a bound. */
    @Override
    public String toString() {
        return "ImageRecord{stream=" + Echo.header(stream) + ", frame=" + frame + ", " + topic + "/" + partition + "@" + offset
                + ", model=" + Echo.header(model) + ", bytes=" + (value == null ? 0 : value.length) + "}";
    }
}
