package io.visionstream.model.cascade;

import io.visionstream.result.Detection;
import io.visionstream.result.Person;
import io.visionstream.result.TaskResult;
import java.util.List;

/**
 * Where a crop lies in its frame, and the second model's result moved from crop pixels to frame pixels: a crop
 * cut at (x, y) and scaled by {@code scale} (1 unless it was above maxCropPixels) maps crop point p to
 * p / scale + (x, y). Pixels (masks, images) are dropped: a crop's result travels as numbers only.
 */
record CropPlacement(int x, int y, int width, int height, double scale) {

    double frameX(double cx) {
        return cx / scale + x;
    }

    double frameY(double cy) {
        return cy / scale + y;
    }

    TaskResult toFrame(TaskResult r) {
        double k = 1.0 / scale;
        if (r instanceof TaskResult.Detections d) {
            List<Detection> moved = d.detections().stream().map(o -> new Detection(o.classId(), o.label(), o.score(),
                    (float) frameX(o.x1()), (float) frameY(o.y1()), (float) frameX(o.x2()), (float) frameY(o.y2())))
                    .toList();
            return new TaskResult.Detections(moved);
        }
        if (r instanceof TaskResult.Texts t) {
            return new TaskResult.Texts(t.texts().stream().map(region -> {
                float[][] p = new float[region.polygon().length][];
                for (int i = 0; i < p.length; i++) {
                    p[i] = new float[] {(float) frameX(region.polygon()[i][0]), (float) frameY(region.polygon()[i][1])};
                }
                return new TaskResult.TextRegion(p, region.score(), region.text(), region.textScore());
            }).toList());
        }
        if (r instanceof TaskResult.Segments s) {
            List<TaskResult.Segment> segments = s.segments().stream().map(g -> new TaskResult.Segment(g.classId(),
                    g.label(), g.coverage(), new int[] {(int) Math.floor(frameX(g.box()[0])),
                        (int) Math.floor(frameY(g.box()[1])), (int) Math.ceil(frameX(g.box()[2])),
                        (int) Math.ceil(frameY(g.box()[3]))})).toList();
            List<Person> people = s.people().stream().map(p -> p.moved(k, k, x, y)).toList();
            return new TaskResult.Segments(segments, null, people);
        }
        return r.withoutPixels();
    }
}
