package io.visionstream.zones;

import java.util.HashMap;
import java.util.Map;

/**
 * A stream's counts and where each track stands, as checkpointed. Keys are "name\u0000label". Counts
 * outlive tracks (a stream that goes idle keeps them); places go with their track.
 */
public class ZoneState {
    /** Line totals: [+, -]. */
    public Map<String, long[]> lines = new HashMap<>();
    /** Zone totals: [entries, exits, occupancy]. */
    public Map<String, long[]> zones = new HashMap<>();
    /** Per track id: where it stands relative to each line and zone. */
    public Map<Integer, TrackPlace> places = new HashMap<>();

    public ZoneState() {
    }

    static String key(String name, String label) {
        return name + '\u0000' + label;
    }
}
