package io.visionstream.model.image2image;

import ai.onnxruntime.OrtException;
import io.visionstream.codec.BgrPixels;
import io.visionstream.codec.StreamingPngWriter;
import io.visionstream.model.Inference;
import io.visionstream.model.InputProfile;
import io.visionstream.model.MemorySizing;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelShapeException;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.Prepared;
import io.visionstream.model.SessionHandler;
import io.visionstream.model.StepTimes;
import io.visionstream.model.StepTimes.Step;
import io.visionstream.result.TaskResult;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.reject.RejectReason;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.runtime.ModelSession;
import io.visionstream.runtime.SlotContext;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

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
public final class TiledImageToImageHandler extends SessionHandler implements MemorySizing {
    private static final int MIN_TILE = 64;

    private final int scale;
    private final int pad;
    /** Output pixels of one tile across and down: the entry's input size, shrunk by the slot budget. */
    private int tileW;
    private int tileH;
    private final long maxOutputPixels;
    private final long maxOutputBytes;
    private FloatBuffer input;

    public TiledImageToImageHandler(ModelSpec spec, ModelSession session, SlotContext slot) throws OrtException {
        super(spec, session);
        this.maxOutputBytes = slot.maxOutputBytes();
        this.scale = spec.options().positiveInt("scale", 2);
        this.pad = (int) spec.options().number("pad", 7);
        this.maxOutputPixels = (long) spec.options().number("maxOutputPixels", 140_000_000);
        this.tileW = spec.inputWidth();
        this.tileH = spec.inputHeight();
        long[] in = session.inputShape();
        long[] out = session.outputShapes().values().iterator().next();
        if (in.length != 4 || out.length != 4 || in[1] != 3 || out[1] != 3) {
            throw new ModelShapeException(spec.name(), "input [N,3,H,W] and output [N,3,H-2*pad,W-2*pad]",
                    "input " + Arrays.toString(in) + ", output " + Arrays.toString(out));
        }
        allocateInput();
    }

    private void allocateInput() {
        input = ByteBuffer.allocateDirect(3 * (tileW + 2 * pad) * (tileH + 2 * pad) * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public Prepared prepare(BufferedImage image, InputProfile profile) throws RejectedInputException {
        long outPixels = (long) image.getWidth() * scale * image.getHeight() * scale;
        if (outPixels > maxOutputPixels) {
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS, "model '" + spec.name() + "' would output "
                    + image.getWidth() * scale + "x" + image.getHeight() * scale + " = " + outPixels
                    + " pixels, above its options.maxOutputPixels of " + maxOutputPixels);
        }
        int ow = image.getWidth() * scale;
        int oh = image.getHeight() * scale;
        return Prepared.whole(image, spec.defaultProfile(), ResizePlan.stretch(image.getWidth(), image.getHeight(), ow, oh));
    }

    /**
     * Tile by tile, row of tiles by row of tiles: each tile read with its pad of context (pre-processing), run
     * (inference), and its output written into the band of output rows, which is PNG-encoded when the row of
     * tiles is done (encode).
     */
    @Override
    public List<Inference> infer(List<Prepared> batch) throws OrtException {
        return ModelHandler.oneAtATime(batch, this::infer);
    }

    @Override
    public Inference infer(Prepared p) throws OrtException {
        StepTimes t = new StepTimes();
        BufferedImage source = BgrPixels.of(p.image());
        int ow = p.plan().dstWidth();
        int oh = p.plan().dstHeight();
        StreamingPngWriter writer = new StreamingPngWriter(ow, oh, maxOutputBytes);
        byte[] band = new byte[ow * Math.min(tileH, oh) * 3];
        int tiles = 0;
        long runPixels = 0;
        for (int ty = 0; ty < oh && !writer.overflowed(); ty += tileH) {
            int th = Math.min(tileH, oh - ty);
            for (int tx = 0; tx < ow; tx += tileW) {
                int tw = Math.min(tileW, ow - tx);
                fillTile(source, tx, ty, tw, th);
                t.lap(Step.PREPROCESS);
                ModelOutputs out = session.run(input, new long[] {1, 3, th + 2 * pad, tw + 2 * pad});
                t.lap(Step.INFERENCE);
                runPixels = Math.max(runPixels, (long) (th + 2 * pad) * (tw + 2 * pad));
                writeTile(out.first().data(), band, ow, tx, tw, th);
                tiles++;
                t.lap(Step.ENCODE);
            }
            writer.writeBgrRows(band, 0, ow * 3, th);
            t.lap(Step.ENCODE);
        }
        byte[] png = writer.overflowed() ? null : writer.finish();
        t.lap(Step.ENCODE);
        TaskResult result = new TaskResult.ImageOutput(ow, oh, png, png != null ? null
                : "PNG exceeds output.max-record-bytes (" + maxOutputBytes + ") and was not kept");
        return new Inference(result, tiles, spec.inputWidth(), spec.inputHeight(), runPixels, t);
    }

    /** Nearest-neighbour upscale of the source around the tile, edges replicated, RGB in [0,1], NCHW. */
    private void fillTile(BufferedImage source, int tx, int ty, int tw, int th) {
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
        int plane = tw * th;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                int p = y * tw + x;
                int o = (y * ow + tx + x) * 3;
                band[o + 2] = toByte(rgb.get(p));
                band[o + 1] = toByte(rgb.get(plane + p));
                band[o] = toByte(rgb.get(2 * plane + p));
            }
        }
    }

    private static byte toByte(float v) {
        return (byte) Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
    }

    @Override
    public MemorySizing sizing() {
        return this;
    }

    @Override
    public long weightBytes() {
        return spec.source().size();
    }

    @Override
    public long maxRunPixels() {
        return (long) (tileW + 2 * pad) * (tileH + 2 * pad);
    }

    @Override
    public long minRunPixels() {
        return (long) (MIN_TILE + 2 * pad) * (MIN_TILE + 2 * pad);
    }

    /** The memory budget shrinks the tile, never below 64 output pixels a side. */
    @Override
    public void limitRunPixels(long pixels) {
        int side = (int) Math.sqrt((double) pixels) - 2 * pad;
        tileW = Math.max(MIN_TILE, Math.min(tileW, side));
        tileH = Math.max(MIN_TILE, Math.min(tileH, side));
        allocateInput();
    }

    /** Images whose outputs are half a tile and one whole tile. */
    @Override
    public Dimension[] calibrationImages() {
        int tile = Math.min(tileW, tileH);
        int half = Math.max(1, tile / scale / 2);
        int whole = Math.max(1, tile / scale);
        return new Dimension[] {new Dimension(half, half), new Dimension(whole, whole)};
    }

    /** One image at a time. */
    @Override
    public long batchItemBytes() {
        return 0;
    }
}
