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
import io.visionstream.runtime.ModelSession;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Per-pixel probability maps (family {@code probability}): one output {@code [1,h,w,C]} (NHWC) or
 * {@code [1,C,h,w]} (NCHW) with C = number of labels. The map is sampled bilinearly at every pixel of the
 * original image, in one pass, into the slot's reusable mask: a pixel gets the most probable class whose
 * probability reaches {@code thresholds.score}, else background. Under memory policy {@code tile} a large
 * image runs in overlapping tiles sampled into the same full-size mask, the most confident tile winning each
 * overlapped pixel (masks stitched by max).
 */
public final class SegmentationHandler extends FixedInputHandler {
    private final MaskBuffer masks = new MaskBuffer();
    private final int classes;

    public SegmentationHandler(ModelSpec spec, ModelSession session) throws OrtException {
        super(spec, session);
        this.classes = Math.max(1, spec.labels().size());
        checkOutputs(session.outputShapes());
        allocateInput();
    }

    private void checkOutputs(Map<String, long[]> shapes) {
        long[] s = shapes.values().iterator().next();
        boolean nhwc = s.length == 4 && s[3] == classes;
        boolean nchw = s.length == 4 && s[1] == classes;
        if (!nhwc && !nchw) {
            throw new ModelShapeException(spec.name(), "[1,h,w," + classes + "] or [1," + classes + ",h,w] probabilities",
                    Arrays.toString(s));
        }
    }

    @Override
    protected boolean tilesSupported() {
        return true;
    }

    /** Each tile's map sampled over its part of one full-size mask; where tiles overlap, the more confident wins. */
    @Override
    protected TileMerger tileMerger(BufferedImage image) {
        MaskImage mask = masks.clear(image.getWidth(), image.getHeight());
        byte[] confidence = masks.clearConfidence(image.getWidth(), image.getHeight());
        return new TileMerger() {
            @Override
            public void add(ModelOutputs outputs, ResizePlan plan, Rectangle tile) {
                sample(outputs.first(), plan, tile, mask, confidence);
            }

            @Override
            public TaskResult finish() {
                return summarise(mask);
            }
        };
    }

    @Override
    protected TaskResult decode(ModelOutputs outputs, ResizePlan plan, BufferedImage image, StepTimes times) {
        MaskImage mask = masks.clear(image.getWidth(), image.getHeight());
        sample(outputs.first(), plan, new Rectangle(0, 0, image.getWidth(), image.getHeight()), mask, null);
        return summarise(mask);
    }

    /**
     * Samples the probability map at the centre of every pixel of {@code region} (plan: model input to region
     * pixels) into the mask: the most probable class at or above the threshold, else background. With a
     * confidence plane, a pixel is only written when this map is more confident than what is there.
     */
    private void sample(ModelOutputs.Tensor t, ResizePlan plan, Rectangle region, MaskImage mask, byte[] conf) {
        boolean nhwc = t.dim(3) == classes;
        int mh = nhwc ? t.dim(1) : t.dim(2);
        int mw = nhwc ? t.dim(2) : t.dim(3);
        ProbabilityMap map = new ProbabilityMap(t.data(), mw, mh, classes, nhwc);
        int stride = mask.width();
        float threshold = spec.scoreThreshold();
        // Pixel centres of the region mapped to the model's map (inverse of the stretch/letterbox).
        for (int y = 0; y < region.height; y++) {
            double my = ((y + 0.5) * plan.scaleY() + plan.padY()) * mh / plan.dstHeight() - 0.5;
            int row = (region.y + y) * stride + region.x;
            for (int x = 0; x < region.width; x++) {
                double mx = ((x + 0.5) * plan.scaleX() + plan.padX()) * mw / plan.dstWidth() - 0.5;
                int best = -1;
                float bestP = 0f;
                for (int c = 0; c < classes; c++) {
                    float p = map.sample(mx, my, c);
                    if (p > bestP) {
                        bestP = p;
                        best = c;
                    }
                }
                int i = row + x;
                if (conf != null) {
                    int q = Math.round(Math.max(0f, Math.min(1f, bestP)) * 255);
                    if (q <= (conf[i] & 0xFF)) {
                        continue;
                    }
                    conf[i] = (byte) q;
                }
                mask.data()[i] = (byte) (best >= 0 && bestP >= threshold ? best + 1 : 0);
            }
        }
    }

    /** Coverage and bounding box per class, in one pass over the finished mask. */
    private TaskResult summarise(MaskImage mask) {
        int w = mask.width();
        int h = mask.height();
        SegmentTally tally = new SegmentTally(classes);
        byte[] data = mask.data();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int k = data[y * w + x] - 1;
                if (k >= 0) {
                    tally.add(k, x, y);
                }
            }
        }
        List<TaskResult.Segment> segments = tally.segments(c -> c, spec::label, (long) w * h);
        return new TaskResult.Segments(segments, mask);
    }

    /** Bilinear sampling of a [h,w,C] or [C,h,w] float map, clamped at the borders. */
    private record ProbabilityMap(FloatBuffer data, int w, int h, int classes, boolean nhwc) {
        float at(int x, int y, int c) {
            x = Math.max(0, Math.min(w - 1, x));
            y = Math.max(0, Math.min(h - 1, y));
            return nhwc ? data.get((y * w + x) * classes + c) : data.get((c * h + y) * w + x);
        }

        float sample(double x, double y, int c) {
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            float fx = (float) (x - x0);
            float fy = (float) (y - y0);
            float top = at(x0, y0, c) * (1 - fx) + at(x0 + 1, y0, c) * fx;
            float bottom = at(x0, y0 + 1, c) * (1 - fx) + at(x0 + 1, y0 + 1, c) * fx;
            return top * (1 - fy) + bottom * fy;
        }
    }
}
