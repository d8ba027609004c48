package io.visionstream.bench.tracking;

import io.visionstream.zones.LineSpec;
import io.visionstream.zones.ZoneSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a perfect counter reports, from the generated paths themselves (every frame number, dropped and
 * corrupt ones included: the objects move on whether or not a frame reaches the tracker). Anchor: the box
 * centre. A crossing is a change of side whose step passes through the segment p1 p2; "+" is arriving on the
 * side where (p2 − p1) × (anchor − p1) > 0 (image coordinates). A zone entry is a step from outside the polygon
 * to inside, or a first appearance inside it. Computed here without the zones package's geometry, so it checks
 * that code rather than repeating it. Keys: "shape/label"; lines [+, −], zones [entries].
 */
public final class TruthCounts {
    private TruthCounts() {
    }

    public static Map<String, long[]> of(Scene scene) {
        Map<String, long[]> out = new TreeMap<>();
        for (Mover m : scene.movers()) {
            for (int part = 0; part < m.sprite().parts().size(); part++) {
                if (!m.sprite().parts().get(part).ignored()) {
                    count(scene, m, part, out);
                }
            }
        }
        return out;
    }

    private static void count(Scene scene, Mover m, int part, Map<String, long[]> out) {
        String label = m.sprite().parts().get(part).label();
        for (LineSpec l : scene.zones().lines()) {
            long[] c = out.computeIfAbsent(l.name() + "/" + label, k -> new long[2]);
            int side = 0;
            double px = 0;
            double py = 0;
            for (int f = m.first(); f <= m.last(); f++) {
                Box b = m.box(f, part);
                double x = b.cx();
                double y = b.cy();
                double cross = (l.x2() - l.x1()) * (y - l.y1()) - (l.y2() - l.y1()) * (x - l.x1());
                int now = cross > 0 ? 1 : cross < 0 ? -1 : 0;
                if (now != 0) {
                    if (side != 0 && now != side && segmentsMeet(px, py, x, y, l)) {
                        c[now > 0 ? 0 : 1]++;
                    }
                    side = now;
                    px = x;
                    py = y;
                }
            }
        }
        for (ZoneSpec z : scene.zones().zones()) {
            long[] c = out.computeIfAbsent(z.name() + "/" + label, k -> new long[1]);
            boolean was = false;
            for (int f = m.first(); f <= m.last(); f++) {
                Box b = m.box(f, part);
                boolean in = inside(z, b.cx(), b.cy());
                if (in && !was) {
                    c[0]++;
                }
                was = in;
            }
        }
    }

    /** Whether segment a-b meets the line's segment: each one's ends on opposite sides of the other. */
    static boolean segmentsMeet(double ax, double ay, double bx, double by, LineSpec l) {
        double d1 = orient(l.x1(), l.y1(), l.x2(), l.y2(), ax, ay);
        double d2 = orient(l.x1(), l.y1(), l.x2(), l.y2(), bx, by);
        double d3 = orient(ax, ay, bx, by, l.x1(), l.y1());
        double d4 = orient(ax, ay, bx, by, l.x2(), l.y2());
        return Math.signum(d1) != Math.signum(d2) && Math.signum(d3) != Math.signum(d4);
    }

    private static double orient(double ox, double oy, double px, double py, double qx, double qy) {
        return (px - ox) * (qy - oy) - (py - oy) * (qx - ox);
    }

    /** Crossing-number test: a ray to the right crosses the boundary an odd number of times. */
    static boolean inside(ZoneSpec z, double x, double y) {
        int crossings = 0;
        int n = z.xs().length;
        for (int i = 0; i < n; i++) {
            double x1 = z.xs()[i];
            double y1 = z.ys()[i];
            double x2 = z.xs()[(i + 1) % n];
            double y2 = z.ys()[(i + 1) % n];
            if ((y1 <= y) != (y2 <= y)) {
                double xAt = x1 + (y - y1) / (y2 - y1) * (x2 - x1);
                if (xAt > x) {
                    crossings++;
                }
            }
        }
        return crossings % 2 == 1;
    }
}
