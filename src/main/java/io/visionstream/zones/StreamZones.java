package io.visionstream.zones;

import java.io.Serializable;
import java.util.List;

/** One stream's lines and zones. {@link #NONE} is a stream with neither (also what a removed entry leaves). */
public record StreamZones(List<LineSpec> lines, List<ZoneSpec> zones) implements Serializable {
    public static final StreamZones NONE = new StreamZones(List.of(), List.of());

    public boolean isEmpty() {
        return lines.isEmpty() && zones.isEmpty();
    }
}
