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
import io.visionstream.runtime.RuntimeOptions;

/** Opens the handler for a registry entry's task. */
public final class ModelHandlers {
    private ModelHandlers() {
    }

    public static ModelHandler open(ModelSpec spec, RuntimeOptions options, int parallelism) throws OrtException {
        ModelSession session = ModelSession.open(spec, options, parallelism);
        try {
            return switch (spec.task()) {
                case DETECT -> new DetectionHandler(spec, session);
                case TEXT -> new TextHandler(spec, session, options, parallelism);
                case SEGMENT -> "yolov8-seg".equals(spec.family())
                        ? new YoloSegHandler(spec, session) : new SegmentationHandler(spec, session);
                case IMAGE2IMAGE -> "matte".equals(spec.family())
                        ? new MatteHandler(spec, session) : new TiledImageToImageHandler(spec, session);
                case CLASSIFY -> new ClassificationHandler(spec, session);
            };
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
    }
}
