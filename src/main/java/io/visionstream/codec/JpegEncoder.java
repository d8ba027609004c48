package io.visionstream.codec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Baseline JPEG at a given quality: libjpeg-turbo where {@link TurboJpeg} is loaded, else ImageIO's writer. */
public final class JpegEncoder {
    private JpegEncoder() {
    }

    public static byte[] encode(BufferedImage image, float quality) {
        if (TurboJpeg.available() && BgrPixels.isPacked(image)) {
            try {
                return TurboJpeg.encode(image, Math.round(quality * 100));
            } catch (IOException e) {
                // not expected for an image we drew; ImageIO says what it makes of it
            }
        }
        return encodeWithImageIo(image, quality);
    }

    static byte[] encodeWithImageIo(BufferedImage image, float quality) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, image.getWidth() * image.getHeight() / 8));
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (javax.imageio.stream.MemoryCacheImageOutputStream out = new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
            javax.imageio.ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
