package io.visionstream.model.classify;

import io.visionstream.runtime.ModelOutputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.model.Handlers;
import io.visionstream.model.ModelHandler;
import io.visionstream.result.TaskResult;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PP-OCR orientation classifier on real text lines cut from a scanned page, upright and upside down. */
class ClassificationTest {
    private static List<TaskResult.ClassScore> classify(ModelHandler h, BufferedImage line) throws Exception {
        return ((TaskResult.Classes) Handlers.infer(h, line)).classes();
    }

    @Test
    void uprightLinesAre0AndRotatedLinesAre180() throws Exception {
        BufferedImage page = Handlers.sample("imageTextN.png");
        int[][] lines = {{29, 17, 324, 18}, {49, 36, 482, 18}, {29, 54, 500, 18}, {29, 235, 245, 18}};
        try (ModelHandler h = Handlers.open(Handlers.BUNDLED, "ppocr-cls")) {
            for (int[] l : lines) {
                BufferedImage line = page.getSubimage(l[0], l[1], l[2], l[3]);
                List<TaskResult.ClassScore> up = classify(h, line);
                assertEquals(2, up.size());
                assertEquals("0", up.get(0).label(), "upright line " + java.util.Arrays.toString(l) + ": " + up);
                assertEquals(1.0, up.get(0).score() + up.get(1).score(), 1e-3);
                List<TaskResult.ClassScore> down = classify(h, rotate180(line));
                assertEquals("180", down.get(0).label(), "rotated line " + java.util.Arrays.toString(l) + ": " + down);
                assertTrue(down.get(0).score() > 0.5f);
            }
        }
    }

    @Test
    void aBatchScoresEachLineAsARunOfOneDoes() throws Exception {
        BufferedImage page = Handlers.sample("imageTextN.png");
        int[][] boxes = {{29, 17, 324, 18}, {49, 36, 482, 18}, {29, 54, 500, 18}, {29, 235, 245, 18}};
        List<BufferedImage> lines = new java.util.ArrayList<>();
        for (int[] l : boxes) {
            lines.add(page.getSubimage(l[0], l[1], l[2], l[3]));
            lines.add(rotate180(page.getSubimage(l[0], l[1], l[2], l[3])));
        }
        try (ModelHandler one = Handlers.open(Handlers.BUNDLED, "ppocr-cls");
             ModelHandler batched = io.visionstream.serving.ModelHandlers.open(Handlers.BUNDLED.get("ppocr-cls"),
                     io.visionstream.runtime.SlotContext.defaults().withMaxBatch(8))) {
            assertEquals(1, one.maxBatch());
            assertEquals(8, batched.maxBatch(), "the classifier's batch dimension is dynamic");
            List<io.visionstream.model.Prepared> prepared = new java.util.ArrayList<>();
            for (BufferedImage line : lines) {
                prepared.add(batched.prepare(line));
            }
            List<io.visionstream.model.Inference> outs = batched.infer(prepared);
            assertEquals(8, outs.size());
            for (int i = 0; i < lines.size(); i++) {
                List<TaskResult.ClassScore> b = ((TaskResult.Classes) outs.get(i).result()).classes();
                List<TaskResult.ClassScore> o = classify(one, lines.get(i));
                assertEquals(i % 2 == 0 ? "0" : "180", b.get(0).label(), "line " + i + ": " + b);
                assertEquals(o.get(0).label(), b.get(0).label());
                assertEquals(o.get(0).score(), b.get(0).score(), 1e-4, "line " + i);
            }
        }
        try (ModelHandler fixed = io.visionstream.serving.ModelHandlers.open(Handlers.BUNDLED.get("nanodet-coco"),
                io.visionstream.runtime.SlotContext.defaults().withMaxBatch(8))) {
            assertEquals(1, fixed.maxBatch(), "NanoDet is exported with a batch of one");
        }
    }

    @Test
    void softmaxTurnsLogitsIntoProbabilities() {
        float[] v = {2f, 1f, 0f};
        ClassificationHandler.softmaxInPlace(v);
        assertEquals(0.6652, v[0], 1e-4);
        assertEquals(0.2447, v[1], 1e-4);
        assertEquals(1.0, v[0] + v[1] + v[2], 1e-6);
    }

    private static BufferedImage rotate180(BufferedImage img) {
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        rgb.getGraphics().drawImage(img, 0, 0, null);
        AffineTransform t = AffineTransform.getRotateInstance(Math.PI, img.getWidth() / 2.0, img.getHeight() / 2.0);
        return new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(rgb, null);
    }
}
