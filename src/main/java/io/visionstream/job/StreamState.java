package io.visionstream.job;

/** Keyed state per stream id: the last frame done and the counts, carried through checkpoints. */
public class StreamState {
    public long lastFrame = -1;
    public long results;
    public long rejects;

    public StreamState() {
    }
}
