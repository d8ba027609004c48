package io.visionstream.ingest;

/** Why a decoded frame never reached Kafka. Each cause is its own counter: each asks for a different fix. */
public enum DropCause {
    /** The camera's queue was full (Kafka or the broker slower than the camera): the oldest frame went. */
    QUEUE_FULL("queue_full"),
    /** The producer's buffer stayed full or the broker unknown for max.block.ms: the frame was not sent. */
    KAFKA_BLOCKED("kafka_blocked"),
    /** Sent, but not acknowledged within delivery.timeout.ms, or refused by the broker. */
    KAFKA_FAILED("kafka_failed"),
    /** Larger than kafka.max-record-bytes. */
    TOO_LARGE("too_large"),
    /** A file of a directory source that is no image ingest can read (corrupt, unknown format, too many pixels). */
    UNREADABLE("unreadable");

    public final String label;

    DropCause(String label) {
        this.label = label;
    }
}
