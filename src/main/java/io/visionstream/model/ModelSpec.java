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
        int maxDetections) implements Serializable {

    public enum Layout { NCHW, NHWC }

    public enum ColourOrder { RGB, BGR }

    /** Stretch ignores the aspect ratio (NanoDet, MediaPipe); letterbox keeps it and pads (YOLO exports). */
    public enum ResizeMode { STRETCH, LETTERBOX }

    public String label(int classId) {
        return classId >= 0 && classId < labels.size() ? labels.get(classId) : "class" + classId;
    }
}
