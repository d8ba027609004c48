package io.visionstream.preprocess;

import io.visionstream.codec.SourceSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The reusable pre-processing buffers of one model in one slot: a BGR canvas and a direct float buffer for the
 * input tensor, both allocated once at the model's largest input size. Fixed-size models always use all of it;
 * dynamic ones (text detection and recognition, tiles) use the top-left w×h of it. Pre-processing garbage
 * therefore does not grow with the image, and the tensor never lives on the Java heap.
 */
public final class InputCanvas {
    /** Letterbox padding grey, as YOLO exports expect. */
    private static final Color PAD = new Color(114, 114, 114);
    /** Right padding of text lines: PP-OCR pads with 0 after normalisation, which is mid grey. */
    private static final Color MID_GREY = new Color(128, 128, 128);

    private final InputLayout spec;
    private final int capacityWidth;
    private final int capacityHeight;
    /** The two-step path's canvas, made on its first use (most images take the one-pass path). */
    private BufferedImage canvas;
    private byte[] bgr;
    private final FloatBuffer tensor;
    private final float[] mul = new float[3];
    private final float[] add = new float[3];
    /** One row of the tensor (NHWC: all three channels) on its way to the direct buffer. */
    private final float[] row;
    private int width;
    private int height;
    private final DirectFill directFill;
    /** Off only to compare the one-pass path with the two-step one. */
    private boolean direct = true;

    public InputCanvas(InputLayout spec) {
        this(spec, spec.width(), spec.height());
    }

    public InputCanvas(InputLayout spec, int capacityWidth, int capacityHeight) {
        this.spec = spec;
        this.capacityWidth = capacityWidth;
        this.capacityHeight = capacityHeight;
        int floats = 3 * capacityWidth * capacityHeight;
        this.tensor = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.row = new float[3 * capacityWidth];
        for (int c = 0; c < 3; c++) {
            mul[c] = spec.scale() / spec.std()[c];
            add[c] = -spec.mean()[c] / spec.std()[c];
        }
        this.width = capacityWidth;
        this.height = capacityHeight;
        this.directFill = new DirectFill(spec, mul, add, capacityWidth);
    }

    /** The two-step path (Java2D draw, then pack) for every image: what the one-pass path is measured against. */
    public InputCanvas twoStep() {
        direct = false;
        return this;
    }

    /** Bytes this canvas holds (heap canvas + direct tensor), for memory accounting. */
    public long bytes() {
        return (long) capacityWidth * capacityHeight * (3 + 3 * Float.BYTES);
    }

    public int capacityWidth() {
        return capacityWidth;
    }

    public int capacityHeight() {
        return capacityHeight;
    }

    public long[] shape() {
        return spec.layout() == InputLayout.Layout.NCHW
                ? new long[] {1, 3, height, width}
                : new long[] {1, height, width, 3};
    }

    /**
     * Where {@link #fill} puts the whole image on the model's fixed input, stretched or letterboxed as the
     * registry says, without drawing it. The plan maps to pixels of the original image, also when the image was
     * decoded subsampled ({@link SourceSize}).
     */
    public ResizePlan plan(BufferedImage image) {
        int w = spec.width();
        int h = spec.height();
        if (spec.resize() == InputLayout.ResizeMode.FIT_HEIGHT) {
            int drawn = Math.max(1, Math.min(w, (int) Math.ceil(h * (double) image.getWidth() / image.getHeight())));
            return ResizePlan.stretch(image.getWidth(), image.getHeight(), drawn, h);
        }
        int sw = SourceSize.width(image);
        int sh = SourceSize.height(image);
        return spec.resize() == InputLayout.ResizeMode.LETTERBOX
                ? ResizePlan.letterbox(sw, sh, w, h)
                : ResizePlan.stretch(sw, sh, w, h);
    }

