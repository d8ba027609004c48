package io.visionstream.serving;

/**
 * What one model costs in native memory, measured at calibration: its session (weights, graph, arena at rest),
 * its activations as a fixed part plus a part per pixel of the model input of one run (batch 1), and what
 * each further record of a batch adds (0: not measured, the model does not batch).
 */
public record ModelCost(String model, long sessionBytes, long fixedBytes, double bytesPerPixel, long batchItemBytes) {

    public ModelCost(String model, long sessionBytes, long fixedBytes, double bytesPerPixel) {
        this(model, sessionBytes, fixedBytes, bytesPerPixel, 0);
    }

    /** Bytes one more record adds to a batch of runs of the given pixels: measured, else one more run. */
    public long batchItemBytes(long runPixels) {
        return batchItemBytes > 0 ? batchItemBytes : activationBytes(runPixels);
    }

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
