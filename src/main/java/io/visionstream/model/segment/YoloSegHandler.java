package io.visionstream.model.segment;

import ai.onnxruntime.OrtException;
import io.visionstream.model.segment.MaskBuffer;
import io.visionstream.result.MaskImage;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.model.FixedInputHandler;
import io.visionstream.model.StepTimes;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.model.ModelShapeException;
import io.visionstream.model.ModelSpec;
import io.visionstream.result.TaskResult;
import io.visionstream.model.detect.Candidates;
import io.visionstream.result.Detection;
import io.visionstream.model.detect.YoloDecoder;
import io.visionstream.runtime.ModelSession;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * YOLOv8-seg exports (family {@code yolov8-seg}): {@code [1, 4+C+M, N]} boxes, class scores and M mask
 * coefficients, plus {@code [1, M, mh, mw]} prototypes. After NMS, each instance's mask is
 * sigmoid(coefficients · prototypes) &gt; 0.5 inside its box, computed at prototype resolution; the
 * original-size class-index mask is then painted in one pass (best-scoring instance wins a pixel).
 */
public final class YoloSegHandler extends FixedInputHandler {
    private final MaskBuffer masks = new MaskBuffer();
    private final int classes;

    public YoloSegHandler(ModelSpec spec, ModelSession session) throws OrtException {
        super(spec, session);
        this.classes = spec.labels().size();
        Map<String, long[]> shapes = session.outputShapes();
        long[] head = shapes.values().stream().filter(v -> v.length == 3).findFirst().orElse(null);
        long[] protos = shapes.values().stream().filter(v -> v.length == 4).findFirst().orElse(null);
        boolean ok = classes > 0 && shapes.size() == 2 && head != null && protos != null
                && (head[1] < 0 || protos[1] < 0 || head[1] == 4 + classes + protos[1]);
        if (!ok) {
            StringBuilder actual = new StringBuilder();
            shapes.forEach((k, v) -> actual.append(k).append(java.util.Arrays.toString(v)).append(' '));
            throw new ModelShapeException(spec.name(), "[1,4+C+M,N] and [1,M,h,w] prototypes with C=" + classes,
                    actual.toString().trim());
        }
        allocateInput();
    }

    /** One kept instance: its box in input pixels and its mask at prototype resolution. */
    private record Instance(Detection box, boolean[] mask) { }

    @Override
    protected TaskResult decode(ModelOutputs outputs, ResizePlan plan, BufferedImage image, StepTimes times) {
        // ONNX Runtime does not promise the model's output order: the head is the rank-3 output
        ModelOutputs.Tensor head = outputs.all().stream().filter(t -> t.rank() == 3).findFirst().orElseThrow();
        ModelOutputs.Tensor protos = outputs.all().stream().filter(t -> t.rank() == 4).findFirst().orElseThrow();
        int rows = head.dim(1);
        int n = head.dim(2);
        int m = protos.dim(1);
        int mh = protos.dim(2);
        int mw = protos.dim(3);
        FloatBuffer d = head.data();
        Candidates c = new Candidates(spec);
        YoloDecoder.addV8Candidates(d, n, classes, c);
        double px = (double) mw / spec.inputWidth();
        double py = (double) mh / spec.inputHeight();
        List<Instance> instances = new ArrayList<>();
        for (Detection det : c.suppressed()) {
            int anchor = c.anchorOf(det);
            boolean[] mask = new boolean[mw * mh];
            int x0 = Math.max(0, (int) Math.floor(det.x1() * px));
            int x1 = Math.min(mw, (int) Math.ceil(det.x2() * px));
            int y0 = Math.max(0, (int) Math.floor(det.y1() * py));
            int y1 = Math.min(mh, (int) Math.ceil(det.y2() * py));
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    double v = 0;
                    for (int k = 0; k < m; k++) {
                        v += d.get((4 + classes + k) * n + anchor) * protos.data().get((k * mh + y) * mw + x);
                    }
                    mask[y * mw + x] = v > 0; // sigmoid(v) > 0.5
                }
            }
            instances.add(new Instance(det, mask));
        }
        return paint(instances, plan, image.getWidth(), image.getHeight(), mw, mh);
    }

    /** One pass over the original pixels; the first (best-scoring) instance whose mask covers a pixel wins. */
    private TaskResult paint(List<Instance> instances, ResizePlan plan, int w, int h, int mw, int mh) {
        MaskImage mask = masks.clear(w, h);
        SegmentTally tally = new SegmentTally(instances.size());
        for (int y = 0; y < h; y++) {
            double iy = (y + 0.5) * plan.scaleY() + plan.padY();
            int my = Math.min(mh - 1, (int) (iy * mh / spec.inputHeight()));
            for (int x = 0; x < w; x++) {
                double ix = (x + 0.5) * plan.scaleX() + plan.padX();
                int mx = Math.min(mw - 1, (int) (ix * mw / spec.inputWidth()));
                for (int i = 0; i < instances.size(); i++) {
                    Instance in = instances.get(i);
                    Detection b = in.box();
                    if (ix >= b.x1() && ix < b.x2() && iy >= b.y1() && iy < b.y2() && in.mask()[my * mw + mx]) {
                        mask.data()[y * w + x] = (byte) (b.classId() + 1);
                        tally.add(i, x, y);
                        break;
                    }
                }
            }
        }
        List<TaskResult.Segment> segments = tally.segments(i -> instances.get(i).box().classId(),
                i -> instances.get(i).box().label(), (long) w * h);
        return new TaskResult.Segments(segments, mask);
    }
}
