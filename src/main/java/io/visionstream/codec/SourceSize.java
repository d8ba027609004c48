package io.visionstream.codec;

import java.awt.image.BufferedImage;
import java.util.Hashtable;

/**
 * The size of the encoded image a decoded one came from. A fixed-input model gets its frames decoded at a
 * fraction of their size (a 416-pixel detector does not need 1920 columns), but results are promised in pixels
 * of the original image: the decoder tags the smaller image with the original size, in the image's own
 * properties so that it travels with it, and whatever maps results back reads it here.
 */
public final class SourceSize {
    private static final String WIDTH = "visionstream.sourceWidth";
    private static final String HEIGHT = "visionstream.sourceHeight";

    private SourceSize() {
    }

    /** The same pixels (no copy), tagged as coming from a sourceWidth×sourceHeight original. */
    public static BufferedImage tag(BufferedImage image, int sourceWidth, int sourceHeight) {
        if (image.getWidth() == sourceWidth && image.getHeight() == sourceHeight) {
            return image;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(WIDTH, sourceWidth);
        props.put(HEIGHT, sourceHeight);
        return new BufferedImage(image.getColorModel(), image.getRaster(), image.isAlphaPremultiplied(), props);
    }

    public static int width(BufferedImage image) {
        return image.getProperty(WIDTH) instanceof Integer w ? w : image.getWidth();
    }

    public static int height(BufferedImage image) {
        return image.getProperty(HEIGHT) instanceof Integer h ? h : image.getHeight();
    }
}
