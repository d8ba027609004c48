package io.visionstream.model;

import ai.onnxruntime.OrtException;
import io.visionstream.model.detect.DetectionHandler;
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
                default -> throw new RegistryException("model '" + spec.name() + "': task '"
                        + spec.task().wireName() + "' is not supported yet");
            };
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
    }
}
