package io.visionstream.model;

import ai.onnxruntime.OrtException;
import io.visionstream.guard.RejectedInputException;
import io.visionstream.image.ResizePlan;
import java.awt.image.BufferedImage;

/**
 * One model in one slot, in the shape of Beam's RunInference ModelHandler: pre-process, run, post-process,
 * kept apart so that the caller can time and guard each step. Handlers own their session and buffers and are
 * closed with the slot.
 */
public interface ModelHandler extends AutoCloseable {

    ModelSpec spec();

    /** Where the session runs: "cpu" or "cuda". */
    String device();

    /** Runs so far that fell back from the GPU to the CPU. */
    long fallbacks();

    /**
     * Draws the image into the handler's reused input buffer at the profile's size (handlers that do not
     * {@link #takesProfiles() take profiles} get the default one); the returned plan maps results back. Rejects
     * an image this model cannot take (for example one whose output would be too large).
     */
    ResizePlan preprocess(BufferedImage image, InputProfile profile) throws RejectedInputException;

    /** {@link #preprocess(BufferedImage, InputProfile)} at the model's default input size. */
    default ResizePlan preprocess(BufferedImage image) throws RejectedInputException {
        return preprocess(image, spec().defaultProfile());
    }

    /**
     * The largest factor by which an image of w×h may be subsampled when it is decoded without the model seeing
     * less than its input: fixed-input detectors, whose results map back through the plan, say how much; every
     * other handler works on full-resolution pixels and says 1.
     */
    default int decodeSubsampling(int w, int h) {
        return 1;
    }

    /** Whether the input size follows the record's profile; fixed-size networks cannot. */
    default boolean takesProfiles() {
        return false;
    }

    /** Width and height of the last image's (largest) model input. */
    default int[] lastInputSize() {
        return new int[] {spec().inputWidth(), spec().inputHeight()};
    }

    /** Runs the session on the buffer filled by {@link #preprocess} (every tile, for tiled models). */
    ModelOutputs run() throws OrtException;

    /** How many model runs the last image took (tiles); 1 for untiled models. */
    default int lastTiles() {
        return 1;
    }

    TaskResult postprocess(ModelOutputs outputs, ResizePlan plan, BufferedImage image);

    // Micro-batching: several records in one session run, for models whose batch dimension is dynamic.

    /** The most images one run takes now: 1 unless the model has a dynamic batch dimension. */
    default int maxBatch() {
        return 1;
    }

    /** Makes batches no larger than the given items (the slot budget's share for this model). */
    default void limitBatch(int items) {
    }

    /** Like {@link #preprocess} for item {@code item} of the next batch. */
    default ResizePlan preprocessItem(int item, BufferedImage image, InputProfile profile) throws RejectedInputException {
        if (item != 0) {
            throw new IllegalStateException("model '" + spec().name() + "' does not batch");
        }
        return preprocess(image, profile);
    }

    /** Runs the first {@code items} pre-processed items as one batch; one output set per item. */
    default java.util.List<ModelOutputs> runBatch(int items) throws OrtException {
        if (items != 1) {
            throw new IllegalStateException("model '" + spec().name() + "' does not batch");
        }
        return java.util.List.of(run());
    }

    // Memory accounting. A "run" is one session run; its input pixels decide its activation memory.

    /** Bytes of the model files this handler loads: a lower bound of its sessions' memory. */
    default long weightBytes() {
        return spec().source().size();
    }

    /** Input pixels of the largest run the handler does, as configured now. */
    default long maxRunPixels() {
        return (long) spec().inputWidth() * spec().inputHeight();
    }

    /** Input pixels of the largest run of the last image. */
    default long lastRunPixels() {
        return maxRunPixels();
    }

    /** The smallest largest-run this handler can work with (fixed-size models: their input). */
    default long minRunPixels() {
        return maxRunPixels();
    }

    /** Makes runs no larger than the given pixels (tile size, input side); fixed-size models cannot. */
    default void limitRunPixels(long pixels) {
    }

    /** Two image sizes whose runs differ in input pixels (equal for fixed-size models), for calibration. */
    default java.awt.Dimension[] calibrationImages() {
        java.awt.Dimension d = new java.awt.Dimension(spec().inputWidth(), spec().inputHeight());
        return new java.awt.Dimension[] {d, d};
    }

    @Override
    void close() throws OrtException;
}
