package io.visionstream.preprocess;

import java.io.Serializable;

/**
 * What a network expects of its input tensor: size, layout, colour order, how the image is fitted, and the
 * normalisation (value × scale − mean) / std per channel. Everything pre-processing needs, nothing about the
 * model's task; {@code model} names it in errors.
 */
public record InputLayout(String model, int width, int height, Layout layout, ColourOrder colour, ResizeMode resize,
                          float scale, float[] mean, float[] std) implements Serializable {

    public enum Layout { NCHW, NHWC }

    public enum ColourOrder { RGB, BGR }

    /**
     * Stretch ignores the aspect ratio (NanoDet, MediaPipe); letterbox keeps it and pads (YOLO exports);
     * fit_height scales to the input height, keeps the aspect up to the input width and pads on the right
     * (PP-OCR text-line classifiers and recognizers).
     */
    public enum ResizeMode { STRETCH, LETTERBOX, FIT_HEIGHT }

    /** Floats of one input tensor at this size. */
    public long floats() {
        return 3L * width * height;
    }
}
