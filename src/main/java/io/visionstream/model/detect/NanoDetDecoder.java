package io.visionstream.model.detect;

import io.visionstream.result.Detection;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.ModelShapeException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * NanoDet (GFL head): per stride level a [1,N,C] tensor of sigmoid class scores and a [1,N,4·(R+1)] tensor of
 * distance distributions. Each side's distribution is soft-maxed and its expectation times the stride is the
 * distance from the cell centre ((col+0.5)·stride, (row+0.5)·stride) to that side.
 */
public final class NanoDetDecoder implements DetectionDecoder {
    private static final int[] STRIDES = {8, 16, 32, 64};

    private final ModelSpec spec;
    private final int classes;

    public NanoDetDecoder(ModelSpec spec) {
        this.spec = spec;
        this.classes = spec.labels().isEmpty() ? 80 : spec.labels().size();
    }

    @Override
    public void checkOutputs(Map<String, long[]> shapes) {
        int scoreOutputs = 0;
        int boxOutputs = 0;
        for (long[] s : shapes.values()) {
            if (s.length == 3 && s[2] == classes) {
                scoreOutputs++;
            } else if (s.length == 3 && s[2] > 4 && s[2] % 4 == 0) {
                boxOutputs++;
            }
        }
        if (scoreOutputs == 0 || scoreOutputs != boxOutputs) {
            throw new ModelShapeException(spec.name(), "nanodet: per stride one [1,N," + classes
                    + "] score output and one [1,N,4*(R+1)] box output", ModelShapeException.describe(shapes));
        }
    }

    @Override
    public List<Detection> decode(ModelOutputs outputs, ResizePlan plan) {
        List<ModelOutputs.Tensor> scores = new ArrayList<>();
        List<ModelOutputs.Tensor> boxes = new ArrayList<>();
        for (ModelOutputs.Tensor t : outputs.all()) {
            (t.dim(2) == classes ? scores : boxes).add(t);
        }
        Candidates candidates = new Candidates(spec);
        for (ModelOutputs.Tensor score : scores) {
            int n = score.dim(1);
            ModelOutputs.Tensor box = boxes.stream().filter(b -> b.dim(1) == n).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no box output with " + n + " cells"));
            decodeLevel(score, box, candidates);
        }
        return Candidates.toOriginal(candidates.suppressed(), plan);
    }

    private void decodeLevel(ModelOutputs.Tensor score, ModelOutputs.Tensor box, Candidates out) {
        int n = score.dim(1);
        int stride = strideFor(n);
        int cols = (spec.inputWidth() + stride - 1) / stride;
        int bins = box.dim(2) / 4;
        FloatBuffer s = score.data();
        FloatBuffer b = box.data();
        float[] dist = new float[4];
        for (int i = 0; i < n; i++) {
            int best = 0;
            float bestScore = s.get(i * classes);
            for (int c = 1; c < classes; c++) {
                float v = s.get(i * classes + c);
                if (v > bestScore) {
                    bestScore = v;
                    best = c;
                }
            }
            if (bestScore < spec.scoreThreshold()) {
                continue;
            }
            for (int side = 0; side < 4; side++) {
                dist[side] = expectation(b, (i * 4 + side) * bins, bins) * stride;
            }
            float cx = (i % cols + 0.5f) * stride;
            float cy = (i / cols + 0.5f) * stride;
            out.add(best, bestScore, cx - dist[0], cy - dist[1], cx + dist[2], cy + dist[3]);
        }
    }

    private int strideFor(int cells) {
        for (int s : STRIDES) {
            int cols = (spec.inputWidth() + s - 1) / s;
            int rows = (spec.inputHeight() + s - 1) / s;
            if (cols * rows == cells) {
                return s;
            }
        }
        throw new IllegalStateException("no stride of " + Arrays.toString(STRIDES) + " gives " + cells
                + " cells on a " + spec.inputWidth() + "x" + spec.inputHeight() + " input");
    }

    /** Softmax over the bins, then the expected bin index. */
    private static float expectation(FloatBuffer b, int offset, int bins) {
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < bins; k++) {
            max = Math.max(max, b.get(offset + k));
        }
        float sum = 0f;
        float weighted = 0f;
        for (int k = 0; k < bins; k++) {
            float e = (float) Math.exp(b.get(offset + k) - max);
            sum += e;
            weighted += e * k;
        }
        return weighted / sum;
    }
}
