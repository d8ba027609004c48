package io.visionstream.codec;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Direct access to an image's pixels as interleaved B,G,R bytes (decoded JPEGs already are; others convert once). */
public final class BgrPixels {
    private BgrPixels() {
    }

    public static BufferedImage of(BufferedImage image) {
        if (isPacked(image)) {
            return image;
        }
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        var g = bgr.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return bgr;
    }

    /** Whether the image's own array holds its pixels as B,G,R bytes, so that {@link #data} may be read directly. */
    public static boolean isPacked(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_3BYTE_BGR && image.getRaster().getParent() == null
                && image.getRaster().getDataBuffer() instanceof DataBufferByte;
    }

    public static byte[] data(BufferedImage bgr) {
        return ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    }
}
