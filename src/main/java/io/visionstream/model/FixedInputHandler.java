package io.visionstream.model;

import ai.onnxruntime.OrtException;
import io.visionstream.guard.RejectReason;
import io.visionstream.guard.RejectedInputException;
import io.visionstream.image.InputCanvas;
import io.visionstream.image.ResizePlan;
import io.visionstream.image.TileGrid;
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
 * outputs in their constructor and decode them in {@link #postprocess}.
 *
 * <p>An image whose long side is above the entry's {@code maxSide} (default: the input's long side) follows
 * the memory policy: {@code downscale} (the default) scales it to the input, {@code reject} rejects it as
 * TOO_MANY_PIXELS, and {@code tile}, for subclasses that can stitch ({@link #tilesSupported()}), runs
 * overlapping tiles of maxSide pixels one after the other, each scaled to the input, handing each tile's
 * outputs to {@link #onTile} so that only one tile's outputs are alive at a time.
 */
public abstract class FixedInputHandler extends SessionHandler {
    private final MemoryPolicy policy;
    private final List<Rectangle> tiles = new ArrayList<>();
    /** The image being tiled, between preprocess and run only (a large image must not outlive its run). */
    private BufferedImage tiledImage;
    private boolean lastTiled;
    private int batchCapacity = 1;
    private int maxBatch = 1;
    private InputCanvas canvas;
    /** Batch input: item i's tensor at i × the item's floats; allocated on the first batch of two or more. */
    private FloatBuffer batch;

    protected FixedInputHandler(ModelSpec spec, ModelSession session) {
        super(spec, session);
        this.policy = MemoryPolicy.of(spec);
    }

    /**
     * Lets runs take up to {@code items} images (batch.max-items) when the model's batch dimension is dynamic;
     * a model exported with a batch of one keeps running one image at a time.
     */
    public final void allowBatches(int items) throws OrtException {
        boolean tiling = policy == MemoryPolicy.TILE && tilesSupported();
        batchCapacity = session.inputShape()[0] < 0 && !tiling ? Math.max(1, items) : 1;
        maxBatch = batchCapacity;
    }

    /** Allocates the input buffers; called by subclasses once their output checks passed. */
    protected final void allocateInput() {
        this.canvas = new InputCanvas(spec);
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
    public ResizePlan preprocessItem(int item, BufferedImage image, InputProfile profile) throws RejectedInputException {
        if (maxBatch == 1) {
            if (item != 0) {
                throw new IllegalStateException("model '" + spec.name() + "' runs one image at a time");
            }
            return preprocess(image, profile);
        }
        rejectIfPolicySays(image);
        ResizePlan plan = canvas.fill(image);
        int floats = canvas.tensor().remaining();
        if (batch == null) {
            batch = ByteBuffer.allocateDirect(batchCapacity * floats * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
        }
        batch.put(item * floats, canvas.tensor(), 0, floats);
        return plan;
    }

    @Override
    public List<ModelOutputs> runBatch(int items) throws OrtException {
        if (items == 1 && maxBatch == 1) {
            return List.of(run());
        }
        long[] shape = canvas.shape();
        int floats = canvas.tensor().remaining();
        shape[0] = items;
        return session.run(batch.slice(0, items * floats), shape).splitBatch(items);
    }

    @Override
    public ResizePlan preprocess(BufferedImage image, InputProfile profile) throws RejectedInputException {
        tiles.clear();
        tiledImage = null;
        lastTiled = false;
        rejectIfPolicySays(image);
        int w = image.getWidth();
        int h = image.getHeight();
        int side = spec.maxSide();
        if (Math.max(w, h) > side && policy == MemoryPolicy.TILE && tilesSupported()) {
            tiledImage = image;
            lastTiled = true;
            if (overviewTile()) {
                tiles.add(new Rectangle(0, 0, w, h));
            }
            tiles.addAll(TileGrid.cover(w, h, side, side / 5));
            return ResizePlan.stretch(w, h, w, h);
        }
        return canvas.fill(image);
    }

    private void rejectIfPolicySays(BufferedImage image) throws RejectedInputException {
        int w = image.getWidth();
        int h = image.getHeight();
        if (Math.max(w, h) > spec.maxSide() && policy == MemoryPolicy.REJECT) {
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS, "model '" + spec.name() + "': " + w + "x" + h
                    + " has a side above its maxSide " + spec.maxSide() + " and its memory policy is reject");
        }
    }

    @Override
    public ModelOutputs run() throws OrtException {
        if (tiledImage == null) {
            return session.run(canvas.tensor(), canvas.shape());
        }
        BufferedImage image = tiledImage;
        tiledImage = null;
        beforeTiles(image);
        for (Rectangle r : tiles) {
            ResizePlan plan = canvas.fill(image.getSubimage(r.x, r.y, r.width, r.height));
            onTile(session.run(canvas.tensor(), canvas.shape()), plan, r);
        }
        return new ModelOutputs();
    }

    @Override
    public int lastTiles() {
        return Math.max(1, tiles.size());
    }

    /** Whether the last image ran in tiles (then {@link #postprocess} stitches what {@link #onTile} kept). */
    protected final boolean tiled() {
        return lastTiled;
    }

    @Override
    public int decodeSubsampling(int w, int h) {
        if (!subsampledDecode() || spec.resize() == ModelSpec.ResizeMode.FIT_HEIGHT
                || (Math.max(w, h) > spec.maxSide() && policy != MemoryPolicy.DOWNSCALE)) {
            return 1; // tiles and rejects are decided on, and cut from, the full image
        }
        ResizePlan plan = spec.resize() == ModelSpec.ResizeMode.LETTERBOX
                ? ResizePlan.letterbox(w, h, spec.inputWidth(), spec.inputHeight())
                : ResizePlan.stretch(w, h, spec.inputWidth(), spec.inputHeight());
        return Math.max(1, Math.min(w / Math.max(1, plan.drawnWidth()), h / Math.max(1, plan.drawnHeight())));
    }

    /** Whether post-processing needs only the plan (not the image's pixels), so the image may be decoded smaller. */
    protected boolean subsampledDecode() {
        return false;
    }

    /** Subclasses that can stitch tiles say so; the others scale large images down under policy tile too. */
    protected boolean tilesSupported() {
        return false;
    }

    /** Whether tiling starts with one run on the whole image scaled down (detection: for large objects). */
    protected boolean overviewTile() {
        return false;
    }

    protected void beforeTiles(BufferedImage image) {
    }

    /** One tile's outputs; {@code plan} maps model input to tile pixels, {@code tile} is where it lies. */
    protected void onTile(ModelOutputs outputs, ResizePlan plan, Rectangle tile) {
    }
}
