package io.visionstream.preprocess;

/**
 * How an image of srcWidth×srcHeight is placed on a model input of dstWidth×dstHeight: either stretched to
 * fill it or letterboxed (scaled by one factor, centred, padded). Maps model coordinates back to original
 * pixels.
 */
public record ResizePlan(int srcWidth, int srcHeight, int dstWidth, int dstHeight,
                         double scaleX, double scaleY, double padX, double padY) {

    public static ResizePlan stretch(int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
        return new ResizePlan(srcWidth, srcHeight, dstWidth, dstHeight,
                (double) dstWidth / srcWidth, (double) dstHeight / srcHeight, 0, 0);
    }

    public static ResizePlan letterbox(int srcWidth, int srcHeight, int dstWidth, int dstHeight) {
        double s = Math.min((double) dstWidth / srcWidth, (double) dstHeight / srcHeight);
        double padX = (dstWidth - srcWidth * s) / 2.0;
        double padY = (dstHeight - srcHeight * s) / 2.0;
        return new ResizePlan(srcWidth, srcHeight, dstWidth, dstHeight, s, s, padX, padY);
    }

    /** Width and height of the scaled image on the model input (without the padding). */
    public int drawnWidth() {
        return (int) Math.round(srcWidth * scaleX);
    }

    public int drawnHeight() {
        return (int) Math.round(srcHeight * scaleY);
    }

    public int drawX() {
        return (int) Math.round(padX);
    }

    public int drawY() {
        return (int) Math.round(padY);
    }

    public double toOriginalX(double x) {
        return clamp((x - padX) / scaleX, srcWidth);
    }

    public double toOriginalY(double y) {
        return clamp((y - padY) / scaleY, srcHeight);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
