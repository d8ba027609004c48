package io.visionstream.bench.tracking;

import java.util.Arrays;

/**
 * Minimum-cost assignment on a rectangular matrix (Kuhn-Munkres with potentials, O(n³)); the bench's own, so
 * that the metrics and the reference tracker share no code with the tracker they judge.
 */
public final class Hungarian {
    private Hungarian() {
    }

    /** For each row, its column or -1 (only when there are more rows than columns). Every cost must be finite. */
    public static int[] solve(double[][] cost, int rows, int cols) {
        int n = Math.max(rows, cols);
        int[] out = new int[rows];
        Arrays.fill(out, -1);
        if (rows == 0 || cols == 0) {
            return out;
        }
        // square by padding with zero-cost rows or columns: they take what the real ones leave
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] p = new int[n + 1];
        int[] way = new int[n + 1];
        double[] minv = new double[n + 1];
        boolean[] used = new boolean[n + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double c = i0 <= rows && j <= cols ? cost[i0 - 1][j - 1] : 0;
                        double cur = c - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        for (int j = 1; j <= cols; j++) {
            if (p[j] > 0 && p[j] <= rows) {
                out[p[j] - 1] = j - 1;
            }
        }
        return out;
    }
}
