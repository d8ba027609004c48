package io.visionstream.model;

import ai.onnxruntime.OrtException;
import io.visionstream.image.InputCanvas;
import io.visionstream.image.ResizePlan;
import io.visionstream.runtime.ModelSession;
import java.awt.image.BufferedImage;

/**
 * The shape most models have: one session, one fixed-size input canvas filled from the whole image, one run
 * per image. Subclasses check the outputs in their constructor and decode them in {@link #postprocess}.
 */
public abstract class FixedInputHandler implements ModelHandler {
    protected final ModelSpec spec;
    protected final ModelSession session;
    private InputCanvas canvas;

    protected FixedInputHandler(ModelSpec spec, ModelSession session) {
        this.spec = spec;
        this.session = session;
    }

    /** Allocates the input buffers; called by subclasses once their output checks passed. */
    protected final void allocateInput() {
        this.canvas = new InputCanvas(spec);
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
