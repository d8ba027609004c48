package io.visionstream.model;

import ai.onnxruntime.OrtException;
import io.visionstream.image.InputCanvas;
import io.visionstream.image.ResizePlan;
import io.visionstream.runtime.ModelSession;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * The shape most models have: one session, one fixed-size input canvas filled from the whole image, one run
 * per image, or per batch of images where the model's batch dimension is dynamic. Subclasses check the
 * outputs in their constructor and decode them in {@link #postprocess}.
 */
public abstract class FixedInputHandler implements ModelHandler {
    protected final ModelSpec spec;
    protected final ModelSession session;
    private int batchCapacity = 1;
    private int maxBatch = 1;
    private InputCanvas canvas;
    /** Batch input: item i's tensor at i × the item's floats; allocated on the first batch of two or more. */
    private FloatBuffer batch;

    protected FixedInputHandler(ModelSpec spec, ModelSession session) {
        this.spec = spec;
        this.session = session;
    }

    /**
     * Lets runs take up to {@code items} images (batch.max-items) when the model's batch dimension is dynamic;
     * a model exported with a batch of one keeps running one image at a time.
     */
    public final void allowBatches(int items) throws OrtException {
        batchCapacity = session.inputShape()[0] < 0 ? Math.max(1, items) : 1;
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
    public ResizePlan preprocessItem(int item, BufferedImage image, InputProfile profile) {
        ResizePlan plan = canvas.fill(image);
        if (maxBatch > 1) {
            int floats = canvas.tensor().remaining();
            if (batch == null) {
                batch = ByteBuffer.allocateDirect(batchCapacity * floats * Float.BYTES).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
            }
            batch.put(item * floats, canvas.tensor(), 0, floats);
        } else if (item != 0) {
            throw new IllegalStateException("model '" + spec.name() + "' runs one image at a time");
        }
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
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public long fallbacks() {
        return session.fallbacks();
    }

    @Override
    public String device() {
        return session.device();
    }

    @Override
    public ResizePlan preprocess(BufferedImage image, InputProfile profile) {
        return canvas.fill(image);
    }

    @Override
    public ModelOutputs run() throws OrtException {
        return session.run(canvas.tensor(), canvas.shape());
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
