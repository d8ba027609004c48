package io.visionstream.model.detect;

import ai.onnxruntime.OrtException;
import io.visionstream.image.ResizePlan;
import io.visionstream.model.FixedInputHandler;
import io.visionstream.model.ModelOutputs;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.TaskResult;
import io.visionstream.runtime.ModelSession;
import java.awt.image.BufferedImage;

/** A detector: a fixed-size input canvas, one session and the decoder of its family. */
public final class DetectionHandler extends FixedInputHandler {
    private final DetectionDecoder decoder;

    public DetectionHandler(ModelSpec spec, ModelSession session) throws OrtException {
        super(spec, session);
        this.decoder = decoderFor(spec);
        this.decoder.checkOutputs(session.outputShapes());
        allocateInput();
    }

    public static DetectionDecoder decoderFor(ModelSpec spec) {
        return "nanodet".equals(spec.family()) ? new NanoDetDecoder(spec) : new YoloDecoder(spec);
    }

    @Override
    public TaskResult postprocess(ModelOutputs outputs, ResizePlan plan, BufferedImage image) {
        return new TaskResult.Detections(decoder.decode(outputs, plan));
    }
}
