package io.visionstream.model;

import io.visionstream.result.TaskResult;
import ai.onnxruntime.OrtException;
import io.visionstream.model.StepTimes.Step;
import io.visionstream.preprocess.InputCanvas;
import io.visionstream.preprocess.InputLayout;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.preprocess.TileGrid;
import io.visionstream.reject.RejectReason;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.runtime.ModelSession;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape most models have: one session, one fixed-size input canvas filled from the whole image, one run
 * per image, or per batch of images where the model's batch dimension is dynamic. Subclasses check the
 * outputs in their constructor and decode them in {@link #decode}.
 *
 * <p>An image whose long side is above the entry's {@code maxSide} (default: the input's long side) follows
 * the memory policy: {@code downscale} (the default) scales it to the input, {@code reject} rejects it as
 * TOO_MANY_PIXELS, and {@code tile}, for subclasses that can stitch ({@link #tileMerger}), runs overlapping
 * tiles of maxSide pixels one after the other, each scaled to the input, handing each tile's outputs to the
 * merger so that only one tile's outputs are alive at a time.
 */
public abstract class FixedInputHandler extends SessionHandler {
    private final MemoryPolicy policy;
    private final MemorySizing sizing;
    private int batchCapacity = 1;
    private int maxBatch = 1;
    private InputCanvas canvas;
    /** Batch input: item i's tensor at i × the item's floats; allocated on the first batch of two or more. */
    private FloatBuffer batch;

    /** What a tiled image's runs are gathered into: one per image, made by {@link #tileMerger}. */
    protected interface TileMerger {
        /** One tile's outputs; {@code plan} maps model input to tile pixels, {@code tile} is where it lies. */
        void add(ModelOutputs outputs, ResizePlan plan, Rectangle tile);

        TaskResult finish();
    }

    protected FixedInputHandler(ModelSpec spec, ModelSession session) {
        super(spec, session);
        this.policy = MemoryPolicy.of(spec);
        this.sizing = MemorySizing.fixed(spec, spec.source().size());
    }

    /**
     * Lets runs take up to {@code items} images (batch.max-items) when the model's batch dimension is dynamic;
     * a model exported with a batch of one keeps running one image at a time.
     */
    public final void allowBatches(int items) throws OrtException {
        boolean tiling = policy == MemoryPolicy.TILE && tilesSupported();
        // a tiled image runs alone (one tile at a time), so only a policy that may leave images whole batches
        batchCapacity = session.inputShape()[0] < 0 && !tiling ? Math.max(1, items) : 1;
        maxBatch = batchCapacity;
    }

    /** Allocates the input buffers; called by subclasses once their output checks passed. */
    protected final void allocateInput() {
        this.canvas = new InputCanvas(spec.input());
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public void limitBatch(int items) {
        maxBatch = Math.max(1, Math.min(batchCapacity, items));
    }

    @Override
    public MemorySizing sizing() {
        return sizing;
    }

    @Override
    public Prepared prepare(BufferedImage image, InputProfile profile) throws RejectedInputException {
        int w = image.getWidth();
        int h = image.getHeight();
        int side = spec.maxSide();
        if (Math.max(w, h) > side && policy == MemoryPolicy.REJECT) {
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS, "model '" + spec.name() + "': " + w + "x" + h
                    + " has a side above its maxSide " + side + " and its memory policy is reject");
        }
        List<Rectangle> tiles = tilesFor(w, h);
        if (!tiles.isEmpty()) {
            return new Prepared(image, spec.defaultProfile(), ResizePlan.stretch(w, h, w, h), tiles);
        }
        return Prepared.whole(image, spec.defaultProfile(), canvas.plan(image));
    }

    /**
     * The regions a w×h image runs as, one after the other; empty to run it whole. By default, under policy
     * {@code tile} and above maxSide, overlapping tiles of maxSide; detection plans its own (an overview and slices).
     */
    protected List<Rectangle> tilesFor(int w, int h) {
        int side = spec.maxSide();
        if (!tiled(w, h)) {
            return List.of();
        }
        return TileGrid.cover(w, h, side, side / 5);
    }

    /** Whether a w×h image runs as tiles ({@link #tilesFor}), decided without planning them. */
    protected boolean tiled(int w, int h) {
        return Math.max(w, h) > spec.maxSide() && policy == MemoryPolicy.TILE && tilesSupported();
    }

    protected final MemoryPolicy policy() {
        return policy;
    }

    @Override
    public List<Inference> infer(List<Prepared> images) throws OrtException {
        if (images.size() > maxBatch) {
            throw new IllegalStateException("model '" + spec.name() + "' runs at most " + maxBatch + " images at a time");
        }
        if (images.size() == 1) {
            Prepared p = images.get(0);
            return List.of(p.tiled() ? inferTiles(p) : inferWhole(p));
        }
        if (images.stream().noneMatch(Prepared::tiled)) {
            return inferBatch(images);
        }
        // a tiled image in a batch (policy auto tiles only some images): it runs alone, the others together
        List<Prepared> whole = images.stream().filter(p -> !p.tiled()).toList();
        List<Inference> wholeOut = whole.isEmpty() ? List.of()
                : whole.size() == 1 ? List.of(inferWhole(whole.get(0))) : inferBatch(whole);
        List<Inference> out = new ArrayList<>(images.size());
        int next = 0;
        for (Prepared p : images) {
            out.add(p.tiled() ? inferTiles(p) : wholeOut.get(next++));
        }
        return out;
    }

    private Inference inferWhole(Prepared p) throws OrtException {
        StepTimes t = new StepTimes();
        canvas.fill(p.image());
        t.lap(Step.PREPROCESS);
        ModelOutputs out = session.run(canvas.tensor(), canvas.shape());
        t.lap(Step.INFERENCE);
        TaskResult result = decode(out, p.plan(), p.image(), t);
        t.lap(Step.POSTPROCESS);
        return inference(result, 1, t);
    }

    /** Every image into its place in the batch buffer, one run, each image's outputs decoded. */
    private List<Inference> inferBatch(List<Prepared> images) throws OrtException {
        int n = images.size();
        int floats = (int) spec.input().floats();
        if (batch == null) {
            batch = ByteBuffer.allocateDirect(batchCapacity * floats * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
        }
        List<StepTimes> times = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StepTimes t = new StepTimes();
            canvas.fill(images.get(i).image());
            batch.put(i * floats, canvas.tensor(), 0, floats);
            times.add(t.lap(Step.PREPROCESS));
        }
        long[] shape = canvas.shape();
        shape[0] = n;
        long started = System.nanoTime();
        List<ModelOutputs> outputs = session.run(batch.slice(0, n * floats), shape).splitBatch(n);
        double runMs = (System.nanoTime() - started) / 1e6;
        List<Inference> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Prepared p = images.get(i);
            StepTimes t = times.get(i).add(Step.INFERENCE, runMs).restart();
            TaskResult result = decode(outputs.get(i), p.plan(), p.image(), t);
            // every item but the last: the next item's decode reuses the buffers this result may be a view of
            out.add(inference(i < n - 1 ? result.detached() : result, 1, t.lap(Step.POSTPROCESS)));
        }
        return out;
    }

    private Inference inferTiles(Prepared p) throws OrtException {
        StepTimes t = new StepTimes();
        TileMerger merger = tileMerger(p.image());
        BufferedImage image = p.image();
        for (Rectangle r : p.tiles()) {
            ResizePlan plan = canvas.fill(image.getSubimage(r.x, r.y, r.width, r.height));
            t.lap(Step.PREPROCESS);
            ModelOutputs out = session.run(canvas.tensor(), canvas.shape());
            t.lap(Step.INFERENCE);
            merger.add(out, plan, r);
            t.lap(Step.POSTPROCESS);
        }
        TaskResult result = merger.finish();
        return inference(result, p.tiles().size(), t.lap(Step.POSTPROCESS));
    }

    private Inference inference(TaskResult result, int runs, StepTimes t) {
        InputLayout in = spec.input();
        return new Inference(result, runs, in.width(), in.height(), (long) in.width() * in.height(), t);
    }

    @Override
    public int decodeSubsampling(int w, int h) {
        if (!subsampledDecode() || spec.resize() == InputLayout.ResizeMode.FIT_HEIGHT
                || (Math.max(w, h) > spec.maxSide() && policy == MemoryPolicy.REJECT) || tiled(w, h)) {
            return 1; // tiles and rejects are decided on, and cut from, the full image
        }
        ResizePlan plan = spec.resize() == InputLayout.ResizeMode.LETTERBOX
                ? ResizePlan.letterbox(w, h, spec.inputWidth(), spec.inputHeight())
                : ResizePlan.stretch(w, h, spec.inputWidth(), spec.inputHeight());
        return Math.max(1, Math.min(w / Math.max(1, plan.drawnWidth()), h / Math.max(1, plan.drawnHeight())));
    }

    /**
     * The result of one run on the whole image; {@code plan} maps model input to original pixels. Its time is
     * post-processing; a family whose result is an encoded image laps its encoding on {@code times} as
     * {@link Step#ENCODE}.
     */
    protected abstract TaskResult decode(ModelOutputs outputs, ResizePlan plan, BufferedImage image, StepTimes times);

    /** Whether post-processing needs only the plan (not the image's pixels), so the image may be decoded smaller. */
    protected boolean subsampledDecode() {
        return false;
    }

    /** Subclasses that can stitch tiles say so and make a {@link #tileMerger}; the others scale large images down. */
    protected boolean tilesSupported() {
        return false;
    }

    /** Gathers one tiled image's runs; only called where {@link #tilesSupported()}. */
    protected TileMerger tileMerger(BufferedImage image) {
        throw new UnsupportedOperationException("model '" + spec.name() + "' cannot be tiled");
    }
}
