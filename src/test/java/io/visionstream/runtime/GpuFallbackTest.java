package io.visionstream.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.visionstream.preprocess.InputCanvas;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.model.Handlers;
import io.visionstream.model.ModelSpec;
import io.visionstream.result.Detection;
import io.visionstream.model.detect.YoloDecoder;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The GPU-to-CPU fallback driven by a real allocation failure. A CPU-only machine has no GPU to exhaust, so the
 * primary session is the "hungry" fixture, whose every run asks ONNX Runtime's allocator for petabytes and
 * fails exactly as a CUDA session does when its gpu_mem_limit is reached; the fallback session is the same
 * scene's normal model. On a GPU machine the primary is the CUDA session itself.
 */
class GpuFallbackTest {
    private static final OrtEnvironment ENV = OrtRuntime.environment();
    private final ModelSpec hungry = Handlers.FIXTURES.get("yolov8-hungry-fixture");
    private final ModelSpec normal = Handlers.FIXTURES.get("yolov8-fixture");

    private static OrtSession open(ModelSpec spec) throws OrtException {
        return ENV.createSession(spec.source().file().toString(), new OrtSession.SessionOptions());
    }

    @Test
    void theHungryModelReallyFailsToAllocate() throws Exception {
        try (ModelSession plain = new ModelSession(new OrtModel("hungry", hungry.source(), Set.of()),
                () -> open(hungry), "cpu", null, RuntimeOptions.defaults())) {
            InputCanvas canvas = new InputCanvas(normal.input());
            canvas.fill(new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR));
            OrtException e = assertThrows(OrtException.class, () -> plain.run(canvas.tensor(), canvas.shape()));
            assertTrue(ModelSession.isOutOfMemory(e), e.getMessage());
        }
    }

    @Test
    void outOfMemoryRunsGoToTheCpuAndRepeatedFailuresCoolDown() throws Exception {
        RuntimeOptions options = new RuntimeOptions(RuntimeOptions.Device.CPU, 1, 0, 2, 60_000);
        try (ModelSession s = new ModelSession(new OrtModel("fallback-test", hungry.source(), Set.of()),
                () -> open(hungry), "cuda", () -> open(normal), options)) {
            InputCanvas canvas = new InputCanvas(normal.input());
            YoloDecoder decoder = new YoloDecoder(normal);
            ResizePlan plan = canvas.fill(new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR));

            List<Detection> d = decoder.decode(s.run(canvas.tensor(), canvas.shape()), plan);
            assertEquals(2, d.size(), "the record is answered, by the CPU session: " + d);
            assertEquals(220f, d.get(0).x1(), 1e-3);
            assertEquals(1, s.fallbacks());
            assertFalse(s.coolingDown(), "one failure is not yet a pattern");

            decoder.decode(s.run(canvas.tensor(), canvas.shape()), plan);
            assertEquals(2, s.fallbacks());
            assertTrue(s.coolingDown(), "two failures in a row: stay on the CPU for a while");

            assertEquals(2, decoder.decode(s.run(canvas.tensor(), canvas.shape()), plan).size());
            assertEquals(3, s.fallbacks(), "while cooling down every run goes to the CPU");
            assertEquals("cuda", s.device());
        }
    }
}
