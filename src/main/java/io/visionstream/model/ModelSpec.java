package io.visionstream.model;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One registry entry, validated and immutable. Everything a model handler needs to pre-process an image and
 * read the outputs back; nothing about where it runs.
 */
public record ModelSpec(
        String name,
        ModelSource source,
        Task task,
        String family,
        int inputWidth,
        int inputHeight,
        Layout layout,
        ColourOrder colour,
        ResizeMode resize,
        float scale,
        float[] mean,
        float[] std,
        List<String> labels,
        float scoreThreshold,
        float iouThreshold,
        int maxDetections,
        ModelOptions options,
        int maxSide,
        Map<String, InputProfile> profiles) implements Serializable {

    /** An entry without profiles: the model input is its only size. */
    public ModelSpec(String name, ModelSource source, Task task, String family, int inputWidth, int inputHeight,
                     Layout layout, ColourOrder colour, ResizeMode resize, float scale, float[] mean, float[] std,
                     List<String> labels, float scoreThreshold, float iouThreshold, int maxDetections,
                     ModelOptions options) {
        this(name, source, task, family, inputWidth, inputHeight, layout, colour, resize, scale, mean, std, labels,
                scoreThreshold, iouThreshold, maxDetections, options, Math.max(inputWidth, inputHeight), Map.of());
    }

    /** This entry with one option set and a largest run side of maxSide (benchmarks compare policies). */
    public ModelSpec with(String option, String value, int newMaxSide) {
        return new ModelSpec(name, source, task, family, inputWidth, inputHeight, layout, colour, resize, scale, mean,
                std, labels, scoreThreshold, iouThreshold, maxDetections, options.with(option, value), newMaxSide,
                profiles);
    }

    public enum Layout { NCHW, NHWC }

    public enum ColourOrder { RGB, BGR }

    /**
     * Stretch ignores the aspect ratio (NanoDet, MediaPipe); letterbox keeps it and pads (YOLO exports);
     * fit_height scales to the input height, keeps the aspect up to the input width and pads on the right
     * (PP-OCR text-line classifiers and recognizers).
     */
    public enum ResizeMode { STRETCH, LETTERBOX, FIT_HEIGHT }

    /** Dynamic-input models (text detection) resize each image to its own size, up to the input size. */
    public boolean dynamicInput() {
        return options.bool("dynamic", false);
    }

    /** The input size used when a record names no profile: the entry's {@code input} size. */
    public InputProfile defaultProfile() {
        return new InputProfile(InputProfile.DEFAULT, inputWidth, inputHeight);
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

    public String label(int classId) {
        return classId >= 0 && classId < labels.size() ? labels.get(classId) : "class" + classId;
    }
}
