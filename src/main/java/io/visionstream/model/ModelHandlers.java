package io.visionstream.model;

import ai.onnxruntime.OrtException;
import io.visionstream.model.classify.ClassificationHandler;
import io.visionstream.model.detect.DetectionHandler;
import io.visionstream.model.image2image.MatteHandler;
import io.visionstream.model.image2image.TiledImageToImageHandler;
import io.visionstream.model.segment.SegmentationHandler;
import io.visionstream.model.segment.YoloSegHandler;
import io.visionstream.model.text.TextHandler;
import io.visionstream.runtime.ModelSession;
import io.visionstream.runtime.SlotContext;

/** Opens the handler for a registry entry's task. */
public final class ModelHandlers {
    private ModelHandlers() {
    }

    public static ModelHandler open(ModelSpec spec, SlotContext slot) throws OrtException {
        ModelSession session = ModelSession.open(spec, slot.runtime(), slot.parallelism());
        try {
            ModelHandler handler = switch (spec.task()) {
                case DETECT -> new DetectionHandler(spec, session);
                case TEXT -> new TextHandler(spec, session, slot);
                case SEGMENT -> "yolov8-seg".equals(spec.family())
                        ? new YoloSegHandler(spec, session) : new SegmentationHandler(spec, session);
                case IMAGE2IMAGE -> "matte".equals(spec.family())
                        ? new MatteHandler(spec, session, slot) : new TiledImageToImageHandler(spec, session, slot);
                case CLASSIFY -> new ClassificationHandler(spec, session);
            };
            if (handler instanceof FixedInputHandler fixed) {
                fixed.allowBatches(slot.maxBatch());
            }
            return handler;
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
    }
}
