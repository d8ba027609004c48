package io.visionstream.zones;

import java.io.Serializable;
import java.util.Set;

/** A polygon zone in original-image pixels; {@code labels} null means every label. */
public record ZoneSpec(String name, float[] xs, float[] ys, Set<String> labels) implements Serializable {

    public boolean counts(String label) {
        return labels == null || labels.contains(label);
    }

    /** Even-odd rule. */
    public boolean contains(double px, double py) {
        boolean in = false;
        int n = xs.length;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            if ((ys[i] > py) != (ys[j] > py)
                    && px < (xs[j] - xs[i]) * (py - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                in = !in;
            }
        }
        return in;
    }

    /** The distance from p to the polygon's boundary. */
    public double distanceToEdge(double px, double py) {
        double best = Double.MAX_VALUE;
        int n = xs.length;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double ax = xs[j];
            double ay = ys[j];
            double dx = xs[i] - ax;
            double dy = ys[i] - ay;
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
            best = Math.min(best, Math.hypot(px - (ax + t * dx), py - (ay + t * dy)));
        }
        return best;
    }
}
