package io.visionstream.image;

import io.visionstream.model.ModelSpec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The reusable pre-processing buffers of one model in one slot: a BGR canvas of the model's input size and a
 * direct float buffer holding the input tensor. Both are allocated once, so the per-record garbage of
 * pre-processing does not grow with the image and the tensor never lives on the Java heap.
 */
public final class InputCanvas {
    /** Letterbox padding grey, as YOLO exports expect. */
    private static final Color PAD = new Color(114, 114, 114);

    private final ModelSpec spec;
    private final BufferedImage canvas;
    private final byte[] bgr;
    private final FloatBuffer tensor;
    private final float[] mul = new float[3];
    private final float[] add = new float[3];

    public InputCanvas(ModelSpec spec) {
        this.spec = spec;
        this.canvas = new BufferedImage(spec.inputWidth(), spec.inputHeight(), BufferedImage.TYPE_3BYTE_BGR);
        this.bgr = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        int floats = 3 * spec.inputWidth() * spec.inputHeight();
        this.tensor = ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int c = 0; c < 3; c++) {
            mul[c] = spec.scale() / spec.std()[c];
            add[c] = -spec.mean()[c] / spec.std()[c];
        }
    }

    public long[] shape() {
        return spec.layout() == ModelSpec.Layout.NCHW
                ? new long[] {1, 3, spec.inputHeight(), spec.inputWidth()}
                : new long[] {1, spec.inputHeight(), spec.inputWidth(), 3};
    }

    /** Draws the image onto the canvas as the model expects and fills the tensor buffer; returns the geometry. */
    public ResizePlan fill(BufferedImage image) {
        int w = spec.inputWidth();
        int h = spec.inputHeight();
        ResizePlan plan = spec.resize() == ModelSpec.ResizeMode.LETTERBOX
                ? ResizePlan.letterbox(image.getWidth(), image.getHeight(), w, h)
                : ResizePlan.stretch(image.getWidth(), image.getHeight(), w, h);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            if (spec.resize() == ModelSpec.ResizeMode.LETTERBOX) {
                g.setColor(PAD);
                g.fillRect(0, 0, w, h);
            }
            g.drawImage(image, plan.drawX(), plan.drawY(), plan.drawnWidth(), plan.drawnHeight(), null);
        } finally {
            g.dispose();
        }
        pack();
        return plan;
    }

    /** Interleaved BGR bytes to the model's layout, colour order and normalisation. */
    private void pack() {
        int pixels = spec.inputWidth() * spec.inputHeight();
        boolean rgb = spec.colour() == ModelSpec.ColourOrder.RGB;
        tensor.clear();
        if (spec.layout() == ModelSpec.Layout.NCHW) {
            for (int c = 0; c < 3; c++) {
                int src = rgb ? 2 - c : c; // canvas bytes are B,G,R
                float m = mul[c];
                float a = add[c];
                for (int p = 0, o = src; p < pixels; p++, o += 3) {
                    tensor.put(c * pixels + p, (bgr[o] & 0xFF) * m + a);
                }
            }
        } else {
            for (int p = 0, o = 0; p < pixels; p++, o += 3) {
                for (int c = 0; c < 3; c++) {
                    int src = rgb ? 2 - c : c;
                    tensor.put(p * 3 + c, (bgr[o + src] & 0xFF) * mul[c] + add[c]);
                }
            }
        }
        tensor.rewind();
    }

    public FloatBuffer tensor() {
        return tensor;
    }
}
