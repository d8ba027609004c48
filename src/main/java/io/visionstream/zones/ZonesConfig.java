package io.visionstream.zones;

import java.io.Serializable;
import java.util.Map;

/** A zones file: the anchor, and lines and zones per stream id ("*": every stream without its own entry). */
public record ZonesConfig(Anchor anchor, Map<String, StreamZones> streams) implements Serializable {
    public static final String EVERY_STREAM = "*";
    public static final ZonesConfig NONE = new ZonesConfig(Anchor.CENTER, Map.of());

    public StreamZones forStream(String stream) {
        StreamZones own = streams.get(stream);
        if (own != null) {
            return own;
        }
        return streams.getOrDefault(EVERY_STREAM, StreamZones.NONE);
    }
}
