package io.visionstream.serving;

import ai.onnxruntime.OrtException;
import io.visionstream.model.Family;
import io.visionstream.model.FixedInputHandler;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.Sessions;
import io.visionstream.model.classify.ClassificationHandler;
import io.visionstream.model.detect.DetectionHandler;
import io.visionstream.model.detect.SliceSettings;
import io.visionstream.model.detect.NanoDetDecoder;
import io.visionstream.model.detect.YoloDecoder;
import io.visionstream.model.image2image.MatteHandler;
import io.visionstream.model.image2image.TiledImageToImageHandler;
import io.visionstream.model.parts.BodyPartsHandler;
import io.visionstream.model.segment.SegmentationHandler;
import io.visionstream.model.segment.YoloSegHandler;
import io.visionstream.model.text.TextHandler;
import io.visionstream.runtime.ModelSession;
import io.visionstream.runtime.SlotContext;

/** Opens the handler of a registry entry's {@link Family}: the one place a family meets its code. */
public final class ModelHandlers {
    private ModelHandlers() {
    }

    public static ModelHandler open(ModelSpec spec, SlotContext slot) throws OrtException {
        ModelSession session = Sessions.open(spec, slot);
        try {
            ModelHandler handler = switch (Family.of(spec)) {
                case NANODET -> new DetectionHandler(spec, session, new NanoDetDecoder(spec),
                        SliceSettings.of(spec, slot.maxRuns()));
                case YOLO, YOLOV5, YOLOV8, YOLO_E2E -> new DetectionHandler(spec, session,
                        new YoloDecoder(spec), SliceSettings.of(spec, slot.maxRuns()));
                case DBNET -> new TextHandler(spec, session, slot);
                case PROBABILITY -> new SegmentationHandler(spec, session);
                case YOLOV8_SEG -> new YoloSegHandler(spec, session);
                case BODYPIX -> new BodyPartsHandler(spec, session);
                case WAIFU2X -> new TiledImageToImageHandler(spec, session, slot);
                case MATTE -> new MatteHandler(spec, session, slot);
                case SOFTMAX, PROBABILITIES -> new ClassificationHandler(spec, session);
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
