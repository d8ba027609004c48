package io.visionstream.model.detect;

import ai.onnxruntime.OrtException;
import io.visionstream.image.InputCanvas;
import io.visionstream.image.ResizePlan;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelOutputs;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.TaskResult;
import io.visionstream.runtime.ModelSession;
import java.awt.image.BufferedImage;

/** A detector: a fixed-size input canvas, one session and the decoder of its family. */
public final class DetectionHandler implements ModelHandler {
    private final ModelSpec spec;
    private final ModelSession session;
    private final DetectionDecoder decoder;
    private final InputCanvas canvas;

    public DetectionHandler(ModelSpec spec, ModelSession session) throws OrtException {
        this.spec = spec;
        this.session = session;
        this.decoder = decoderFor(spec);
        this.decoder.checkOutputs(session.outputShapes());
        this.canvas = new InputCanvas(spec);
    }

    public static DetectionDecoder decoderFor(ModelSpec spec) {
        return "nanodet".equals(spec.family()) ? new NanoDetDecoder(spec) : new YoloDecoder(spec);
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
    public ResizePlan preprocess(BufferedImage image) {
        return canvas.fill(image);
    }

    @Override
    public ModelOutputs run() throws OrtException {
        return session.run(canvas.tensor(), canvas.shape());
    }

    @Override
    public TaskResult postprocess(ModelOutputs outputs, ResizePlan plan, BufferedImage image) {
        return new TaskResult.Detections(decoder.decode(outputs, plan));
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
