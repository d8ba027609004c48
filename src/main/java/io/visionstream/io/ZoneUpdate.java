package io.visionstream.io;

/**
 * One record of topic zones: a stream's lines and zones as YAML or JSON text, or null to remove the stream's
 * entry. A Flink POJO.
 */
public class ZoneUpdate {
    public String stream;
    public String text;
    public String topic;
    public int partition;
    public long offset;
    public long timestamp;

    public ZoneUpdate() {
    }

    public ZoneUpdate(String stream, String text, String topic, int partition, long offset, long timestamp) {
        this.stream = stream;
        this.text = text;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
    }
}
