package io.visionstream.zones;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One track's standing, as checkpointed: per line the side it was last clearly on (+1 or −1) and its anchor
 * there, and the zones it is inside.
 */
public class TrackPlace {
    public String label;
    public Map<String, Integer> side = new HashMap<>();
    public Map<String, float[]> lastClear = new HashMap<>();
    public Set<String> inside = new HashSet<>();

    public TrackPlace() {
    }
}
