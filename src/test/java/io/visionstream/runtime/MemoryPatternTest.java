package io.visionstream.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.model.ModelRegistry;
import org.junit.jupiter.api.Test;

/**
 * ONNX Runtime keeps one memory plan per distinct input shape for a session's life, so sessions whose inputs
 * change shape (text of any width, batches of any count) run without plans; fixed-input models keep them.
 */
class MemoryPatternTest {
    private static final ModelRegistry BUNDLED = ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION);

    private static ModelSession open(io.visionstream.model.ModelSpec spec) throws Exception {
        return new OrtModel(spec.name(), spec.source(), java.util.Set.of()).instance(RuntimeOptions.defaults(), 1);
    }

    @Test
    void dynamicInputsRunWithoutMemoryPlans() throws Exception {
        try (ModelSession cls = open(BUNDLED.get("ppocr-cls"))) {
            assertFalse(cls.memoryPatterns(), "ppocr-cls has a dynamic batch dimension");
        }
    }

    @Test
    void fixedInputsKeepThem() throws Exception {
        try (ModelSession selfie = open(BUNDLED.get("selfie-person"))) {
            assertTrue(selfie.memoryPatterns(), "selfie-person's input is 1x256x256x3");
        }
    }
}
