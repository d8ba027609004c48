package io.visionstream.model.classify;

import ai.onnxruntime.OrtException;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.model.Family;
import io.visionstream.model.FixedInputHandler;
import io.visionstream.model.StepTimes;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.model.ModelShapeException;
import io.visionstream.model.ModelSpec;
import io.visionstream.result.TaskResult;
import io.visionstream.runtime.ModelSession;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A classifier with one {@code [1, K]} output. Family {@code softmax} turns logits into probabilities;
 * family {@code probabilities} takes the output as it is. The result is the top {@code options.topK}.
 */
public final class ClassificationHandler extends FixedInputHandler {
    private final boolean softmax;
    private final int topK;

    public ClassificationHandler(ModelSpec spec, ModelSession session) throws OrtException {
        super(spec, session);
        this.softmax = Family.of(spec) == Family.SOFTMAX;
        this.topK = spec.options().positiveInt("topK", 5);
        checkOutputs(session.outputShapes());
        allocateInput();
    }

    private void checkOutputs(Map<String, long[]> shapes) {
        long[] s = shapes.values().iterator().next();
        int k = spec.labels().size();
        boolean ok = s.length == 2 && (s[1] < 0 || k == 0 || s[1] == k);
        if (!ok) {
            throw new ModelShapeException(spec.name(), "[1," + (k == 0 ? "K" : k) + "] class scores",
                    Arrays.toString(s));
        }
    }

    @Override
    protected TaskResult decode(ModelOutputs outputs, ResizePlan plan, BufferedImage image, StepTimes times) {
        return new TaskResult.Classes(topK(outputs.first().data(), outputs.first().dim(1)));
    }

    List<TaskResult.ClassScore> topK(FloatBuffer scores, int k) {
        float[] p = new float[k];
        for (int i = 0; i < k; i++) {
            p[i] = scores.get(i);
        }
        if (softmax) {
            softmaxInPlace(p);
        }
        List<TaskResult.ClassScore> all = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            all.add(new TaskResult.ClassScore(i, spec.label(i), p[i]));
        }
        all.sort(Comparator.comparingDouble(TaskResult.ClassScore::score).reversed());
        return List.copyOf(all.subList(0, Math.min(topK, k)));
    }

    static void softmaxInPlace(float[] v) {
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) sum;
        }
    }
}
