package io.visionstream.model.text;

import io.visionstream.result.TaskResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order a person reads text regions in: lines from top to bottom, and within a line from left to right.
 * Regions belong to one line when their vertical centres are within half the lower one's height of the
 * line's first region, so a row of labels of different sizes, or a slightly slanted line, stays one row.
 */
public final class ReadingOrder {
    private ReadingOrder() {
    }

    public static void sort(List<TaskResult.TextRegion> regions) {
        List<TaskResult.TextRegion> byCentre = new ArrayList<>(regions);
        byCentre.sort(Comparator.comparingDouble(ReadingOrder::centreY));
        List<List<TaskResult.TextRegion>> lines = new ArrayList<>();
        List<TaskResult.TextRegion> line = null;
        for (TaskResult.TextRegion r : byCentre) {
            if (line != null) {
                TaskResult.TextRegion first = line.get(0);
                if (Math.abs(centreY(r) - centreY(first)) < 0.5 * Math.min(height(r), height(first))) {
                    line.add(r);
                    continue;
                }
            }
            line = new ArrayList<>();
            line.add(r);
            lines.add(line);
        }
        regions.clear();
        for (List<TaskResult.TextRegion> l : lines) {
            l.sort(Comparator.comparingDouble(ReadingOrder::left));
            regions.addAll(l);
        }
    }

    private static double centreY(TaskResult.TextRegion r) {
        float[][] p = r.polygon();
        return (p[0][1] + p[1][1] + p[2][1] + p[3][1]) / 4.0;
    }

    /** Along the box's short side (top-left to bottom-left corner). */
    private static double height(TaskResult.TextRegion r) {
        float[][] p = r.polygon();
        return Math.hypot(p[3][0] - p[0][0], p[3][1] - p[0][1]);
    }

    private static double left(TaskResult.TextRegion r) {
        float[][] p = r.polygon();
        return Math.min(p[0][0], p[3][0]);
    }
}
