package io.visionstream.model.image2image;

import io.visionstream.model.Inference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.reject.RejectReason;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.model.Handlers;
import io.visionstream.model.ModelHandler;
import io.visionstream.result.TaskResult;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** waifu2x 2x on a real photo: tiled output equals one-tile output, and looks like the photo upscaled. */
class TiledImageToImageTest {
    private static BufferedImage crop() throws Exception {
        BufferedImage cat = Handlers.sample("chelsea.png"); // 451x300
        return cat.getSubimage(150, 60, 150, 110);
    }

    @Test
    void tilesAreSeamlessBecauseThePadIsTheReceptiveField() throws Exception {
        BufferedImage in = crop();
        BufferedImage tiled;
        BufferedImage whole;
        int tiles;
        try (ModelHandler h = Handlers.open(Handlers.FIXTURES, "waifu2x-small-tiles")) {
            Inference run = Handlers.run(h, in, h.spec().defaultProfile());
            tiled = Handlers.image(run.result());
            tiles = run.runs();
        }
        try (ModelHandler h = Handlers.open(Handlers.FIXTURES, "waifu2x-one-tile")) {
            Inference run = Handlers.run(h, in, h.spec().defaultProfile());
            whole = Handlers.image(run.result());
            assertEquals(1, run.runs());
        }
        assertEquals(300, tiled.getWidth());
        assertEquals(220, tiled.getHeight());
        assertEquals(5 * 4, tiles, "300x220 in 64-pixel tiles");
        int maxDiff = 0;
        for (int y = 0; y < 220; y++) {
            for (int x = 0; x < 300; x++) {
                int a = tiled.getRGB(x, y);
                int b = whole.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    maxDiff = Math.max(maxDiff, Math.abs(((a >> s) & 0xFF) - ((b >> s) & 0xFF)));
                }
            }
        }
        assertTrue(maxDiff <= 1, "tiled and whole outputs differ by " + maxDiff + " levels");
        assertTrue(psnrAgainstBicubic(in, tiled) > 25, "output resembles the photo upscaled");
    }

    @Test
    void anOutputAboveTheLimitIsRejected() throws Exception {
        try (ModelHandler h = Handlers.open(Handlers.FIXTURES, "waifu2x-one-tile")) {
            RejectedInputException e = assertThrows(RejectedInputException.class,
                    () -> h.prepare(Handlers.sample("chelsea.png")));
            assertEquals(RejectReason.TOO_MANY_PIXELS, e.reason());
            assertTrue(e.getMessage().contains("maxOutputPixels"), e.getMessage());
        }
    }

    private static double psnrAgainstBicubic(BufferedImage in, BufferedImage out) {
        BufferedImage ref = new BufferedImage(out.getWidth(), out.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = ref.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(in, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        double se = 0;
        long n = 0;
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int a = out.getRGB(x, y);
                int b = ref.getRGB(x, y);
                for (int s = 0; s < 24; s += 8) {
                    double d = ((a >> s) & 0xFF) - ((b >> s) & 0xFF);
                    se += d * d;
                    n++;
                }
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (se / n));
    }
}
