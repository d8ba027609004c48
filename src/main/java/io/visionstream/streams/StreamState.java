package io.visionstream.streams;

import io.visionstream.track.TrackerState;
import io.visionstream.zones.ZoneState;
import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state per stream id, carried through checkpoints: results published so far (streamSeq), the frames
 * waiting to be put in order, the tracker's tracks, and the lines' and zones' counts. (Savepoints of earlier
 * versions hold only {@code results}; Flink's POJO schema evolution fills the rest with defaults.)
 */
public class StreamState {
    public long results;
    /** Whether a frame has been released yet; {@link #lastKey} is the order key of the latest released frame. */
    public boolean released;
    public long lastKey;
    /** Record timestamp of the latest released frame (the stream's own clock, for its idle rule). */
    public long lastTimestamp;
    /** Processing time the latest frame reached this step, and the processing-time timer that checks for idleness. */
    public long lastSeen;
    public long idleTimer;
    public long lateFrames;
    public List<PendingFrame> pending = new ArrayList<>();
    public TrackerState tracker = new TrackerState();
    public ZoneState zones = new ZoneState();

    public StreamState() {
    }
}
