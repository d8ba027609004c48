package io.visionstream.codec;

import io.visionstream.codec.ImageFormat;
import io.visionstream.codec.ImageHeader;
import io.visionstream.reject.RejectReason;
import io.visionstream.reject.RejectedInputException;
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
 *
 * <p>JPEG goes to libjpeg-turbo's scaled decode ({@link TurboJpeg}) where its library is loaded. The same
 * rules hold there: a warning rejects the record, and a stream libjpeg-turbo refuses goes on to ImageIO, so
 * what is accepted and what is rejected does not depend on which decoder ran.
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
        if (header.format() == ImageFormat.JPEG && TurboJpeg.available()) {
            BufferedImage image = decodeScaledJpeg(bytes, header, subsampling);
            if (image != null) {
                return image;
            }
        }
        return decodeWithImageIo(bytes, header, subsampling);
    }

    /** Whether JPEG goes to libjpeg-turbo's scaled decode here (false: ImageIO). */
    public static boolean scaledJpeg() {
        return TurboJpeg.available();
    }

    /** The JPEG at 1/subsampling of its size or a little larger; null where ImageIO should try it instead. */
    private static BufferedImage decodeScaledJpeg(byte[] bytes, ImageHeader header, int subsampling)
            throws RejectedInputException {
        TurboJpeg.Decoded d;
        try {
            // never more pixels than the guard let through
            d = TurboJpeg.decode(bytes, subsampling, 3L * header.pixels());
        } catch (java.io.IOException e) {
            return null;
        } catch (OutOfMemoryError e) {
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS, header.format() + " " + header.width() + "x"
                    + header.height() + " needs more heap than is free to decode (" + e.getMessage() + ")");
        }
        checkSize(header, d.sourceWidth(), d.sourceHeight());
        if (d.warnings() > 0) {
            throw corrupt(header, d.firstWarning(), d.warnings());
        }
        return d.image();
    }

    private static void checkSize(ImageHeader header, int w, int h) throws RejectedInputException {
        if ((long) w * h > header.pixels()) {
            throw new RejectedInputException(RejectReason.CORRUPT_IMAGE, header.format()
                    + " decoder reports " + w + "x" + h + " but the header said " + header.width() + "x"
                    + header.height());
        }
    }

    private static RejectedInputException corrupt(ImageHeader header, String firstWarning, int warnings) {
        return new RejectedInputException(RejectReason.CORRUPT_IMAGE, header.format() + " decoder warning: "
                + firstWarning + (warnings > 1 ? " (and " + (warnings - 1) + " more)" : ""));
    }

    /**
     * ImageIO alone, whatever the format: the reference the JPEG decoder is held to (its tests compare the two),
     * and what decodes everything but JPEG.
     */
    public static BufferedImage decodeWithImageIo(byte[] bytes, ImageHeader header, int subsampling)
            throws RejectedInputException {
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
                checkSize(header, w, h);
                javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                if (subsampling > 1) {
                    param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                }
                BufferedImage image = SourceSize.tag(reader.read(0, param), w, h);
                if (warnings[0] > 0) {
                    throw corrupt(header, firstWarning[0], warnings[0]);
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
