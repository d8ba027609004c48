package io.visionstream.model.text;

import io.visionstream.model.Inference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.preprocess.ResizePlan;
import io.visionstream.model.Handlers;
import io.visionstream.model.InputProfile;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelSpec;
import io.visionstream.result.TaskResult;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PP-OCRv4 detection + recognition on a real scanned page (imageTextN.png, 13 lines of English). */
class TextHandlerTest {
    private static ModelHandler ppocr;

    @BeforeAll
    static void open() throws Exception {
        ppocr = Handlers.open(Handlers.BUNDLED, "ppocr");
    }

    @AfterAll
    static void close() throws Exception {
        ppocr.close();
    }

    /** The regions' text in reading order, spaces left out (whether a space is read is not at stake). */
    private static String words(List<TaskResult.TextRegion> lines) {
        return String.join("", lines.stream().map(TaskResult.TextRegion::text).toList()).replace(" ", "");
    }

    @Test
    void readsBackTheLinesOfAPage() throws Exception {
        List<TaskResult.TextRegion> lines = ((TaskResult.Texts) Handlers.infer(ppocr,
                Handlers.sample("imageTextN.png"))).texts();
        assertEquals(13, lines.size(), lines.stream().map(TaskResult.TextRegion::text).toList().toString());
        assertEquals("technical details are too complex to cover in the book itself.", lines.get(0).text());
        assertTrue(lines.get(1).text().startsWith("In teaching our courses"), lines.get(1).text());
        assertEquals("inspiration from three high-level approaches:", lines.get(12).text());
        String page = String.join(" ", lines.stream().map(TaskResult.TextRegion::text).toList());
        for (String word : List.of("implementation", "real-world", "conference", "photographs", "imagery")) {
            assertTrue(page.contains(word), word + " not read in: " + page);
        }
        for (TaskResult.TextRegion r : lines) {
            assertTrue(r.score() >= 0.6f, "box score " + r.score());
            for (float[] p : r.polygon()) {
                assertTrue(p[0] >= 0 && p[0] <= 556 && p[1] >= 0 && p[1] <= 257, "polygon inside the image");
            }
            float height = r.polygon()[3][1] - r.polygon()[0][1];
            assertTrue(height > 9 && height < 30, "a line box, not a paragraph: " + height);
        }
        // reading order: top to bottom
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i).polygon()[0][1] > lines.get(i - 1).polygon()[0][1]);
        }
    }

    /** The page scaled 3x: 1668x771, wider than the 960 input, so policy tile reads it in overlapping tiles. */
    private static java.awt.image.BufferedImage bigPage() throws Exception {
        java.awt.image.BufferedImage page = Handlers.sample("imageTextN.png");
        java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(page.getWidth() * 3, page.getHeight() * 3,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = big.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(page, 0, 0, big.getWidth(), big.getHeight(), null);
        g.dispose();
        return big;
    }

    @Test
    void aLargePageIsReadInTilesWithLinesJoinedAcrossTheSeams() throws Exception {
        Inference run = Handlers.run(ppocr, bigPage(), ppocr.spec().defaultProfile());
        List<TaskResult.TextRegion> lines = ((TaskResult.Texts) run.result()).texts();
        assertTrue(run.runs() >= 2, "tiles: " + run.runs());
        assertEquals(13, lines.size(), lines.stream().map(TaskResult.TextRegion::text).toList().toString());
        assertEquals("technical details are too complex to cover in the book itself.", lines.get(0).text());
        assertEquals("inspiration from three high-level approaches:", lines.get(12).text());
        // a full line spans the seam at x = 840: one box from the left margin to the right one
        float[][] second = lines.get(1).polygon();
        assertTrue(second[0][0] < 200 && second[1][0] > 1500, java.util.Arrays.deepToString(second));
    }

    @Test
    void otherPoliciesDownscaleOrReject() throws Exception {
        try (ModelHandler down = Handlers.open(Handlers.FIXTURES, "ppocr-downscale");
             ModelHandler reject = Handlers.open(Handlers.FIXTURES, "ppocr-reject")) {
            Inference run = Handlers.run(down, bigPage(), down.spec().defaultProfile());
            List<TaskResult.TextRegion> lines = ((TaskResult.Texts) run.result()).texts();
            assertEquals(1, run.runs());
            assertEquals(13, lines.size());
            io.visionstream.reject.RejectedInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.visionstream.reject.RejectedInputException.class, () -> reject.prepare(bigPage()));
            assertEquals(io.visionstream.reject.RejectReason.TOO_MANY_PIXELS, e.reason());
            // an image that fits is not affected by the policy
            assertEquals(13, ((TaskResult.Texts) Handlers.infer(reject, Handlers.sample("imageTextN.png"))).texts().size());
        }
    }

    @Test
    void aProfileSetsTheDetectorInputAndTheTiles() throws Exception {
        ModelSpec spec = ppocr.spec();
        java.awt.image.BufferedImage page = bigPage();
        java.util.Map<String, Integer> tiles = new java.util.LinkedHashMap<>();
        String pageText = null;
        for (String name : List.of("default", "id_card", "screenshot")) {
            InputProfile profile = spec.profile(name);
            Inference run = Handlers.run(ppocr, page, profile);
            List<TaskResult.TextRegion> lines = ((TaskResult.Texts) run.result()).texts();
            if (name.equals("default")) {
                assertEquals(13, lines.size(), lines.stream().map(TaskResult.TextRegion::text).toList().toString());
                pageText = words(lines);
            } else {
                // small tiles may see a wide gap in a line (after a full stop) as the end of a region: the same
                // words in the same reading order, at most a few characters read differently, in at most two
                // more regions
                int distance = io.visionstream.bench.TextScore.editDistance(pageText, words(lines));
                assertTrue(distance <= 5, name + ": " + distance + " edits: " + words(lines));
                assertTrue(lines.size() >= 13 && lines.size() <= 15, name + ": " + lines.size());
            }
            tiles.put(name, run.runs());
            int[] input = {run.inputWidth(), run.inputHeight()};
            // the landscape page gets the profile's long side across, in multiples of 32
            assertEquals(profile.longSide() / 32 * 32, input[0], name);
            assertEquals(profile.shortSide() / 32 * 32, input[1], name);
        }
        // 1668x771 in 960x960 tiles: 2; in 1280x720 tiles: 2 by 2. It is longer than two 640x480 ID-card boxes, so
        // it is first read downscaled: its print (3x the scan's) reads at a smaller scale, in 2 by 2 tiles, not 3 by 2
        assertEquals(java.util.Map.of("default", 2, "id_card", 5, "screenshot", 4), tiles);
    }

    @Test
    void aPhotoWithoutTextHasNoLines() throws Exception {
        assertTrue(((TaskResult.Texts) Handlers.infer(ppocr, Handlers.sample("person.jpg"))).texts().isEmpty());
        // the detector takes the horses' coats for a text block; the recognizer reads nothing there
        assertTrue(((TaskResult.Texts) Handlers.infer(ppocr, Handlers.sample("horses.jpg"))).texts().isEmpty());
    }
}
