package io.visionstream.preprocess;

import java.awt.Color;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.nio.FloatBuffer;

/**
 * Pre-processing in one pass for the common case, a packed BGR image (what the JPEG decoder gives, and its
 * tiles): every input pixel is sampled bilinearly from the image through the inverse of the transform,
 * normalised and laid out straight into the tensor, with no canvas drawn in between. Sampling follows Java2D's
 * bilinear drawImage (pixel centres, edges clamped, pixels whose centre falls outside the image get the pad
 * colour, values rounded to bytes), so the model sees what the two-step path gave it.
 */
final class DirectFill {
    private final InputLayout spec;
    private final float[] mul;
    private final float[] add;
    private final float[] row;
    private int[] x0 = new int[0];
    private int[] x1 = new int[0];
    private int[] fx = new int[0];
    private final float[][] table = new float[3][];
    /** Weights are fixed point: 256 is one. */
    private static final int ONE = 256;
    private static final int HALF = 1 << 15;
    private static final double FIXED_ONE = 4294967296.0;
    private static final long FIXED_HALF = 1L << 31;

    DirectFill(InputLayout spec, float[] mul, float[] add, int capacityWidth) {
        this.spec = spec;
        this.mul = mul;
        this.add = add;
        this.row = new float[3 * capacityWidth];
    }

    /** Whether the one-pass path can draw this image through this transform. */
    static boolean applies(BufferedImage image, AffineTransform t) {
        return image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte
                && image.getRaster().getSampleModel() instanceof ComponentSampleModel
                && (t.getType() & ~(AffineTransform.TYPE_TRANSLATION | AffineTransform.TYPE_GENERAL_SCALE
                        | AffineTransform.TYPE_UNIFORM_SCALE)) == 0
                && t.getScaleX() > 0 && t.getScaleY() > 0;
    }

    /** Fills the first w×h×3 floats of the tensor from the image drawn through {@code t} onto a w×h input. */
    void fill(BufferedImage image, AffineTransform t, int w, int h, Color pad, FloatBuffer tensor) {
        AffineTransform inv;
        try {
            inv = t.createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalArgumentException(e);
        }
        Raster raster = image.getRaster();
        ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
        byte[] src = ((DataBufferByte) raster.getDataBuffer()).getData();
        int stride = sm.getScanlineStride();
        int pixelStride = sm.getPixelStride();
        int[] band = sm.getBandOffsets(); // R, G, B offsets within a pixel
        int origin = -raster.getSampleModelTranslateY() * stride - raster.getSampleModelTranslateX() * pixelStride;
        int iw = image.getWidth();
        int ih = image.getHeight();
        columns(inv.getScaleX(), inv.getTranslateX(), w, iw, pixelStride);
        boolean rgb = spec.colour() == InputLayout.ColourOrder.RGB;
        // tensor channel c reads image band: RGB order wants R, G, B; BGR order B, G, R
        int[] bandOf = rgb ? new int[] {band[0], band[1], band[2]} : new int[] {band[2], band[1], band[0]};
        float[] padValue = new float[3];
        Color p = pad == null ? Color.BLACK : pad;
        int[] padRgb = {p.getRed(), p.getGreen(), p.getBlue()};
        for (int c = 0; c < 3; c++) {
            padValue[c] = (rgb ? padRgb[c] : padRgb[2 - c]) * mul[c] + add[c];
        }
        boolean nchw = spec.layout() == InputLayout.Layout.NCHW;
        int plane = w * h;
        int b0 = bandOf[0];
        int b1 = bandOf[1];
        int b2 = bandOf[2];
        // the normalised value of each byte level, per channel: one table read instead of a multiply-add
        float[] n0 = levels(0);
        float[] n1 = levels(1);
        float[] n2 = levels(2);
        float[] row = this.row;
        int[] left = x0;
        int[] right = x1;
        int[] weight = fx;
        int s1 = nchw ? w : 1;
        int s2 = nchw ? 2 * w : 2;
        int step = nchw ? 1 : 3;
        tensor.clear();
        long ystep = (long) (inv.getScaleY() * FIXED_ONE);
        long ylongPrev = 0;
        boolean rowStarted = false;
        for (int y = 0; y < h; y++) {
            double sy = (y + 0.5) * inv.getScaleY() + inv.getTranslateY();
            boolean rowInside = sy >= 0 && sy < ih;
            // Java2D's fixed point: 32.32, less half a pixel, the weight the top 8 bits of the fraction
            long ylong = rowStarted ? ylongPrev + ystep : (long) (sy * FIXED_ONE) - FIXED_HALF;
            if (rowInside) {
                rowStarted = true;
                ylongPrev = ylong;
            }
            int ywhole = (int) (ylong >> 32);
            int r0 = Math.max(0, Math.min(ih - 1, ywhole));
            int r1 = ywhole < 0 || ywhole + 1 >= ih ? r0 : ywhole + 1;
            int wy = (int) ((ylong >>> 24) & 0xFF);
            int wy1 = ONE - wy;
            int o0 = origin + r0 * stride;
            int o1 = origin + r1 * stride;
            for (int x = 0, o = 0; x < w; x++, o += step) {
                int l = left[x];
                if (!rowInside || l < 0) {
                    row[o] = padValue[0];
                    row[o + s1] = padValue[1];
                    row[o + s2] = padValue[2];
                    continue;
                }
                int r = right[x];
                int wx = weight[x];
                int wx1 = ONE - wx;
                int tl = o0 + l;
                int tr = o0 + r;
                int bl = o1 + l;
                int br = o1 + r;
                row[o] = n0[lerp(src, tl + b0, tr + b0, bl + b0, br + b0, wx, wx1, wy, wy1)];
                row[o + s1] = n1[lerp(src, tl + b1, tr + b1, bl + b1, br + b1, wx, wx1, wy, wy1)];
                row[o + s2] = n2[lerp(src, tl + b2, tr + b2, bl + b2, br + b2, wx, wx1, wy, wy1)];
            }
            if (nchw) {
                tensor.put(y * w, row, 0, w);
                tensor.put(plane + y * w, row, w, w);
                tensor.put(2 * plane + y * w, row, 2 * w, w);
            } else {
                tensor.put(y * w * 3, row, 0, w * 3);
            }
        }
        tensor.limit(3 * plane);
        tensor.rewind();
    }

