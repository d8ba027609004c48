package io.visionstream.model.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Seam merging on boxes placed by hand: two tiles side by side, x 0–960 and 840–1800, one row of tiles. */
class SeamMergerTest {
    private static final List<SeamMerger.Tile> TILES = List.of(new SeamMerger.Tile(0, 0, 960, 400),
            new SeamMerger.Tile(840, 0, 960, 400));

    /** A box of tile t in image pixels, with its text inset by 4 px and the cut flags given. */
    private static SeamMerger.Piece box(int tile, double x1, double y1, double x2, double y2, boolean cutLeft,
                                        boolean cutRight) {
        return new SeamMerger.Piece(new double[] {x1, x2, x2, x1}, new double[] {y1, y1, y2, y2}, 0.9f, tile,
                x1 + 4, y1 + 4, x2 - 4, y2 - 4, cutLeft, false, cutRight, false);
    }

    @Test
    void piecesOfOneLineCutByTheSeamAreJoined() {
        List<SeamMerger.Line> lines = SeamMerger.merge(List.of(
                box(0, 600, 100, 962, 120, false, true),
                box(1, 838, 100, 1300, 120, true, false)), TILES);
        assertEquals(1, lines.size());
        assertEquals(600, min(lines.get(0).xs()), 0.5);
        assertEquals(1300, max(lines.get(0).xs()), 0.5);
    }

    @Test
    void neighbouringLabelsOfOneTileAreNeverJoined() {
        // two labels a few pixels apart in one row, and two rows that touch: all of tile 0, none cut
        List<SeamMerger.Line> lines = SeamMerger.merge(List.of(
                box(0, 100, 100, 200, 120, false, false),
                box(0, 198, 100, 300, 120, false, false),
                box(0, 100, 118, 200, 138, false, false),
                box(1, 1000, 100, 1100, 120, false, false)), TILES);
        assertEquals(4, lines.size());
    }

    @Test
    void aLineWholeInOneTileKeepsTheWholeCopy() {
        // whole in tile 1 (starts inside the overlap), cut by tile 0's right edge
        List<SeamMerger.Line> lines = SeamMerger.merge(List.of(
                box(0, 880, 200, 962, 220, false, true),
                box(1, 880, 200, 1100, 220, false, false)), TILES);
        assertEquals(1, lines.size());
        assertEquals(1100, max(lines.get(0).xs()), 0.5);
    }

    @Test
    void cutPiecesOfDifferentRowsOrThatDoNotMeetStayApart() {
        List<SeamMerger.Line> lines = SeamMerger.merge(List.of(
                // cut at the seam but on different rows
                box(0, 700, 100, 962, 120, false, true),
                box(1, 838, 130, 1200, 150, true, false),
                // level, cut at facing edges, but their texts do not overlap inside the band
                box(0, 930, 300, 962, 320, false, true),
                box(1, 838, 300, 900, 320, true, false)), TILES);
        assertEquals(4, lines.size());
    }

    private static double min(double[] v) {
        return Math.min(Math.min(v[0], v[1]), Math.min(v[2], v[3]));
    }

    private static double max(double[] v) {
        return Math.max(Math.max(v[0], v[1]), Math.max(v[2], v[3]));
    }
}
