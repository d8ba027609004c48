package io.visionstream.model;

import io.visionstream.preprocess.ResizePlan;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One image made ready for a model by {@link ModelHandler#prepare}: admitted (or rejected before this existed),
 * its runs planned, no pixel drawn yet. It carries everything {@link ModelHandler#infer} needs, so a handler
 * keeps no per-image state between the two calls and several prepared images can wait for one batch.
 *
 * @param input the model input size it runs at (a profile, oriented and capped; the fixed input otherwise)
 * @param plan  model input to original pixels, for a run on the whole image
 * @param tiles regions of the image run one after the other (first the whole image when the family wants an
 *              overview); empty when the image runs whole
 */
public record Prepared(BufferedImage image, InputProfile input, ResizePlan plan, List<Rectangle> tiles) {
    public Prepared {
        tiles = List.copyOf(tiles);
    }

    public static Prepared whole(BufferedImage image, InputProfile input, ResizePlan plan) {
        return new Prepared(image, input, plan, List.of());
    }

    public boolean tiled() {
        return !tiles.isEmpty();
    }
}
