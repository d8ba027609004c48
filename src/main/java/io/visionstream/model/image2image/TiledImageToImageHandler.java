package io.visionstream.model.image2image;

import ai.onnxruntime.OrtException;
import io.visionstream.guard.RejectReason;
import io.visionstream.guard.RejectedInputException;
import io.visionstream.image.BgrPixels;
import io.visionstream.image.ResizePlan;
import io.visionstream.image.StreamingPngWriter;
import io.visionstream.model.InputProfile;
import io.visionstream.model.SessionHandler;
import io.visionstream.model.ModelOutputs;
import io.visionstream.model.ModelShapeException;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.TaskResult;
import io.visionstream.runtime.ModelSession;
import io.visionstream.runtime.SlotContext;
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
 * is one tile's, whatever the image size. Output rows are PNG-encoded band by band as the tiles finish, so the
 * output never exists uncompressed; its compressed size is capped at output.max-record-bytes and its pixel
 * count at {@code options.maxOutputPixels}.
 */
public final class TiledImageToImageHandler extends SessionHandler {
    private static final int MIN_TILE = 64;

    private final int scale;
    private final int pad;
    private int tile;
    private long runPixels;
    private final long maxOutputPixels;
    private final long maxOutputBytes;
    private final boolean naive;
    private FloatBuffer input;
    private BufferedImage source;
    private int outWidth;
    private int outHeight;
    private byte[] png;
    private int tiles;

    public TiledImageToImageHandler(ModelSpec spec, ModelSession session, SlotContext slot) throws OrtException {
        super(spec, session);
        this.maxOutputBytes = slot.maxOutputBytes();
        this.naive = slot.safeguardsOff();
        if (!"waifu2x".equals(spec.family())) {
            throw spec.options().fail("family", "image2image models need family waifu2x or matte, got '" + spec.family() + "'");
        }
        this.scale = spec.options().positiveInt("scale", 2);
        this.pad = (int) spec.options().number("pad", 7);
        this.maxOutputPixels = (long) spec.options().number("maxOutputPixels", 140_000_000);
        this.tile = Math.min(spec.inputWidth(), spec.inputHeight());
        long[] in = session.inputShape();
        long[] out = session.outputShapes().values().iterator().next();
        if (in.length != 4 || out.length != 4 || in[1] != 3 || out[1] != 3) {
            throw new ModelShapeException(spec.name(), "input [N,3,H,W] and output [N,3,H-2*pad,W-2*pad]",
                    "input " + Arrays.toString(in) + ", output " + Arrays.toString(out));
        }
        this.input = allocate(tile + 2 * pad, tile + 2 * pad);
    }

    private static FloatBuffer allocate(int w, int h) {
        return ByteBuffer.allocateDirect(3 * w * h * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public ResizePlan preprocess(BufferedImage image, InputProfile profile) throws RejectedInputException {
        long outPixels = (long) image.getWidth() * scale * image.getHeight() * scale;
        if (outPixels > maxOutputPixels && !naive) {
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS, "model '" + spec.name() + "' would output "
                    + image.getWidth() * scale + "x" + image.getHeight() * scale + " = " + outPixels
                    + " pixels, above its options.maxOutputPixels of " + maxOutputPixels);
        }
        source = BgrPixels.of(image);
        outWidth = image.getWidth() * scale;
        outHeight = image.getHeight() * scale;
        return ResizePlan.stretch(image.getWidth(), image.getHeight(), outWidth, outHeight);
    }

    @Override
    public ModelOutputs run() throws OrtException {
        int ow = outWidth;
        int oh = outHeight;
        // naive (benchmark only): the whole image as one tile, as a plain full-resolution run would do it
        int t = naive ? Math.max(ow, oh) : tile;
        FloatBuffer in = naive ? allocate(Math.min(t, ow) + 2 * pad, Math.min(t, oh) + 2 * pad) : input;
        StreamingPngWriter writer = new StreamingPngWriter(ow, oh, maxOutputBytes);
        byte[] band = new byte[ow * Math.min(t, oh) * 3];
        tiles = 0;
        runPixels = 0;
        for (int ty = 0; ty < oh && !writer.overflowed(); ty += t) {
            int th = Math.min(t, oh - ty);
            for (int tx = 0; tx < ow; tx += t) {
                int tw = Math.min(t, ow - tx);
                fillTile(in, tx, ty, tw, th);
                ModelOutputs out = session.run(in, new long[] {1, 3, th + 2 * pad, tw + 2 * pad});
                runPixels = Math.max(runPixels, (long) (th + 2 * pad) * (tw + 2 * pad));
                writeTile(out.first().data(), band, ow, tx, tw, th);
                tiles++;
            }
            writer.writeBgrRows(band, 0, ow * 3, th);
        }
        png = writer.overflowed() ? null : writer.finish();
        return new ModelOutputs();
    }

    /** Nearest-neighbour upscale of the source around the tile, edges replicated, RGB in [0,1], NCHW. */
    private void fillTile(FloatBuffer input, int tx, int ty, int tw, int th) {
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

    /** One tile's RGB planes into the band of output rows (interleaved B,G,R, ow pixels a row). */
    private static void writeTile(FloatBuffer rgb, byte[] band, int ow, int tx, int tw, int th) {
        byte[] dst = band;
        int plane = tw * th;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                int p = y * tw + x;
                int o = (y * ow + tx + x) * 3;
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
        byte[] out = png;
        png = null;
        source = null;
        return new TaskResult.ImageOutput(outWidth, outHeight, out, out != null ? null
                : "PNG exceeds output.max-record-bytes (" + maxOutputBytes + ") and was not kept");
    }

    @Override
    public int lastTiles() {
        return tiles;
    }

    @Override
    public long lastRunPixels() {
        return runPixels;
    }

    @Override
    public long maxRunPixels() {
        return (long) (tile + 2 * pad) * (tile + 2 * pad);
    }

    @Override
    public long minRunPixels() {
        return (long) (MIN_TILE + 2 * pad) * (MIN_TILE + 2 * pad);
    }

    /** The memory budget shrinks the tile, never below 64 output pixels. */
    @Override
    public void limitRunPixels(long pixels) {
        int side = (int) Math.sqrt((double) pixels) - 2 * pad;
        tile = Math.max(MIN_TILE, Math.min(tile, side));
    }

    /** Images whose outputs are half a tile and one whole tile. */
    @Override
    public java.awt.Dimension[] calibrationImages() {
        int half = Math.max(1, tile / scale / 2);
        int whole = Math.max(1, tile / scale);
        return new java.awt.Dimension[] {new java.awt.Dimension(half, half), new java.awt.Dimension(whole, whole)};
    }
}