    /** Bilinear blend of four bytes with 8-bit weights, rounded to a byte level. */
    private static int lerp(byte[] src, int tl, int tr, int bl, int br, int wx, int wx1, int wy, int wy1) {
        int top = (src[tl] & 0xFF) * wx1 + (src[tr] & 0xFF) * wx;
        int bottom = (src[bl] & 0xFF) * wx1 + (src[br] & 0xFF) * wx;
        return (top * wy1 + bottom * wy + HALF) >>> 16;
    }

    private float[] levels(int channel) {
        float[] t = table[channel];
        if (t == null) {
            t = new float[256];
            for (int v = 0; v < 256; v++) {
                t[v] = v * mul[channel] + add[channel];
            }
            table[channel] = t;
        }
        return t;
    }

    /**
     * Per input column: byte offsets of its left and right source pixels (left -1: outside the image) and the
     * right one's weight, as Java2D's TransformHelper steps along a row: the first inside pixel's source position
     * in 32.32 fixed point, then one fixed-point step per pixel.
     */
    private void columns(double scale, double translate, int w, int iw, int pixelStride) {
        if (x0.length < w) {
            x0 = new int[w];
            x1 = new int[w];
            fx = new int[w];
        }
        long step = (long) (scale * FIXED_ONE);
        long xlong = 0;
        boolean started = false;
        for (int x = 0; x < w; x++) {
            double sx = (x + 0.5) * scale + translate;
            if (sx < 0 || sx >= iw) {
                x0[x] = -1;
                continue;
            }
            xlong = started ? xlong + step : (long) (sx * FIXED_ONE) - FIXED_HALF;
            started = true;
            int whole = (int) (xlong >> 32);
            int c0 = Math.max(0, Math.min(iw - 1, whole));
            int c1 = whole < 0 || whole + 1 >= iw ? c0 : whole + 1;
            x0[x] = c0 * pixelStride;
            x1[x] = c1 * pixelStride;
            fx[x] = (int) ((xlong >>> 24) & 0xFF);
        }
    }
}
