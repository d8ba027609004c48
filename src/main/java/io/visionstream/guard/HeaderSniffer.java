package io.visionstream.guard;

import io.visionstream.reject.RejectReason;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.codec.ImageFormat;
import io.visionstream.codec.ImageHeader;

/**
 * Reads format and dimensions from an encoded image's header. A PNG that claims 100000×100000 pixels is a
 * few hundred bytes; decoding it would allocate 30 GB. Reading the header first is what makes the pixel limit
 * enforceable before any allocation that grows with the image.
 */
public final class HeaderSniffer {
    private HeaderSniffer() {
    }

    public static ImageHeader sniff(byte[] b) throws RejectedInputException {
        ImageFormat format = format(b);
        return switch (format) {
            case PNG -> png(b);
            case GIF -> gif(b);
            case BMP -> bmp(b);
            case JPEG -> jpeg(b);
        };
    }

    static ImageFormat format(byte[] b) throws RejectedInputException {
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return ImageFormat.JPEG;
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return ImageFormat.PNG;
        }
        if (startsWith(b, 'G', 'I', 'F', '8') && b.length > 5 && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
            return ImageFormat.GIF;
        }
        if (startsWith(b, 'B', 'M')) {
            return ImageFormat.BMP;
        }
        throw new RejectedInputException(RejectReason.UNSUPPORTED_FORMAT,
                "not a JPEG, PNG, BMP or GIF image (first bytes: " + hex(b, 8) + ")");
    }

    private static ImageHeader png(byte[] b) throws RejectedInputException {
        // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4)
        need(b, 24, ImageFormat.PNG);
        if (b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw corrupt(ImageFormat.PNG, "first chunk is not IHDR");
        }
        int bytesPerPixel = 4;
        if (b.length >= 26) { // bit depth, colour type: 16-bit RGBA decodes to 8 bytes per pixel
            int wide = (b[24] & 0xFF) == 16 ? 2 : 1;
            bytesPerPixel = switch (b[25] & 0xFF) {
                case 0 -> wide;          // grey
                case 2 -> 3 * wide;      // RGB
                case 3 -> 1;             // palette
                case 4 -> 2 * wide;      // grey + alpha
                default -> 4 * wide;     // RGBA (or invalid: the decoder will say)
            };
        }
        return dims(ImageFormat.PNG, beInt(b, 16), beInt(b, 20), bytesPerPixel);
    }

    private static ImageHeader gif(byte[] b) throws RejectedInputException {
        need(b, 10, ImageFormat.GIF);
        return dims(ImageFormat.GIF, leShort(b, 6), leShort(b, 8), 1); // decoded as palette indices
    }

    private static ImageHeader bmp(byte[] b) throws RejectedInputException {
        need(b, 26, ImageFormat.BMP);
        int headerSize = leInt(b, 14);
        if (headerSize == 12) { // OS/2 BITMAPCOREHEADER: 16-bit dimensions
            return dims(ImageFormat.BMP, leShort(b, 18), leShort(b, 20), bmpBytesPerPixel(b, 24));
        }
        // Negative height means a top-down bitmap, same pixel count.
        return dims(ImageFormat.BMP, leInt(b, 18), Math.abs(leInt(b, 22)), bmpBytesPerPixel(b, 28));
    }

    private static ImageHeader jpeg(byte[] b) throws RejectedInputException {
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw corrupt(ImageFormat.JPEG, "bad marker at byte " + i);
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw corrupt(ImageFormat.JPEG, "no frame header (SOF) before the image data");
            }
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                need(b, i + 10, ImageFormat.JPEG);
                int height = ((b[i + 5] & 0xFF) << 8) | (b[i + 6] & 0xFF);
                int width = ((b[i + 7] & 0xFF) << 8) | (b[i + 8] & 0xFF);
                int precision = (b[i + 4] & 0xFF) > 8 ? 2 : 1;
                int components = Math.max(1, b[i + 9] & 0xFF);
                return dims(ImageFormat.JPEG, width, height, components * precision);
            }
            if (len < 2) {
                throw corrupt(ImageFormat.JPEG, "bad segment length at byte " + i);
            }
            i += 2 + len;
        }
        throw corrupt(ImageFormat.JPEG, "truncated before the frame header");
    }

    private static ImageHeader dims(ImageFormat f, int width, int height, int bytesPerPixel) throws RejectedInputException {
        if (width <= 0 || height <= 0) {
            throw corrupt(f, "header gives impossible dimensions " + width + "x" + height);
        }
        return new ImageHeader(f, width, height, bytesPerPixel);
    }

    /** Bits per pixel at {@code at}: up to 8 decode to one byte (palette), more to whole bytes. */
    private static int bmpBytesPerPixel(byte[] b, int at) {
        if (b.length < at + 2) {
            return 4;
        }
        int bits = leShort(b, at);
        return bits <= 8 ? 1 : Math.min(8, (bits + 7) / 8);
    }

    private static void need(byte[] b, int n, ImageFormat f) throws RejectedInputException {
        if (b.length < n) {
            throw corrupt(f, "truncated header (" + b.length + " bytes)");
        }
    }

    private static RejectedInputException corrupt(ImageFormat f, String why) {
        return new RejectedInputException(RejectReason.CORRUPT_IMAGE, f + " " + why);
    }

    private static boolean startsWith(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static int beInt(byte[] b, int o) {
        return ((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }

    private static int leInt(byte[] b, int o) {
        return (b[o] & 0xFF) | ((b[o + 1] & 0xFF) << 8) | ((b[o + 2] & 0xFF) << 16) | ((b[o + 3] & 0xFF) << 24);
    }

    private static int leShort(byte[] b, int o) {
        return (b[o] & 0xFF) | ((b[o + 1] & 0xFF) << 8);
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
