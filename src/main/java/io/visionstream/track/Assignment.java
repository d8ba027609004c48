package io.visionstream.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Minimum-cost matching of rows (tracks) to columns (detections) where a pair may match only if its cost is
 * below {@code limit}: what ByteTrack's {@code lap.lapjv(cost, extend_cost=True, cost_limit=thresh)} computes.
 * Leaving a row or a column unmatched costs limit / 2, so a pair is matched only where that lowers the total.
 * Pairs at or above the limit never match, so the problem splits into the connected groups of allowed pairs;
 * each group is solved exactly with the Hungarian method, which keeps hundreds of boxes a frame cheap.
 */
final class Assignment {
    private Assignment() {
    }

    /** For each row, the matched column or -1. {@code cost[r][c]} ≥ limit (or NaN) means "never". */
    static int[] solve(double[][] cost, int rows, int cols, double limit) {
        int[] match = new int[rows];
        Arrays.fill(match, -1);
        if (rows == 0 || cols == 0) {
            return match;
        }
        // connected groups of allowed pairs, by union-find over rows and columns (columns are rows + c)
        int[] parent = new int[rows + cols];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (cost[r][c] < limit) {
                    union(parent, r, rows + c);
                }
            }
        }
        List<List<Integer>> groupRows = new ArrayList<>();
        List<List<Integer>> groupCols = new ArrayList<>();
        int[] groupOf = new int[rows + cols];
        Arrays.fill(groupOf, -1);
        for (int i = 0; i < rows + cols; i++) {
            int root = find(parent, i);
            if (groupOf[root] < 0) {
                groupOf[root] = groupRows.size();
                groupRows.add(new ArrayList<>());
                groupCols.add(new ArrayList<>());
            }
            if (i < rows) {
                groupRows.get(groupOf[root]).add(i);
            } else {
                groupCols.get(groupOf[root]).add(i - rows);
            }
        }
        for (int g = 0; g < groupRows.size(); g++) {
            List<Integer> gr = groupRows.get(g);
            List<Integer> gc = groupCols.get(g);
            if (gr.isEmpty() || gc.isEmpty()) {
                continue;
            }
            if (gr.size() == 1 && gc.size() == 1) {
                match[gr.get(0)] = gc.get(0); // a lone allowed pair: matching it is always cheaper
                continue;
            }
            int[] local = extended(cost, gr, gc, limit);
            for (int i = 0; i < gr.size(); i++) {
                if (local[i] >= 0) {
                    match[gr.get(i)] = gc.get(local[i]);
                }
            }
        }
        return match;
    }

    /** One group on the extended square matrix of size n + m, as lapjv's extend_cost with cost_limit builds it. */
    private static int[] extended(double[][] cost, List<Integer> gr, List<Integer> gc, double limit) {
        int n = gr.size();
        int m = gc.size();
        int size = n + m;
        double big = 1e9;
        double[][] a = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                double v;
                if (i < n && j < m) {
                    double c = cost[gr.get(i)][gc.get(j)];
                    v = c < limit ? c : big;
                } else if (i < n) {
                    v = limit / 2; // row i unmatched
                } else if (j < m) {
                    v = limit / 2; // column j unmatched
                } else {
                    v = 0;
                }
                a[i][j] = v;
            }
        }
        int[] assign = hungarian(a);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int j = assign[i];
            out[i] = j < m && a[i][j] < big ? j : -1;
        }
        return out;
    }

    /** The Hungarian method with potentials (e-maxx form), O(n³): for each row its column. */
    static int[] hungarian(double[][] a) {
        int n = a.length;
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
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
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
        int[] rowToCol = new int[n];
        for (int j = 1; j <= n; j++) {
            if (p[j] > 0) {
                rowToCol[p[j] - 1] = j - 1;
            }
        }
        return rowToCol;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
