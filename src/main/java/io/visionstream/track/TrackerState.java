package io.visionstream.track;

import java.util.ArrayList;
import java.util.List;

/** A stream's tracker state, as checkpointed (a Flink POJO): its tracks, live and lost, and its counters. */
public class TrackerState {
    /** Frames the tracker has seen, rejected ones included. */
    public long frames;
    /** The id the next confirmed track gets. */
    public int nextId = 1;
    public long nextKey = 1;
    public List<Track> tracks = new ArrayList<>();

    public TrackerState() {
    }
}
