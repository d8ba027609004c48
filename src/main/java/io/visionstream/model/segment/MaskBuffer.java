package io.visionstream.model.segment;

import io.visionstream.result.MaskImage;

/**
 * One slot's reusable mask buffer: masks are rendered in one pass into it, O(W×H) bytes whatever the number
 * of classes or instances. It grows to the largest image seen (bounded by guard.max-pixels) and is reused.
 */
public final class MaskBuffer {
    private byte[] data = new byte[0];
    private byte[] confidence = new byte[0];

    /** A cleared width×height mask over this buffer; the previous mask becomes invalid. */
    public MaskImage clear(int width, int height) {
        int n = width * height;
        if (data.length < n) {
            data = new byte[n];
        } else {
            java.util.Arrays.fill(data, 0, n, (byte) 0);
        }
        return new MaskImage(width, height, data);
    }

    /**
     * A cleared width×height plane of per-pixel confidences (probability × 255) next to the mask, for masks
     * stitched from overlapping tiles where the most confident tile wins a pixel. Reused like the mask.
     */
    public byte[] clearConfidence(int width, int height) {
        int n = width * height;
        if (confidence.length < n) {
            confidence = new byte[n];
        } else {
            java.util.Arrays.fill(confidence, 0, n, (byte) 0);
        }
        return confidence;
    }

    public long bytes() {
        return data.length + confidence.length;
    }
}
