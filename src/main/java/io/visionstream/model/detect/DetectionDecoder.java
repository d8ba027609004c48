package io.visionstream.model.detect;

import io.visionstream.result.Detection;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.runtime.ModelOutputs;
import java.util.List;
import java.util.Map;

/** Turns a detector's raw outputs into detections in original pixels. */
public interface DetectionDecoder {

    /**
     * Checks the model's declared output shapes (dynamic dimensions are -1) once, when the session opens, so a
     * registry entry with the wrong family fails at start-up rather than on the first record.
     */
    void checkOutputs(Map<String, long[]> outputShapes);

    List<Detection> decode(ModelOutputs outputs, ResizePlan plan);
}
