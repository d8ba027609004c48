package io.visionstream.model;

import java.awt.Dimension;

/**
 * How a handler's memory grows, for fitting a slot's models into its budget ({@code serving.SlotMemory}). A
 * "run" is one session run; its input pixels decide its activation memory.
 */
public interface MemorySizing {
    /** Bytes of the model files the handler loads: a lower bound of its sessions' memory. */
    long weightBytes();

    /** Input pixels of the largest run the handler does, as configured now. */
    long maxRunPixels();

    /** The smallest largest-run the handler can work with (fixed-size models: their input). */
    long minRunPixels();

    /** Makes runs no larger than the given pixels (tile size, input side); fixed-size models cannot. */
    void limitRunPixels(long pixels);

    /** Two image sizes whose runs differ in input pixels (equal for fixed-size models), for calibration. */
    Dimension[] calibrationImages();

    /** Bytes one more record adds to a waiting batch besides its decoded image: its input tensor. */
    long batchItemBytes();

    /** A fixed-input model's sizing: one run of its input size, whatever the image. */
    static MemorySizing fixed(ModelSpec spec, long weightBytes) {
        return new MemorySizing() {
            @Override
            public long weightBytes() {
                return weightBytes;
            }

            @Override
            public long maxRunPixels() {
                return (long) spec.inputWidth() * spec.inputHeight();
            }

            @Override
            public long minRunPixels() {
                return maxRunPixels();
            }

            @Override
            public void limitRunPixels(long pixels) {
            }

            @Override
            public Dimension[] calibrationImages() {
                Dimension d = new Dimension(spec.inputWidth(), spec.inputHeight());
                return new Dimension[] {d, d};
            }

            @Override
            public long batchItemBytes() {
                return spec.input().floats() * Float.BYTES;
            }
        };
    }
}
