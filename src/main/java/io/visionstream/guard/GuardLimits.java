package io.visionstream.guard;

import java.io.Serializable;

/**
 * Limits checked before any decoding. Defaults: 16 MiB per record (the job's kafka.max-record-bytes: a
 * 12-megapixel camera JPEG is 3–8 MB) and 50 megapixels (an 8K frame is 33 MP; a decoded 50 MP
 * image is 150 MB on the heap).
 */
public record GuardLimits(long maxBytes, long maxPixels) implements Serializable {
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
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
