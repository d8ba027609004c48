package io.visionstream.bench;

import io.visionstream.config.Nearest;
import io.visionstream.result.TaskResult;

import io.visionstream.model.text.Polygons;
import java.awt.geom.Area;
import java.util.List;

/**
 * Text results scored against ground truth lines. A line is found when a region's polygon covers it at
 * IoU ≥ 0.5 (each region matches at most one line, best IoU first). Character accuracy is
 * 1 − edit distance / length over every ground-truth line, a missed line counting as wholly wrong, with
 * spaces ignored (whether a recognizer emits a space between words is not what is measured).
 */
public record TextScore(int lines, int regions, int found, double charAccuracy) {
    public static final double MIN_IOU = 0.5;

    public double recall() {
        return lines == 0 ? 1 : found / (double) lines;
    }

    public double precision() {
        return regions == 0 ? (lines == 0 ? 1 : 0) : found / (double) regions;
    }

    public static TextScore of(List<TextPages.Line> truth, List<TaskResult.TextRegion> regions) {
        Area[] areas = new Area[regions.size()];
        double[] sizes = new double[regions.size()];
        for (int i = 0; i < areas.length; i++) {
            areas[i] = area(regions.get(i));
            sizes[i] = Polygons.size(areas[i]);
        }
        boolean[] used = new boolean[regions.size()];
        int found = 0;
        long chars = 0;
        long correct = 0;
        for (TextPages.Line line : truth) {
            Area gt = area(line.corners());
            double gtSize = Polygons.size(gt);
            int best = -1;
            double bestIou = MIN_IOU;
            for (int i = 0; i < areas.length; i++) {
                if (used[i]) {
                    continue;
                }
                double in = Polygons.overlap(gt, areas[i]);
                double iou = in / (gtSize + sizes[i] - in);
                if (iou >= bestIou) {
                    bestIou = iou;
                    best = i;
                }
            }
            String expected = line.text().replace(" ", "");
            chars += expected.length();
            if (best >= 0) {
                used[best] = true;
                found++;
                String read = regions.get(best).text() == null ? "" : regions.get(best).text().replace(" ", "");
                correct += Math.max(0, expected.length() - editDistance(expected, read));
            }
        }
        return new TextScore(truth.size(), regions.size(), found, chars == 0 ? 1 : correct / (double) chars);
    }

    /** IoU of a ground-truth line and a region's polygon. */
    public static double iou(TextPages.Line line, TaskResult.TextRegion region) {
        Area gt = area(line.corners());
        Area r = area(region);
        double in = Polygons.overlap(gt, r);
        return in / (Polygons.size(gt) + Polygons.size(r) - in);
    }

    private static Area area(TaskResult.TextRegion region) {
        float[][] p = region.polygon();
        double[][] c = new double[p.length][];
        for (int k = 0; k < p.length; k++) {
            c[k] = new double[] {p[k][0], p[k][1]};
        }
        return area(c);
    }

    private static Area area(double[][] corners) {
        double[] xs = new double[corners.length];
        double[] ys = new double[corners.length];
        for (int i = 0; i < corners.length; i++) {
            xs[i] = corners[i][0];
            ys[i] = corners[i][1];
        }
        return Polygons.of(xs, ys);
    }

    /** Levenshtein distance: the edits that turn one text into the other. */
    public static int editDistance(String a, String b) {
        return Nearest.distance(a, b);
    }
}
