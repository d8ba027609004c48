package io.visionstream.model;

import ai.onnxruntime.OrtException;
import io.visionstream.reject.RejectedInputException;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One model in one slot, in the shape of Beam's RunInference ModelHandler and DJL's Translator: the model is
 * loaded when the handler is made; {@link #prepare} admits and plans one image into a {@link Prepared} it
 * returns (no hidden per-image state); {@link #infer} runs a batch of prepared images and gives one typed
 * {@link Inference} per image, with tiling, text recognition and output encoding inside the call and timed as
 * what they are. Memory sizing is apart ({@link #sizing()}); batching hints are {@link #maxBatch()}.
 *
 * <p>A handler is composable: a cascade prepares and infers the crops of one handler's results with another.
 * Handlers own their sessions and buffers, are used by one thread (their slot's) and are closed with it.
 */
public interface ModelHandler extends AutoCloseable {

    ModelSpec spec();

    /** Where the session runs: "cpu" or "cuda". */
    String device();

    /** Runs so far that fell back from the GPU to the CPU. */
    long fallbacks();

    /**
     * Admits and plans one image at the profile's size (handlers that do not {@link #takesProfiles() take
     * profiles} use their fixed input). Rejects an image this model cannot take (for example one whose output
     * would be too large, or one above maxSide under memory policy reject).
     */
    Prepared prepare(BufferedImage image, InputProfile profile) throws RejectedInputException;

    default Prepared prepare(BufferedImage image) throws RejectedInputException {
        return prepare(image, spec().defaultProfile());
    }

    /** Runs at most {@link #maxBatch()} prepared images; one inference per image, in order. */
    List<Inference> infer(List<Prepared> batch) throws OrtException;

    /**
     * {@link #infer(List)} with the stream each image came from ({@code streams.get(i)}, null where unknown), for a
     * handler that remembers per stream (a cascade that reads each object once); the others ignore it.
     */
    default List<Inference> infer(List<Prepared> batch, List<String> streams) throws OrtException {
        return infer(batch);
    }

    default Inference infer(Prepared one) throws OrtException {
        return infer(List.of(one)).get(0);
    }

    /** One image's inference, for {@link #oneAtATime}. */
    @FunctionalInterface
    interface Single {
        Inference infer(Prepared one) throws OrtException;
    }

    /** {@link #infer(List)} of a handler that runs one image at a time (its input size changes per image). */
    static List<Inference> oneAtATime(List<Prepared> batch, Single single) throws OrtException {
        List<Inference> out = new java.util.ArrayList<>(batch.size());
        for (Prepared p : batch) {
            out.add(single.infer(p));
        }
        return out;
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

    /** The most images one {@link #infer} call takes now: 1 unless the model has a dynamic batch dimension. */
    default int maxBatch() {
        return 1;
    }

    /** Makes batches no larger than the given items (the slot budget's share for this model). */
    default void limitBatch(int items) {
    }

    MemorySizing sizing();

    @Override
    void close() throws OrtException;
}
