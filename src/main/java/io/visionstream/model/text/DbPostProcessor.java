package io.visionstream.model.text;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * DBNet probability map to text boxes: threshold → connected regions (8-connected) → minimum-area rectangle
 * → score (mean probability of the region) → unclip (grow by area·ratio/perimeter, as PP-OCR's polygon
 * offset does for a rectangle). Work buffers are kept and reused between images.
 */
public final class DbPostProcessor {
    /**
     * A box in probability-map pixels with its score, and the bounds of the region it was fitted to (pixels
     * above the threshold, inclusive, before unclipping): where the text itself is, which tells a line that
     * runs into the map's edge from one that merely comes near it.
     */
    public record Box(RotatedRect rect, float score, int minX, int minY, int maxX, int maxY) { }

    private final float binaryThreshold;
    private final float boxThreshold;
    private final double unclipRatio;
    private final double minSize;
    private final int maxRegions;
    private int[] labels = new int[0];
    private int[] stack = new int[0];

    public DbPostProcessor(float binaryThreshold, float boxThreshold, double unclipRatio, double minSize, int maxRegions) {
        this.binaryThreshold = binaryThreshold;
        this.boxThreshold = boxThreshold;
        this.unclipRatio = unclipRatio;
        this.minSize = minSize;
        this.maxRegions = maxRegions;
    }

    public List<Box> boxes(FloatBuffer prob, int w, int h) {
        int n = w * h;
        if (labels.length < n) {
            labels = new int[n];
            stack = new int[n];
        }
        java.util.Arrays.fill(labels, 0, n, 0);
        List<Box> out = new ArrayList<>();
        int next = 1;
        for (int start = 0; start < n && out.size() < maxRegions; start++) {
            if (labels[start] != 0 || prob.get(start) <= binaryThreshold) {
                continue;
            }
            Box b = region(prob, w, h, start, next++);
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    /** Flood-fills one region from start, then fits and scores its rectangle; null when it is filtered out. */
    private Box region(FloatBuffer prob, int w, int h, int start, int label) {
        int top = 0;
        stack[top++] = start;
        labels[start] = label;
        int minY = start / w;
        int maxY = minY;
        int minX = start % w;
        int maxX = minX;
        double sum = 0;
        int count = 0;
        // rows of the region: min and max x per row, for the hull of its pixel squares
        java.util.Map<Integer, int[]> rows = new java.util.HashMap<>();
        while (top > 0) {
            int p = stack[--top];
            int x = p % w;
            int y = p / w;
            sum += prob.get(p);
            count++;
            int[] r = rows.computeIfAbsent(y, k -> new int[] {Integer.MAX_VALUE, -1});
            r[0] = Math.min(r[0], x);
            r[1] = Math.max(r[1], x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            for (int dy = -1; dy <= 1; dy++) {
                int ny = y + dy;
                if (ny < 0 || ny >= h) {
                    continue;
                }
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = x + dx;
                    if (nx < 0 || nx >= w || (dx == 0 && dy == 0)) {
                        continue;
                    }
                    int q = ny * w + nx;
                    if (labels[q] == 0 && prob.get(q) > binaryThreshold) {
                        labels[q] = label;
                        stack[top++] = q;
                    }
                }
            }
        }
        if (count < 4) {
            return null;
        }
        float score = (float) (sum / count);
        if (score < boxThreshold) {
            return null;
        }
        double[] xs = new double[rows.size() * 4];
        double[] ys = new double[rows.size() * 4];
        int k = 0;
        for (var e : rows.entrySet()) {
            int y = e.getKey();
            int[] r = e.getValue();
            xs[k] = r[0];
            ys[k++] = y;
            xs[k] = r[1] + 1;
            ys[k++] = y;
            xs[k] = r[0];
            ys[k++] = y + 1;
            xs[k] = r[1] + 1;
            ys[k++] = y + 1;
        }
        RotatedRect rect = RotatedRect.minAreaRect(xs, ys, k);
        if (Math.min(rect.width(), rect.height()) < minSize) {
            return null;
        }
        double area = rect.width() * rect.height();
        double perimeter = 2 * (rect.width() + rect.height());
        RotatedRect grown = rect.expand(area * unclipRatio / perimeter);
        if (Math.min(grown.width(), grown.height()) < minSize + 2) {
            return null;
        }
        return new Box(grown, score, minX, minY, maxX, maxY);
    }
}
