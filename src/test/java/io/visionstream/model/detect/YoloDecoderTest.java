package io.visionstream.model.detect;

import io.visionstream.result.Detection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.model.ModelHandler;
import io.visionstream.serving.ModelHandlers;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelShapeException;
import io.visionstream.model.ModelSpec;
import io.visionstream.result.TaskResult;
import io.visionstream.runtime.SlotContext;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Runs the generated YOLO-format fixtures through real ONNX Runtime sessions. Each fixture outputs the same
 * scene (see make_yolo_fixtures.py) in model-input pixels on a 320×320 letterboxed input; a 640×480 image is
 * scaled by 0.5 and padded 40 px top and bottom, so model (x, y) is original (2x, 2(y − 40)).
 */
class YoloDecoderTest {
    static final ModelRegistry FIXTURES = ModelRegistry.load("src/test/resources/fixtures/models.yaml");

    private static List<Detection> detect(String model) throws Exception {
        ModelSpec spec = FIXTURES.get(model);
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        try (ModelHandler h = ModelHandlers.open(spec, SlotContext.defaults())) {
            return ((TaskResult.Detections) h.infer(h.prepare(image)).result()).detections();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"yolov8-fixture", "yolov5-fixture", "yolo-e2e-fixture", "yolov8-fp16-fixture"})
    void everyLayoutYieldsTheSceneInOriginalPixels(String model) throws Exception {
        List<Detection> d = detect(model);
        assertEquals(2, d.size(), "A kept, B suppressed (or absent), C kept, D under threshold: " + d);
        Detection a = d.get(0);
        assertEquals("a", a.label());
        assertEquals(0.90f, a.score(), 1e-3); // 1e-3: the fp16 fixture holds 0.8999
        // A: centre (160,160) 100x50 -> corners (110,135)-(210,185) -> original (220,190)-(420,290)
        assertEquals(220f, a.x1(), 1e-3);
        assertEquals(190f, a.y1(), 1e-3);
        assertEquals(420f, a.x2(), 1e-3);
        assertEquals(290f, a.y2(), 1e-3);
        Detection c = d.get(1);
        assertEquals("c", c.label());
        assertEquals(2, c.classId());
        assertEquals(0.70f, c.score(), 1e-3);
        // C: centre (80,240) 40x40 -> (60,220)-(100,260) -> (120,360)-(200,440)
        assertEquals(120f, c.x1(), 1e-3);
        assertEquals(360f, c.y1(), 1e-3);
        assertEquals(200f, c.x2(), 1e-3);
        assertEquals(440f, c.y2(), 1e-3);
    }

    @Test
    void layoutIsReadFromTheOutputShape() {
        YoloDecoder dec = new YoloDecoder(FIXTURES.get("yolov8-fixture"));
        assertEquals(YoloDecoder.Layout.V8, dec.layoutOf(7, 8400));
        assertEquals(YoloDecoder.Layout.V5, dec.layoutOf(25200, 8));
        assertEquals(YoloDecoder.Layout.END_TO_END, dec.layoutOf(300, 6));
        assertEquals(null, dec.layoutOf(25200, 9));
    }

    @Test
    void aFamilyThatDoesNotMatchTheOutputsFailsWhenTheSessionOpens() {
        ModelShapeException e = assertThrows(ModelShapeException.class,
                () -> ModelHandlers.open(FIXTURES.get("wrong-family"), SlotContext.defaults()).close());
        assertTrue(e.getMessage().contains("wrong-family"), e.getMessage());
        assertTrue(e.getMessage().contains("[1, 6, 6]"), e.getMessage());
    }
}
