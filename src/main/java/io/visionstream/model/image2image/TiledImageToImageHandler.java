package io.visionstream.model.image2image;

import ai.onnxruntime.OrtException;
import io.visionstream.guard.RejectReason;
import io.visionstream.guard.RejectedInputException;
import io.visionstream.image.BgrPixels;
import io.visionstream.image.ResizePlan;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelOutputs;
import io.visionstream.model.ModelShapeException;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.TaskResult;
import io.visionstream.runtime.ModelSession;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Fully convolutional image-to-image models (family {@code waifu2x}: input pre-upscaled by {@code options.scale}
 * with nearest neighbour and edge-padded by {@code options.pad}; output the same size minus the padding).
 *
 * <p>The image is always processed in tiles of at most input.width × input.height output pixels, each read
 * with {@code pad} pixels of real neighbouring context. The pad is the network's receptive-field radius, so
 * every tile's output equals what a full-image run would give there: the seams cannot show. Activation memory
 * is one tile's, whatever the image size; the output image itself is bounded by {@code options.maxOutputPixels}.
 */
public final class TiledImageToImageHandler implements ModelHandler {
    private final ModelSpec spec;
    private final ModelSession session;
    private final int scale;
    private final int pad;
    private final int tile;
    private final long maxOutputPixels;
    private final FloatBuffer input;
    private BufferedImage source;
    private BufferedImage output;
    private int tiles;

    public TiledImageToImageHandler(ModelSpec spec, ModelSession session) throws OrtException {
        this.spec = spec;
        this.session = session;
        if (!"waifu2x".equals(spec.family())) {
            throw spec.options().fail("family", "image2image models need family waifu2x or matte, got '" + spec.family() + "'");
        }
        this.scale = spec.options().positiveInt("scale", 2);
        this.pad = (int) spec.options().number("pad", 7);
        this.maxOutputPixels = (long) spec.options().number("maxOutputPixels", 16_000_000);
        this.tile = Math.min(spec.inputWidth(), spec.inputHeight());
        long[] in = session.inputShape();
        long[] out = session.outputShapes().values().iterator().next();
        if (in.length != 4 || out.length != 4 || in[1] != 3 || out[1] != 3) {
            throw new ModelShapeException(spec.name(), "input [N,3,H,W] and output [N,3,H-2*pad,W-2*pad]",
                    "input " + Arrays.toString(in) + ", output " + Arrays.toString(out));
        }
        int side = tile + 2 * pad;
        this.input = ByteBuffer.allocateDirect(3 * side * side * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public String device() {
        return session.device();
    }

    @Override
    public ResizePlan preprocess(BufferedImage image) throws RejectedInputException {
        long outPixels = (long) image.getWidth() * scale * image.getHeight() * scale;
        if (outPixels > maxOutputPixels) {
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS, "model '" + spec.name() + "' would output "
                    + image.getWidth() * scale + "x" + image.getHeight() * scale + " = " + outPixels
                    + " pixels, above its options.maxOutputPixels of " + maxOutputPixels);
        }
        source = BgrPixels.of(image);
        output = new BufferedImage(image.getWidth() * scale, image.getHeight() * scale, BufferedImage.TYPE_3BYTE_BGR);
        return ResizePlan.stretch(image.getWidth(), image.getHeight(), output.getWidth(), output.getHeight());
    }

    @Override
    public ModelOutputs run() throws OrtException {
        int ow = output.getWidth();
        int oh = output.getHeight();
        tiles = 0;
        for (int ty = 0; ty < oh; ty += tile) {
            for (int tx = 0; tx < ow; tx += tile) {
                int tw = Math.min(tile, ow - tx);
                int th = Math.min(tile, oh - ty);
                fillTile(tx, ty, tw, th);
                ModelOutputs out = session.run(input, new long[] {1, 3, th + 2 * pad, tw + 2 * pad});
                writeTile(out.first().data(), tx, ty, tw, th);
                tiles++;
            }
        }
        return new ModelOutputs();
    }

    /** Nearest-neighbour upscale of the source around the tile, edges replicated, RGB in [0,1], NCHW. */
    private void fillTile(int tx, int ty, int tw, int th) {
        byte[] src = BgrPixels.data(source);
        int sw = source.getWidth();
        int sh = source.getHeight();
        int w = tw + 2 * pad;
        int h = th + 2 * pad;
        int plane = w * h;
        input.clear();
        for (int y = 0; y < h; y++) {
            int sy = Math.max(0, Math.min(sh - 1, Math.floorDiv(ty - pad + y, scale)));
            for (int x = 0; x < w; x++) {
                int sx = Math.max(0, Math.min(sw - 1, Math.floorDiv(tx - pad + x, scale)));
                int o = (sy * sw + sx) * 3;
                int p = y * w + x;
                input.put(p, (src[o + 2] & 0xFF) / 255f);
                input.put(plane + p, (src[o + 1] & 0xFF) / 255f);
                input.put(2 * plane + p, (src[o] & 0xFF) / 255f);
            }
        }
        input.limit(3 * plane);
        input.rewind();
    }

    private void writeTile(FloatBuffer rgb, int tx, int ty, int tw, int th) {
        byte[] dst = BgrPixels.data(output);
        int ow = output.getWidth();
        int plane = tw * th;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                int p = y * tw + x;
                int o = ((ty + y) * ow + tx + x) * 3;
                dst[o + 2] = toByte(rgb.get(p));
                dst[o + 1] = toByte(rgb.get(plane + p));
                dst[o] = toByte(rgb.get(2 * plane + p));
            }
        }
    }

    private static byte toByte(float v) {
        return (byte) Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }

    @Override
    public TaskResult postprocess(ModelOutputs outputs, ResizePlan plan, BufferedImage image) {
        BufferedImage out = output;
        output = null;
        source = null;
        return new TaskResult.ImageOutput(out);
    }

    @Override
    public int lastTiles() {
        return tiles;
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
