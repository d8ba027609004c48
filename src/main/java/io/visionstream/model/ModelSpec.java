package io.visionstream.model;

import java.io.Serializable;
import java.util.List;

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
        ModelOptions options) implements Serializable {

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

    public String label(int classId) {
        return classId >= 0 && classId < labels.size() ? labels.get(classId) : "class" + classId;
    }
}
