package io.visionstream.codec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** PNG encoding of whole images (overlays, masks, mattes); waifu2x streams its own ({@link StreamingPngWriter}). */
public final class PngEncoder {
    private PngEncoder() {
    }

    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, image.getWidth() * image.getHeight() / 4));
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
