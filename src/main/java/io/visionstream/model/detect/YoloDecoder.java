package io.visionstream.model.detect;

import io.visionstream.result.Detection;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.model.ModelShapeException;
import io.visionstream.model.ModelSpec;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * Ultralytics-style YOLO exports, told apart by the shape of the first output (C = number of labels):
 * <ul>
 *   <li>v8/v11: {@code [1, 4+C, N]}, rows cx,cy,w,h then C class scores (already sigmoid); needs NMS.</li>
 *   <li>v5: {@code [1, N, 5+C]}, cx,cy,w,h, objectness, C class probabilities; score = obj·cls; needs NMS.</li>
 *   <li>end-to-end (v10, v26, {@code nms=True}): {@code [1, K, 6]}, x1,y1,x2,y2,score,class; NMS done.</li>
 * </ul>
 * Coordinates are in model-input pixels (letterboxed), mapped back through the {@link ResizePlan}.
 */
public final class YoloDecoder implements DetectionDecoder {
    public enum Layout { V8, V5, END_TO_END }

    /** End-to-end exports keep at most a few hundred boxes; raw heads have thousands of anchors. */
    private static final int MAX_END_TO_END_ROWS = 1000;

    private final ModelSpec spec;
    private final int classes;

    public YoloDecoder(ModelSpec spec) {
        this.spec = spec;
        this.classes = spec.labels().size();
    }

    /**
     * The layout of a {@code [1, a, b]} output: the one the registry family forces, or the one read from the
     * shape; null when the shape fits neither.
     */
    public Layout layoutOf(long a, long b) {
        Layout forced = switch (spec.family()) {
            case "yolov8" -> Layout.V8;
            case "yolov5" -> Layout.V5;
            case "yolo-e2e" -> Layout.END_TO_END;
            default -> null;
        };
        if (forced != null) {
            return fits(forced, a, b) ? forced : null;
        }
        if (classes > 0 && a == 4 + classes) {
            return Layout.V8;
        }
        if (b == 6 && a > 0 && a <= MAX_END_TO_END_ROWS) {
            return Layout.END_TO_END;
        }
        if (classes > 0 && b == 5 + classes) {
            return Layout.V5;
        }
        if (classes == 0 && a > 4 && b > a) {
            return Layout.V8; // channels first: far fewer channels than anchors
        }
        if (classes == 0 && b > 5 && a > b) {
            return Layout.V5;
        }
        return null;
    }

    private boolean fits(Layout layout, long a, long b) {
        return switch (layout) {
            case V8 -> classes > 0 ? a == 4 + classes : a > 4;
            case V5 -> classes > 0 ? b == 5 + classes : b > 5;
            case END_TO_END -> b == 6;
        };
    }

    /**
     * The rows of a channels-first {@code [1, 4+C(+extra), n]} head (v8/v11, v8-seg): cx, cy, w, h and C class
     * scores per anchor; each anchor's best class becomes a candidate remembering its anchor index.
     */
    public static void addV8Candidates(FloatBuffer d, int n, int classes, Candidates c) {
        for (int i = 0; i < n; i++) {
            int best = 0;
            float bestScore = d.get(4 * n + i);
            for (int k = 1; k < classes; k++) {
                float v = d.get((4 + k) * n + i);
                if (v > bestScore) {
                    bestScore = v;
                    best = k;
                }
            }
            float cx = d.get(i);
            float cy = d.get(n + i);
            float w = d.get(2 * n + i);
            float h = d.get(3 * n + i);
            c.add(best, bestScore, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, i);
        }
    }

    @Override
    public void checkOutputs(Map<String, long[]> shapes) {
        long[] s = shapes.values().iterator().next();
        String expected = "[1,4+C,N] (v8/v11), [1,N,5+C] (v5) or [1,K,6] (end-to-end) with C=" + classes;
        if (s.length != 3) {
            throw new ModelShapeException(spec.name(), expected, ModelShapeException.describe(shapes));
        }
        boolean dynamic = s[1] < 0 || s[2] < 0;
        if (!dynamic && layoutOf(s[1], s[2]) == null) {
            throw new ModelShapeException(spec.name(), expected, ModelShapeException.describe(shapes));
        }
    }

    @Override
    public List<Detection> decode(ModelOutputs outputs, ResizePlan plan) {
        ModelOutputs.Tensor t = outputs.first();
        int a = t.dim(1);
        int b = t.dim(2);
        Layout layout = layoutOf(a, b);
        if (layout == null) {
            throw new IllegalStateException("model '" + spec.name() + "': output " + t + " matches no YOLO layout");
        }
        FloatBuffer d = t.data();
        Candidates c = new Candidates(spec);
        switch (layout) {
            case V8 -> {
                addV8Candidates(d, b, a - 4, c);
                return Candidates.toOriginal(c.suppressed(), plan);
            }
            case V5 -> {
                int nc = b - 5;
                for (int i = 0; i < a; i++) {
                    int row = i * b;
                    float obj = d.get(row + 4);
                    if (obj < spec.scoreThreshold()) {
                        continue;
                    }
                    int best = 0;
                    float bestScore = d.get(row + 5);
                    for (int k = 1; k < nc; k++) {
                        float v = d.get(row + 5 + k);
                        if (v > bestScore) {
                            bestScore = v;
                            best = k;
                        }
                    }
                    c.addCentre(best, obj * bestScore, d.get(row), d.get(row + 1), d.get(row + 2), d.get(row + 3));
                }
                return Candidates.toOriginal(c.suppressed(), plan);
            }
            default -> {
                for (int i = 0; i < a; i++) {
                    int row = i * b;
                    c.add(Math.round(d.get(row + 5)), d.get(row + 4),
                            d.get(row), d.get(row + 1), d.get(row + 2), d.get(row + 3));
                }
                return Candidates.toOriginal(c.asIs(), plan);
            }
        }
    }
}
