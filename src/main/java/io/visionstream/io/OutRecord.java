package io.visionstream.io;

/**
 * One record for an output topic: a result or reject JSON, or a PNG (mask, overlay or output image).
 * The topic travels with the record so that one transactional sink writes all outputs of a checkpoint.
 */
public class OutRecord {
    public String topic;
    public String key;
    public byte[] value;
    /** Headers of PNG records on topic masks; null for JSON records. */
    public String kind;
    public String model;
    public long frame;
    /** Header format of image records on topic masks (png, jpeg); null for JSON records. */
    public String format;

    public OutRecord() {
    }

    public OutRecord(String topic, String key, byte[] value, String kind, String model, long frame) {
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.kind = kind;
        this.model = model;
        this.frame = frame;
    }

    /** An image record for topic masks, with its format header. */
    public OutRecord withFormat(String format) {
        this.format = format;
        return this;
    }
}
