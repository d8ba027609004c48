package io.visionstream.preprocess;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Overlapping square tiles that cover an image: tiles of {@code side} pixels (smaller only where the image
 * is), neighbours sharing {@code overlap} pixels so that an object cut by one seam is whole in a neighbour.
 */
public final class TileGrid {
    private TileGrid() {
    }

    public static List<Rectangle> cover(int width, int height, int side, int overlap) {
        if (side <= overlap) {
            throw new IllegalArgumentException("tile side " + side + " must exceed the overlap " + overlap);
        }
        List<Rectangle> tiles = new ArrayList<>();
        int step = side - overlap;
        for (int y = 0; ; y += step) {
            int th = Math.min(side, height - y);
            for (int x = 0; ; x += step) {
                int tw = Math.min(side, width - x);
                tiles.add(new Rectangle(x, y, tw, th));
                if (x + tw >= width) {
                    break;
                }
            }
            if (y + th >= height) {
                break;
            }
        }
        return tiles;
    }
}
