package io.visionstream.model.text;

import io.visionstream.model.Inference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.bench.TextPages;
import io.visionstream.bench.TextScore;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.model.Handlers;
import io.visionstream.model.ModelHandler;
import io.visionstream.serving.ModelHandlers;
import io.visionstream.result.TaskResult;
import io.visionstream.runtime.SlotContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PP-OCR against pages with known text (rendered with Java2D fonts at known places), each a little wider
 * than the 960-pixel input so that it is read in two full-resolution tiles joined at a seam.
 */
class TextAccuracyTest {
    private static ModelHandler ppocr;
    private static ModelHandler oneRun;

    @BeforeAll
    static void open() throws Exception {
        ppocr = Handlers.open(Handlers.BUNDLED, "ppocr");
        var spec = Handlers.BUNDLED.get("ppocr");
        oneRun = ModelHandlers.open(spec.with("memoryPolicy", "downscale", spec.maxSide()), SlotContext.defaults());
    }

    @AfterAll
    static void close() throws Exception {
        ppocr.close();
        oneRun.close();
    }

    private static Inference read(ModelHandler h, TextPages.Page page) throws Exception {
        return Handlers.run(h, page.image(), h.spec().defaultProfile());
    }

    private static List<TaskResult.TextRegion> texts(Inference inference) {
        return ((TaskResult.Texts) inference.result()).texts();
    }

    /**
     * A dense map (short labels in rows a few pixels apart, several sizes and colours, on a textured
     * background) read in two tiles: nearly every label comes back as its own line, as many as one
     * downscaled run finds. Joining every pair of boxes that touch anywhere chained whole rows into one box.
     */
    @Test
    void aDenseMapWiderThanTheInputIsReadCompletely() throws Exception {
        // labels one font size apart: closer than the benchmark's maps, as on a busy street map
        TextPages.Page page = TextPages.render(TextPages.Layout.MAP, 1100, 400, 11, 1.0);
        Inference run = read(ppocr, page);
        List<TaskResult.TextRegion> tiled = texts(run);
        assertEquals(2, run.runs());
        TextScore s = TextScore.of(page.lines(), tiled);
        assertTrue(page.lines().size() > 120, "a dense page: " + page.lines().size());
        assertTrue(s.recall() >= 0.9 && s.charAccuracy() >= 0.9, s.toString());
        assertTrue(s.precision() >= 0.9, s.toString());
        TextScore downscaled = TextScore.of(page.lines(), texts(read(oneRun, page)));
        assertTrue(s.found() >= downscaled.found() - 2, "tiled " + s + ", one downscaled run " + downscaled);
        for (TaskResult.TextRegion r : tiled) {
            float h = Math.abs(r.polygon()[3][1] - r.polygon()[0][1]);
            assertTrue(h < 40, "a label, not a block of lines: " + r.text());
        }
    }

    @Test
    void documentReceiptAndRotatedLabelsAcrossASeam() throws Exception {
        List<String> failures = new ArrayList<>();
        for (TextPages.Layout layout : List.of(TextPages.Layout.DOCUMENT, TextPages.Layout.RECEIPT,
                TextPages.Layout.ROTATED)) {
            TextPages.Page page = TextPages.render(layout, 1100, 400, 5);
            TextScore s = TextScore.of(page.lines(), texts(read(ppocr, page)));
            if (s.recall() < 0.9 || s.charAccuracy() < 0.9 || s.lines() < 8) {
                failures.add(layout + ": " + s);
            }
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    /** Lines top to bottom, left to right within a line; corners clockwise from top-left. */
    @Test
    void regionsComeInReadingOrderWithCornersClockwiseFromTopLeft() throws Exception {
        TextPages.Page page = TextPages.render(TextPages.Layout.ROTATED, 1100, 400, 3);
        List<TaskResult.TextRegion> regions = texts(read(ppocr, page));
        for (TaskResult.TextRegion r : regions) {
            float[][] p = r.polygon();
            assertTrue(p[1][0] > p[0][0] && p[2][0] > p[3][0], "top-right is right of top-left: " + r.text());
            assertTrue(p[3][1] > p[0][1] && p[2][1] > p[1][1], "bottom-left is below top-left: " + r.text());
            double signed = 0;
            for (int i = 0; i < 4; i++) {
                signed += p[i][0] * p[(i + 1) % 4][1] - p[(i + 1) % 4][0] * p[i][1];
            }
            assertTrue(signed > 0, "clockwise on screen (y down): " + r.text());
        }
        // the ground truth is generated row by row, left to right: matched regions must come in that order
        TextPages.Page map = TextPages.render(TextPages.Layout.MAP, 900, 300, 4);
        List<TaskResult.TextRegion> read = texts(read(ppocr, map));
        List<Integer> order = new ArrayList<>();
        for (TaskResult.TextRegion r : read) {
            int best = -1;
            double bestIou = TextScore.MIN_IOU;
            for (int i = 0; i < map.lines().size(); i++) {
                double iou = TextScore.iou(map.lines().get(i), r);
                if (iou >= bestIou) {
                    bestIou = iou;
                    best = i;
                }
            }
            if (best >= 0) {
                order.add(best);
            }
        }
        assertTrue(order.size() > 40, "matched " + order.size());
        List<Integer> sorted = new ArrayList<>(order);
        sorted.sort(null);
        assertEquals(sorted, order);
    }
}
