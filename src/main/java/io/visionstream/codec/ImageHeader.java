package io.visionstream.codec;

/**
 * What the first bytes of an encoded image say about it, read without decoding any pixels. {@code bytesPerPixel}
 * is what the decoder will hold per pixel (a 16-bit RGBA PNG: 8; a palette GIF: 1), so that the decoded size,
 * not just the pixel count, is known before decoding.
 */
public record ImageHeader(ImageFormat format, int width, int height, int bytesPerPixel) {
    /** Where only the size is known: assume four bytes per pixel (8-bit RGBA). */
    public ImageHeader(ImageFormat format, int width, int height) {
        this(format, width, height, 4);
    }

    public long pixels() {
        return (long) width * height;
    }

    public long decodedBytes() {
        return pixels() * bytesPerPixel;
    }
}
