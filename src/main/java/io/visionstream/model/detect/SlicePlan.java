package io.visionstream.model.detect;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs of one sliced frame (SAHI's slicing, with a pyramid): first the whole frame (the overview, for the
 * objects larger than any slice), then square slices of side S, 2S, 4S... below the frame's short side, each
 * level overlapping by a share of its side. An object up to overlap × S is whole in some slice of side S, so
 * every object is whole in some level at a size the model sees well; the finest level holds the small ones.
 * Slices of one level all have the same size (the last ones shifted back inside the frame, as SAHI does), so
 * the model sees the level at one scale. Pure planning, no pixels.
 */
public final class SlicePlan {
    private static final double GROWTH = 1.15;

    private SlicePlan() {
    }

    /**
     * The runs for a w×h frame: the finest side is {@code finest} grown until all runs fit in maxRuns.
     */
    public static List<Rectangle> runs(int w, int h, int finest, SliceSettings s) {
        int side = Math.max(16, finest);
        while (count(w, h, side, s.overlap()) > s.maxRuns()) {
            side = (int) Math.ceil(side * GROWTH);
        }
        List<Rectangle> runs = new ArrayList<>();
        runs.add(new Rectangle(0, 0, w, h));
        for (int level = side; level < Math.min(w, h); level *= 2) {
            runs.addAll(level(w, h, level, s.overlap()));
        }
        return runs;
    }

    /** The finest slice side: the configured one, else full resolution (one model input of frame pixels). */
    public static int finestSide(SliceSettings s, int inputSide) {
        return s.sliceSide() > 0 ? s.sliceSide() : inputSide;
    }

    static int count(int w, int h, int side, double overlap) {
        int n = 1;
        for (int level = side; level < Math.min(w, h); level *= 2) {
            n += steps(w, level, overlap) * steps(h, level, overlap);
        }
        return n;
    }

    /** One level: slices of side × side, neighbours sharing at least overlap × side, spread evenly. */
    static List<Rectangle> level(int w, int h, int side, double overlap) {
        int nx = steps(w, side, overlap);
        int ny = steps(h, side, overlap);
        List<Rectangle> out = new ArrayList<>(nx * ny);
        for (int j = 0; j < ny; j++) {
            int y = ny == 1 ? 0 : (int) Math.round(j * (h - side) / (double) (ny - 1));
            for (int i = 0; i < nx; i++) {
                int x = nx == 1 ? 0 : (int) Math.round(i * (w - side) / (double) (nx - 1));
                out.add(new Rectangle(x, y, Math.min(side, w), Math.min(side, h)));
            }
        }
        return out;
    }

    private static int steps(int length, int side, double overlap) {
        if (length <= side) {
            return 1;
        }
        int step = Math.max(1, (int) Math.floor(side * (1 - overlap)));
        return (int) Math.ceil((length - side) / (double) step) + 1;
    }
}
