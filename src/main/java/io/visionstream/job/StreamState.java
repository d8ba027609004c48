package io.visionstream.job;

/**
 * Keyed state per stream id, carried through checkpoints: the results published so far. (Savepoints of
 * earlier versions also hold lastFrame and rejects; Flink's POJO schema evolution drops them on restore.)
 */
public class StreamState {
    public long results;

    public StreamState() {
    }
}
