package io.visionstream.zones;

import java.io.Serializable;
import java.util.Set;

/** A counting line p1 → p2 in original-image pixels; {@code labels} null means every label. */
public record LineSpec(String name, float x1, float y1, float x2, float y2, Set<String> labels) implements Serializable {

    public boolean counts(String label) {
        return labels == null || labels.contains(label);
    }

    /** (p2 − p1) × (p − p1) over |p2 − p1|: the signed distance of p from the line, positive on the "+" side. */
    public double side(double px, double py) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double len = Math.hypot(dx, dy);
        return (dx * (py - y1) - dy * (px - x1)) / len;
    }

    /** Whether the move a → b passes through the segment p1 p2 (touching counts). */
    public boolean crossedBy(double ax, double ay, double bx, double by) {
        double d1 = cross(x1, y1, x2, y2, ax, ay);
        double d2 = cross(x1, y1, x2, y2, bx, by);
        double d3 = cross(ax, ay, bx, by, x1, y1);
        double d4 = cross(ax, ay, bx, by, x2, y2);
        return d1 * d2 <= 0 && d3 * d4 <= 0;
    }

    private static double cross(double ox, double oy, double px, double py, double qx, double qy) {
        return (px - ox) * (qy - oy) - (py - oy) * (qx - ox);
    }
}
