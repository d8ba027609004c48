package io.visionstream.guard;

/** What the first bytes of an encoded image say about it, read without decoding any pixels. */
public record ImageHeader(ImageFormat format, int width, int height) {
    public long pixels() {
        return (long) width * height;
    }
}
