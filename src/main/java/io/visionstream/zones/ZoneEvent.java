package io.visionstream.zones;

/**
 * A line crossing or a zone entry or exit. For a crossing {@code direction} is "+" or "-" and {@code plus},
 * {@code minus} are the line's totals for the label after it; for a zone event {@code occupancy} is the zone's
 * count for the label after it, and {@code plus}, {@code minus} its entries and exits so far.
 */
public record ZoneEvent(Type type, int track, String label, String zone, String direction, long plus, long minus,
                        int occupancy) {

    public enum Type {
        CROSS, ENTER, EXIT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
