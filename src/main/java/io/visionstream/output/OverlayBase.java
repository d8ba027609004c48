package io.visionstream.output;

/**
 * A tracked frame scaled for its overlay with nothing drawn on it yet, travelling to the per-stream step that draws
 * the track numbers: raw B,G,R pixels ({@code width × height × 3} bytes, row by row), so the step draws without a
 * JPEG decode and encodes once, as an untracked overlay is encoded once; or encoded (JPEG or PNG), where the step's
 * budget for raw frames waiting to be put in order is spent ({@code streams.raw-overlay-bytes}).
 */
public record OverlayBase(int width, int height, byte[] bgr, byte[] encoded) {
    public static OverlayBase raw(int width, int height, byte[] bgr) {
        return new OverlayBase(width, height, bgr, null);
    }

    public static OverlayBase encoded(int width, int height, byte[] encoded) {
        return new OverlayBase(width, height, null, encoded);
    }

    public boolean isRaw() {
        return bgr != null;
    }

    /** The bytes it holds. */
    public long bytes() {
        return isRaw() ? bgr.length : encoded.length;
    }
}
