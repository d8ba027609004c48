package io.visionstream.image;

import io.visionstream.guard.ImageHeader;
import io.visionstream.guard.RejectReason;
import io.visionstream.guard.RejectedInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an encoded image that the guard has already sized. Only the first frame of an animated GIF is read.
 * A JPEG decoder warning (for example "premature end of data") counts as corruption: ImageIO would otherwise
 * hand back a half-grey picture and the model would run on garbage.
 */
public final class ImageDecoder {
    private ImageDecoder() {
    }

    public static BufferedImage decode(byte[] bytes, ImageHeader header) throws RejectedInputException {
        return decode(bytes, header, 1);
    }

    /**
     * Decodes every {@code subsampling}-th pixel of every {@code subsampling}-th row (1: all of them). ImageIO
     * subsamples while it converts rows, so the full-size raster is never allocated and colour conversion and
     * copying shrink with it; the result is {@link SourceSize tagged} with the original size.
     */
    public static BufferedImage decode(byte[] bytes, ImageHeader header, int subsampling) throws RejectedInputException {
        // The record is in memory already: a memory-cached stream. ImageIO.createImageInputStream would, with
        // ImageIO's default cache setting, copy every record through a temporary file first (seen in a profile).
        try (ImageInputStream in = new javax.imageio.stream.MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new RejectedInputException(RejectReason.UNSUPPORTED_FORMAT,
                        "no decoder for this " + header.format() + " image");
            }
            ImageReader reader = readers.next();
            // A damaged JPEG can warn once per block: keep the first warning and count the rest.
            String[] firstWarning = new String[1];
            int[] warnings = new int[1];
            reader.addIIOReadWarningListener((source, warning) -> {
                if (warnings[0]++ == 0) {
                    firstWarning[0] = warning;
                }
            });
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if ((long) w * h > header.pixels()) {
                    throw new RejectedInputException(RejectReason.CORRUPT_IMAGE, header.format()
                            + " decoder reports " + w + "x" + h + " but the header said " + header.width() + "x"
                            + header.height());
                }
                javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                if (subsampling > 1) {
                    param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                }
                BufferedImage image = SourceSize.tag(reader.read(0, param), w, h);
                if (warnings[0] > 0) {
                    throw new RejectedInputException(RejectReason.CORRUPT_IMAGE, header.format() + " decoder warning: "
                            + firstWarning[0] + (warnings[0] > 1 ? " (and " + (warnings[0] - 1) + " more)" : ""));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (OutOfMemoryError e) {
            // One large array that did not fit (the heap is as it was): reject the record rather than fail the
            // task, which would replay the same record into the same error after every restart.
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS, header.format() + " " + header.width() + "x"
                    + header.height() + " needs more heap than is free to decode (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            throw new RejectedInputException(RejectReason.CORRUPT_IMAGE,
                    header.format() + " image cannot be decoded: " + e.getMessage(), e);
        }
    }
}
