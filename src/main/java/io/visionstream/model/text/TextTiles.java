package io.visionstream.model.text;

import io.visionstream.model.InputProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How PP-OCR's detector reads an image: the whole image scaled to fit its input (sides multiples of 32, the
 * PP-OCR resize), or overlapping input-sized tiles of the image at a chosen scale. Pure planning, no pixels.
 */
final class TextTiles {
    static final int MULTIPLE = 32;
    static final int MIN_TILE = 320;
    /** Box height (pixels) at which PP-OCR's detector reads lines whole: print of about 30 px. */
    static final double TEXT_HEIGHT = 32;

    private TextTiles() {
    }

    /**
     * A region of the image (x, y, w, h) and the detector input it is drawn to (dw × dh, multiples of 32):
     * stretched to fill it (the PP-OCR resize), or at full resolution with the rest of the input left black.
     */
    record Tile(int x, int y, int w, int h, int dw, int dh, boolean stretch) {
        SeamMerger.Tile region() {
            return new SeamMerger.Tile(x, y, w, h);
        }
    }

    /** The whole image in one run: scaled down (never up) to fit the box, sides multiples of 32. */
    static Tile scaledToFit(int w, int h, InputProfile b) {
        double r = Math.min(1.0, Math.min(b.width() / (double) w, b.height() / (double) h));
        int dw = Math.min(b.width(), Math.max(MULTIPLE, (int) Math.round(w * r / MULTIPLE) * MULTIPLE));
        int dh = Math.min(b.height(), Math.max(MULTIPLE, (int) Math.round(h * r / MULTIPLE) * MULTIPLE));
        return new Tile(0, 0, w, h, dw, dh, true);
    }

    /** Overlapping box-sized tiles over an image of w×h (the image as it is drawn: scaled by the tiles' scale). */
    static List<Tile> cover(int w, int h, InputProfile b) {
        List<Tile> tiles = new ArrayList<>();
        int overlap = b.shortSide() / 8;
        int stepX = b.width() - overlap;
        int stepY = b.height() - overlap;
        for (int y0 = 0; y0 < h; y0 += stepY) {
            int th = Math.min(b.height(), h - y0);
            for (int x0 = 0; x0 < w; x0 += stepX) {
                int tw = Math.min(b.width(), w - x0);
                tiles.add(new Tile(x0, y0, tw, th, round32up(tw), round32up(th), false));
                if (x0 + tw >= w) {
                    break;
                }
            }
            if (y0 + th >= h) {
                break;
            }
        }
        return tiles;
    }

    /**
     * The scale to read tiles at, from the boxes of a downscaled overview: one that brings the smaller text
     * (the tenth percentile of box heights) to about {@link #TEXT_HEIGHT} pixels, never above full resolution.
     * Large print read at full resolution falls apart into words, small print read downscaled is lost;
     * without text in the overview (print too small to see there), full resolution.
     */
    static double scaleFor(List<SeamMerger.Piece> overview) {
        if (overview.size() < 3) {
            return 1.0;
        }
        double[] heights = new double[overview.size()];
        for (int i = 0; i < heights.length; i++) {
            SeamMerger.Piece p = overview.get(i);
            heights[i] = Math.hypot(p.xs()[3] - p.xs()[0], p.ys()[3] - p.ys()[0]);
        }
        Arrays.sort(heights);
        double small = heights[heights.length / 10];
        return Math.min(1.0, TEXT_HEIGHT / small);
    }

    /**
     * A profile as the detector input: capped by the run limit (never below 320 a side) and rounded down to
     * multiples of 32.
     */
    static InputProfile box(InputProfile p, long runPixelLimit) {
        double r = Math.min(1.0, Math.sqrt(runPixelLimit / (double) p.pixels()));
        int bw = Math.max(MIN_TILE, round32((int) (p.width() * r)));
        int bh = Math.max(MIN_TILE, round32((int) (p.height() * r)));
        return new InputProfile(p.name(), bw, bh);
    }

    static int round32(int v) {
        return Math.max(MULTIPLE, (v / MULTIPLE) * MULTIPLE);
    }

    static int round32up(int v) {
        return Math.max(MULTIPLE, (v + MULTIPLE - 1) / MULTIPLE * MULTIPLE);
    }
}
