package io.visionstream.output;

/**
 * An encoded image for topic masks: an overlay (the result drawn on the image), a segmentation mask or a
 * model's output image, with its {@code kind} and {@code format} headers.
 */
public record Picture(Origin origin, Kind kind, String format, byte[] bytes) implements Output {

    public enum Kind {
        OVERLAY, MASK, IMAGE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
