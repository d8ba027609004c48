package io.visionstream.model.image2image;

import ai.onnxruntime.OrtException;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.model.FixedInputHandler;
import io.visionstream.model.StepTimes;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.model.ModelShapeException;
import io.visionstream.model.ModelSpec;
import io.visionstream.result.TaskResult;
import io.visionstream.runtime.ModelSession;
import io.visionstream.runtime.SlotContext;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Background removal (family {@code matte}, IS-Net / U²-Net): a fixed-size input and a [1,1,h,w] alpha matte.
 * The matte is sampled bilinearly at every original pixel and becomes the alpha of an RGBA copy of the image,
 * so the output is the original size with the background transparent.
 */
public final class MatteHandler extends FixedInputHandler {

    private final long maxOutputBytes;

    public MatteHandler(ModelSpec spec, ModelSession session, SlotContext slot) throws OrtException {
        super(spec, session);
        this.maxOutputBytes = slot.maxOutputBytes();
        long[] out = session.outputShapes().values().iterator().next();
        if (out.length != 4 || out[1] != 1) {
            throw new ModelShapeException(spec.name(), "[1,1,h,w] alpha matte", Arrays.toString(out));
        }
        allocateInput();
    }

    @Override
    protected TaskResult decode(ModelOutputs outputs, ResizePlan plan, BufferedImage image, StepTimes times) {
        ModelOutputs.Tensor t = outputs.first();
        int mh = t.dim(2);
        int mw = t.dim(3);
        FloatBuffer a = t.data();
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            double my = Math.max(0, Math.min(mh - 1, ((y + 0.5) * plan.scaleY() + plan.padY()) * mh / plan.dstHeight() - 0.5));
            int y0 = (int) my;
            int y1 = Math.min(mh - 1, y0 + 1);
            float fy = (float) (my - y0);
            for (int x = 0; x < w; x++) {
                double mx = Math.max(0, Math.min(mw - 1, ((x + 0.5) * plan.scaleX() + plan.padX()) * mw / plan.dstWidth() - 0.5));
                int x0 = (int) mx;
                int x1 = Math.min(mw - 1, x0 + 1);
                float fx = (float) (mx - x0);
                float top = a.get(y0 * mw + x0) * (1 - fx) + a.get(y0 * mw + x1) * fx;
                float bottom = a.get(y1 * mw + x0) * (1 - fx) + a.get(y1 * mw + x1) * fx;
                int alpha = Math.round(Math.max(0f, Math.min(1f, top * (1 - fy) + bottom * fy)) * 255f);
                row[x] = (alpha << 24) | (row[x] & 0xFFFFFF);
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        times.lap(StepTimes.Step.POSTPROCESS);
        byte[] png = io.visionstream.codec.PngEncoder.encode(out);
        times.lap(StepTimes.Step.ENCODE);
        return png.length <= maxOutputBytes ? new TaskResult.ImageOutput(w, h, png, null)
                : new TaskResult.ImageOutput(w, h, null, "PNG of " + png.length + " bytes exceeds output.max-record-bytes ("
                        + maxOutputBytes + ")");
    }
}
