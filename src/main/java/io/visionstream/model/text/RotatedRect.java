package io.visionstream.model.text;

/**
 * A rectangle at any angle: centre, side lengths along its own axes (u = width direction, v = height
 * direction, unit vectors). Built as the minimum-area rectangle around a point set.
 */
public record RotatedRect(double cx, double cy, double width, double height, double ux, double uy) {

    /** Rotating calipers over the convex hull of (xs[i], ys[i]), i &lt; n. */
    public static RotatedRect minAreaRect(double[] xs, double[] ys, int n) {
        int[] hull = ConvexHull.of(xs, ys, n);
        double bestArea = Double.MAX_VALUE;
        RotatedRect best = null;
        for (int i = 0; i < hull.length; i++) {
            int a = hull[i];
            int b = hull[(i + 1) % hull.length];
            double ex = xs[b] - xs[a];
            double ey = ys[b] - ys[a];
            double len = Math.hypot(ex, ey);
            if (len == 0) {
                continue;
            }
            double ux = ex / len;
            double uy = ey / len;
            double minU = Double.MAX_VALUE;
            double maxU = -Double.MAX_VALUE;
            double minV = Double.MAX_VALUE;
            double maxV = -Double.MAX_VALUE;
            for (int k : hull) {
                double pu = xs[k] * ux + ys[k] * uy;
                double pv = -xs[k] * uy + ys[k] * ux;
                minU = Math.min(minU, pu);
                maxU = Math.max(maxU, pu);
                minV = Math.min(minV, pv);
                maxV = Math.max(maxV, pv);
            }
            double area = (maxU - minU) * (maxV - minV);
            if (area < bestArea) {
                bestArea = area;
                double cu = (minU + maxU) / 2;
                double cv = (minV + maxV) / 2;
                best = new RotatedRect(cu * ux - cv * uy, cu * uy + cv * ux, maxU - minU, maxV - minV, ux, uy);
            }
        }
        if (best == null) { // all points equal
            return new RotatedRect(xs[0], ys[0], 0, 0, 1, 0);
        }
        return best.normalized();
    }

    /** Width along the more horizontal axis, so text lines come out wide, not tall. */
    private RotatedRect normalized() {
        if (Math.abs(ux) >= Math.abs(uy)) {
            return ux >= 0 ? this : new RotatedRect(cx, cy, width, height, -ux, -uy);
        }
        // swap axes: the new u is the old v, pointing right
        double nux = -uy;
        double nuy = ux;
        if (nux < 0) {
            nux = -nux;
            nuy = -nuy;
        }
        return new RotatedRect(cx, cy, height, width, nux, nuy);
    }

    /** Grows every side outward by d. */
    public RotatedRect expand(double d) {
        return new RotatedRect(cx, cy, width + 2 * d, height + 2 * d, ux, uy);
    }

    /** Corners clockwise (in image coordinates, y down) from top-left: tl, tr, br, bl. */
    public double[][] corners() {
        double hw = width / 2;
        double hh = height / 2;
        double vx = -uy;
        double vy = ux;
        return new double[][] {
            {cx - hw * ux - hh * vx, cy - hw * uy - hh * vy},
            {cx + hw * ux - hh * vx, cy + hw * uy - hh * vy},
            {cx + hw * ux + hh * vx, cy + hw * uy + hh * vy},
            {cx - hw * ux + hh * vx, cy - hw * uy + hh * vy},
        };
    }

    /** Monotone-chain convex hull; returns indices in counter-clockwise order. */
    static final class ConvexHull {
        private ConvexHull() {
        }

        static int[] of(double[] xs, double[] ys, int n) {
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            java.util.Arrays.sort(idx, (a, b) -> xs[a] != xs[b] ? Double.compare(xs[a], xs[b]) : Double.compare(ys[a], ys[b]));
            int[] h = new int[2 * n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                while (k >= 2 && cross(xs, ys, h[k - 2], h[k - 1], idx[i]) <= 0) {
                    k--;
                }
                h[k++] = idx[i];
            }
            for (int i = n - 2, t = k + 1; i >= 0; i--) {
                while (k >= t && cross(xs, ys, h[k - 2], h[k - 1], idx[i]) <= 0) {
                    k--;
                }
                h[k++] = idx[i];
            }
            return java.util.Arrays.copyOf(h, Math.max(1, k - 1));
        }

        private static double cross(double[] xs, double[] ys, int o, int a, int b) {
            return (xs[a] - xs[o]) * (ys[b] - ys[o]) - (ys[a] - ys[o]) * (xs[b] - xs[o]);
        }
    }
}
