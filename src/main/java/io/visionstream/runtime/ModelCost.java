package io.visionstream.runtime;

/**
 * What one model costs in native memory, measured at calibration: its session (weights, graph, arena at rest),
 * and its activations as a fixed part plus a part per pixel of the model input of one run (batch 1).
 */
public record ModelCost(String model, long sessionBytes, long fixedBytes, double bytesPerPixel) {

    /** Activation bytes of one run on an input of the given pixels. */
    public long activationBytes(long runPixels) {
        return fixedBytes + (long) Math.ceil(bytesPerPixel * runPixels);
    }

    /** The largest run (in input pixels) whose activations fit in the given bytes; 0 if none does. */
    public long maxRunPixels(long bytes) {
        if (bytes <= fixedBytes) {
            return 0;
        }
        return bytesPerPixel <= 0 ? Long.MAX_VALUE : (long) ((bytes - fixedBytes) / bytesPerPixel);
    }

    public static String mb(long bytes) {
        return String.format("%.0f MB", bytes / 1048576.0);
    }
}