    /** The whole image onto the model's fixed input as {@link #plan} says; returns that plan. */
    public ResizePlan fill(BufferedImage image) {
        int w = spec.width();
        int h = spec.height();
        ResizePlan plan = plan(image);
        if (spec.resize() == InputLayout.ResizeMode.FIT_HEIGHT) {
            fillTransformed(image, AffineTransform.getScaleInstance(plan.scaleX(), plan.scaleY()), w, h, MID_GREY);
            return plan;
        }
        AffineTransform t = new AffineTransform(plan.drawnWidth() / (double) image.getWidth(), 0, 0,
                plan.drawnHeight() / (double) image.getHeight(), plan.drawX(), plan.drawY());
        fillTransformed(image, t, w, h, spec.resize() == InputLayout.ResizeMode.LETTERBOX ? PAD : null);
        return plan;
    }

    /** The whole image stretched to w×h (at most the capacity), for dynamic-input models. */
    public ResizePlan fillScaled(BufferedImage image, int w, int h) {
        ResizePlan plan = ResizePlan.stretch(image.getWidth(), image.getHeight(), w, h);
        fillTransformed(image, AffineTransform.getScaleInstance(plan.scaleX(), plan.scaleY()), w, h, null);
        return plan;
    }

    /**
     * Draws the image through {@code t} (image pixels to input pixels) onto a w×h input, pad colour (or
     * black) where nothing is drawn, and fills the tensor.
     */
    public void fillTransformed(BufferedImage image, AffineTransform t, int w, int h, Color pad) {
        if (w > capacityWidth || h > capacityHeight || w <= 0 || h <= 0) {
            throw new IllegalArgumentException(w + "x" + h + " does not fit the " + capacityWidth + "x"
                    + capacityHeight + " input buffer of model '" + spec.model() + "'");
        }
        this.width = w;
        this.height = h;
        if (direct && DirectFill.applies(image, t)) {
            directFill.fill(image, t, w, h, pad, tensor);
            return;
        }
        if (canvas == null) {
            canvas = new BufferedImage(capacityWidth, capacityHeight, BufferedImage.TYPE_3BYTE_BGR);
            bgr = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        }
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setClip(0, 0, w, h);
            g.setColor(pad == null ? Color.BLACK : pad);
            g.fillRect(0, 0, w, h);
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        pack();
    }

    /**
     * Interleaved BGR bytes of the top-left w×h to the model's layout, colour order and normalisation, one row at
     * a time through a heap row buffer and one bulk put per row (a put per pixel costs a bounds check and a call
     * each, and was most of pre-processing).
     */
    private void pack() {
        int pixels = width * height;
        boolean rgb = spec.colour() == InputLayout.ColourOrder.RGB;
        tensor.clear();
        float[] row = this.row;
        if (spec.layout() == InputLayout.Layout.NCHW) {
            for (int c = 0; c < 3; c++) {
                int src = rgb ? 2 - c : c; // canvas bytes are B,G,R
                float m = mul[c];
                float a = add[c];
                int plane = c * pixels;
                for (int y = 0; y < height; y++) {
                    int o = y * capacityWidth * 3 + src;
                    for (int x = 0; x < width; x++, o += 3) {
                        row[x] = (bgr[o] & 0xFF) * m + a;
                    }
                    tensor.put(plane + y * width, row, 0, width);
                }
            }
        } else {
            int s0 = rgb ? 2 : 0;
            int s2 = rgb ? 0 : 2;
            float m0 = mul[0];
            float m1 = mul[1];
            float m2 = mul[2];
            float a0 = add[0];
            float a1 = add[1];
            float a2 = add[2];
            for (int y = 0; y < height; y++) {
                int o = y * capacityWidth * 3;
                for (int x = 0, p = 0; x < width; x++, o += 3, p += 3) {
                    row[p] = (bgr[o + s0] & 0xFF) * m0 + a0;
                    row[p + 1] = (bgr[o + 1] & 0xFF) * m1 + a1;
                    row[p + 2] = (bgr[o + s2] & 0xFF) * m2 + a2;
                }
                tensor.put(y * width * 3, row, 0, width * 3);
            }
        }
        tensor.limit(3 * pixels);
        tensor.rewind();
    }

    /** The filled part of the tensor buffer (position 0, limit = elements of {@link #shape()}). */
    public FloatBuffer tensor() {
        return tensor;
    }
}
