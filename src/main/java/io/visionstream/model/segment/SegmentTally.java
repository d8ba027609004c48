package io.visionstream.model.segment;

import io.visionstream.result.TaskResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/** Pixel count and bounding box per segment (class or instance), gathered while a mask is painted or read. */
final class SegmentTally {
    private final long[] count;
    private final int[][] box;

    SegmentTally(int segments) {
        count = new long[segments];
        box = new int[segments][];
        for (int i = 0; i < segments; i++) {
            box[i] = new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        }
    }

    void add(int segment, int x, int y) {
        count[segment]++;
        int[] b = box[segment];
        b[0] = Math.min(b[0], x);
        b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x + 1);
        b[3] = Math.max(b[3], y + 1);
    }

    /** The segments with at least one pixel, in index order, coverage over an image of the given pixels. */
    List<TaskResult.Segment> segments(IntUnaryOperator classId, IntFunction<String> label, long imagePixels) {
        List<TaskResult.Segment> out = new ArrayList<>();
        for (int i = 0; i < count.length; i++) {
            if (count[i] > 0) {
                out.add(new TaskResult.Segment(classId.applyAsInt(i), label.apply(i), (double) count[i] / imagePixels, box[i]));
            }
        }
        return out;
    }
}
