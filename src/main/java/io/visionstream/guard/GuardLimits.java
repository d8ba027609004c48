package io.visionstream.guard;

import java.io.Serializable;

/**
 * Limits checked before any decoding. Defaults: 20 MiB per record (above Kafka's 1 MiB default message size,
 * so the broker limit is usually the tighter one) and 50 megapixels (an 8K frame is 33 MP; a decoded 50 MP
 * image is 150 MB on the heap).
 */
public record GuardLimits(long maxBytes, long maxPixels) implements Serializable {
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    public static GuardLimits defaults() {
        return new GuardLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS);
    }

    public GuardLimits {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("guard limits must be positive: maxBytes=" + maxBytes
                    + " maxPixels=" + maxPixels);
        }
    }
}
