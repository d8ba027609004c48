package io.visionstream.model;

import io.visionstream.result.Task;
import io.visionstream.preprocess.InputLayout;
import io.visionstream.runtime.ModelSource;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One registry entry, validated and immutable. Everything a model handler needs to pre-process an image and
 * read the outputs back; nothing about where it runs. {@code maxSide} is the largest image side one run takes
 * (larger images follow the memory policy); {@code profiles} are the input sizes a dynamic-input model offers.
 */
public record ModelSpec(
        String name,
        ModelSource source,
        Task task,
        String family,
        InputLayout input,
        List<String> labels,
        Thresholds thresholds,
        ModelOptions options,
        int maxSide,
        Map<String, InputProfile> profiles) implements Serializable {

    /** This entry with one option set and a largest run side of maxSide (to compare memory policies on one model). */
    public ModelSpec with(String option, String value, int newMaxSide) {
        return new ModelSpec(name, source, task, family, input, labels, thresholds, options.with(option, value),
                newMaxSide, profiles);
    }

    /** This entry with another input size, at least as large a maxSide (a full-resolution variant of it). */
    public ModelSpec withInput(int width, int height) {
        InputLayout in = new InputLayout(name, width, height, input.layout(), input.colour(), input.resize(),
                input.scale(), input.mean(), input.std());
        return new ModelSpec(name, source, task, family, in, labels, thresholds, options,
                Math.max(maxSide, Math.max(width, height)), profiles);
    }

    public int inputWidth() {
        return input.width();
    }

    public int inputHeight() {
        return input.height();
    }

    public InputLayout.ResizeMode resize() {
        return input.resize();
    }

    public float scoreThreshold() {
        return thresholds.score();
    }

    public float iouThreshold() {
        return thresholds.iou();
    }

    public int maxDetections() {
        return thresholds.maxDetections();
    }

    /** Dynamic-input models (text detection) resize each image to its own size, up to the input size. */
    public boolean dynamicInput() {
        return options.bool("dynamic", false);
    }

    /** The input size used when a record names no profile: the entry's {@code input} size. */
    public InputProfile defaultProfile() {
        return new InputProfile(InputProfile.DEFAULT, inputWidth(), inputHeight());
    }

    /**
     * The named profile, capped at {@code maxSide}; null or "default" is the default profile; null for a name
     * this model does not know.
     */
    public InputProfile profile(String name) {
        if (name == null || name.equals(InputProfile.DEFAULT)) {
            return defaultProfile();
        }
        InputProfile p = profiles.get(name);
        return p == null ? null : p.cappedAt(maxSide);
    }

    /** Pixels of the largest input over the default and every profile, each first sized by {@code box}. */
    public long largestRunPixels(java.util.function.UnaryOperator<InputProfile> box) {
        long max = box.apply(defaultProfile()).pixels();
        for (String name : profiles.keySet()) {
            max = Math.max(max, box.apply(profile(name)).pixels());
        }
        return max;
    }

    public String label(int classId) {
        return classId >= 0 && classId < labels.size() ? labels.get(classId) : "class" + classId;
    }
}
