package io.visionstream.model.detect;

import io.visionstream.result.Detection;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.model.ModelSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Boxes above the score threshold, in model-input coordinates, on their way to becoming detections:
 * class-aware non-maximum suppression, a cap on the count, then mapping back to original pixels.
 */
public final class Candidates {
    private final ModelSpec spec;
    private final List<Detection> boxes = new ArrayList<>();
    /** Which output row each candidate came from (for per-anchor extras such as mask coefficients). */
    private final java.util.IdentityHashMap<Detection, Integer> anchors = new java.util.IdentityHashMap<>();

    public Candidates(ModelSpec spec) {
        this.spec = spec;
    }

    public void add(int classId, float score, float x1, float y1, float x2, float y2) {
        add(classId, score, x1, y1, x2, y2, -1);
    }

    public void add(int classId, float score, float x1, float y1, float x2, float y2, int anchor) {
        if (score >= spec.scoreThreshold()) {
            Detection d = new Detection(classId, spec.label(classId), score, x1, y1, x2, y2);
            boxes.add(d);
            anchors.put(d, anchor);
        }
    }

    public int anchorOf(Detection d) {
        return anchors.getOrDefault(d, -1);
    }

    public void addCentre(int classId, float score, float cx, float cy, float w, float h) {
        add(classId, score, cx - w / 2f, cy - h / 2f, cx + w / 2f, cy + h / 2f);
    }

    /** Greedy NMS per class, best score first, at most maxDetections kept. */
    public List<Detection> suppressed() {
        return greedy(boxes, spec, (kept, d) -> kept.iou(d) > spec.iouThreshold());
    }

    /** The candidates as they are (models with NMS inside), best first and capped. */
    public List<Detection> asIs() {
        boxes.sort(Comparator.comparingDouble(Detection::score).reversed());
        return boxes.size() > spec.maxDetections() ? boxes.subList(0, spec.maxDetections()) : boxes;
    }

    /** Best score first, a box is kept unless a kept box of its class covers it; at most maxDetections kept. */
    private static List<Detection> greedy(List<Detection> boxes, ModelSpec spec,
                                          java.util.function.BiPredicate<Detection, Detection> covers) {
        boxes.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : boxes) {
            if (kept.size() >= spec.maxDetections()) {
                break;
            }
            boolean covered = false;
            for (Detection k : kept) {
                if (k.classId() == d.classId() && covers.test(k, d)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                kept.add(d);
            }
        }
        return kept;
    }

    public static List<Detection> toOriginal(List<Detection> inModel, ResizePlan plan) {
        List<Detection> out = new ArrayList<>(inModel.size());
        for (Detection d : inModel) {
            out.add(new Detection(d.classId(), d.label(), d.score(),
                    (float) plan.toOriginalX(d.x1()), (float) plan.toOriginalY(d.y1()),
                    (float) plan.toOriginalX(d.x2()), (float) plan.toOriginalY(d.y2())));
        }
        return out;
    }
}
