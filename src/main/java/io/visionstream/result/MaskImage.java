package io.visionstream.result;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * A class-index mask (0 = background, k = class k-1) of width×height bytes, a view over a reusable buffer.
 * It becomes a palette PNG without copying its pixels.
 */
public record MaskImage(int width, int height, byte[] data) {
    /**
     * Index 0 black; a single class is white; several get 24 distinct colours (BodyPix's 24 parts each their own,
     * listed in README), repeating after that.
     */
    public static Color colour(int index) {
        if (index == 0) {
            return Color.BLACK;
        }
        return PALETTE[(index - 1) % PALETTE.length];
    }

    private static final Color[] PALETTE = {Color.WHITE, new Color(230, 25, 75), new Color(60, 180, 75),
        new Color(0, 130, 200), new Color(245, 130, 48), new Color(145, 30, 180), new Color(70, 240, 240),
        new Color(240, 50, 230), new Color(210, 245, 60), new Color(250, 190, 212), new Color(0, 128, 128),
        new Color(220, 190, 255), new Color(170, 110, 40), new Color(255, 250, 200), new Color(128, 0, 0),
        new Color(170, 255, 195), new Color(128, 128, 0), new Color(255, 215, 180), new Color(0, 0, 128),
        new Color(128, 128, 128), new Color(255, 225, 25), new Color(0, 90, 40), new Color(90, 0, 90),
        new Color(255, 120, 0)};

    /** A mask of its own, no longer a view of a reused buffer. */
    public MaskImage copy() {
        return new MaskImage(width, height, java.util.Arrays.copyOf(data, width * height));
    }

    public int at(int x, int y) {
        return data[y * width + x] & 0xFF;
    }

    public BufferedImage asImage() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            Color c = colour(i);
            r[i] = (byte) c.getRed();
            g[i] = (byte) c.getGreen();
            b[i] = (byte) c.getBlue();
        }
        IndexColorModel cm = new IndexColorModel(8, 256, r, g, b);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(data, width * height), width, height,
                width, 1, new int[] {0}, null);
        return new BufferedImage(cm, raster, false, null);
    }
}
