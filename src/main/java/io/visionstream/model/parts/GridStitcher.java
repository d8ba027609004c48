package io.visionstream.model.parts;

import java.util.ArrayList;
import java.util.List;

/**
 * One full-resolution BodyPix grid made of the grids of overlapping tiles, so that a huge image is parsed at its own
 * resolution with one tile's activations at a time. Every output of BodyPix is cell-local (logits, and offsets and
 * displacements relative to their cell), so the tiles' cells are copied, not their labels: the poses, the instances
 * and the painted parts are then decoded once, on the stitched grid, exactly as for one run. Tiles start on the
 * 16-pixel grid; where two overlap, each keeps the half of the overlap nearer its own centre (a cell far from a tile's
 * edge saw the context it needs).
 */
final class GridStitcher {
    static final int STRIDE = BodyPartsHandler.STRIDE;
    private static final int[] CHANNELS = {1, BodyPixGrid.PARTS, BodyPixGrid.KEYPOINTS, 2 * BodyPixGrid.KEYPOINTS,
        2 * BodyPixGrid.KEYPOINTS, 2 * BodyPixGrid.EDGES, 2 * BodyPixGrid.EDGES};

    /** Where one tile lies, in image pixels; its size is a 16k+1 run size. */
    record Tile(int x, int y, int width, int height) { }

    private final int gh;
    private final int gw;
    private final float[][] planes = new float[CHANNELS.length][];

    GridStitcher(int imageWidth, int imageHeight) {
        this.gw = cells(imageWidth);
        this.gh = cells(imageHeight);
        for (int i = 0; i < CHANNELS.length; i++) {
            planes[i] = new float[gh * gw * CHANNELS[i]];
        }
    }

    /** Cells covering {@code pixels}: the last cell's pixel is at or past the last pixel. */
    static int cells(int pixels) {
        return (pixels - 1 + STRIDE - 1) / STRIDE + 1;
    }

    /** Bytes a stitched grid of an image this size holds (what tiling a huge image costs on the heap). */
    static long bytes(int imageWidth, int imageHeight) {
        int per = 0;
        for (int c : CHANNELS) {
            per += c;
        }
        return (long) cells(imageWidth) * cells(imageHeight) * per * Float.BYTES;
    }

    /**
     * Tiles of {@code tw}×{@code th} (16k+1) covering a w×h image, overlapping by {@code overlap} pixels (a multiple
     * of 16), starting on the grid; the last tile of a row or column ends at or past the image's edge.
     */
    static List<Tile> tiles(int w, int h, int tw, int th, int overlap) {
        List<Tile> out = new ArrayList<>();
        for (int y : starts(h, th, overlap)) {
            for (int x : starts(w, tw, overlap)) {
                out.add(new Tile(x, y, tw, th));
            }
        }
        return out;
    }

    private static List<Integer> starts(int size, int tile, int overlap) {
        List<Integer> s = new ArrayList<>();
        int step = Math.max(STRIDE, (tile - 1 - overlap) / STRIDE * STRIDE);
        int last = Math.max(0, (cells(size) - 1) * STRIDE - (tile - 1));
        for (int p = 0; ; p += step) {
            s.add(Math.min(p, last));
            if (p >= last) {
                return s;
            }
        }
    }

    /** Copies a tile's grid in, keeping of each overlap the half nearer this tile's centre. */
    void add(BodyPixGrid t, Tile tile, int overlap) {
        int cx = tile.x() / STRIDE;
        int cy = tile.y() / STRIDE;
        int half = overlap / STRIDE / 2;
        int fromY = cy == 0 ? 0 : half;
        int fromX = cx == 0 ? 0 : half;
        float[][] src = {t.segments(), t.partLogits(), t.heatmaps(), t.shortOffsets(), t.longOffsets(),
            t.displacementFwd(), t.displacementBwd()};
        for (int ty = fromY; ty < t.gh() && cy + ty < gh; ty++) {
            int n = Math.min(t.gw(), gw - cx) - fromX;
            if (n <= 0) {
                continue;
            }
            for (int i = 0; i < CHANNELS.length; i++) {
                int c = CHANNELS[i];
                System.arraycopy(src[i], (ty * t.gw() + fromX) * c, planes[i], ((cy + ty) * gw + cx + fromX) * c, n * c);
            }
        }
    }

    BodyPixGrid grid() {
        return BodyPixGrid.of(gh, gw, STRIDE, planes[0], planes[1], planes[2], planes[3], planes[4], planes[5],
                planes[6]);
    }
}
