package io.visionstream.model.text;

import ai.onnxruntime.OrtException;
import io.visionstream.image.InputCanvas;
import io.visionstream.image.ResizePlan;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelOptions;
import io.visionstream.model.ModelOutputs;
import io.visionstream.model.ModelShapeException;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.TaskResult;
import io.visionstream.runtime.ModelSession;
import io.visionstream.runtime.SlotContext;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * PP-OCR text (family {@code dbnet}): DBNet detection on the image scaled so its long side is at most the
 * input size, sides rounded to multiples of 32; boxes from the probability map; then, when
 * {@code options.recognizer} is set, each box cut out straight (one affine draw), scaled to height 48 and
 * read by the CTC recognizer with {@code options.dictionary}.
 */
public final class TextHandler implements ModelHandler {
    private static final int MULTIPLE = 32;
    private static final int REC_HEIGHT = 48;

    private final ModelSpec spec;
    private final ModelSession det;
    private final InputCanvas detCanvas;
    private final DbPostProcessor db;
    private final ModelSession rec;
    private final InputCanvas recCanvas;
    private final CtcDecoder ctc;
    private int detWidth;
    private int detHeight;

    public TextHandler(ModelSpec spec, ModelSession det, SlotContext slot) throws OrtException {
        this.spec = spec;
        this.det = det;
        if (!"dbnet".equals(spec.family())) {
            throw spec.options().fail("family", "text models need family dbnet, got '" + spec.family() + "'");
        }
        java.util.Map<String, long[]> shapes = det.outputShapes();
        long[] out = shapes.values().iterator().next();
        if (shapes.size() != 1 || out.length != 4 || out[1] != 1) {
            throw new ModelShapeException(spec.name(), "one [N,1,H,W] text probability output",
                    ModelShapeException.describe(shapes));
        }
        ModelOptions o = spec.options();
        this.db = new DbPostProcessor((float) o.number("binaryThreshold", 0.3), spec.scoreThreshold(),
                o.number("unclipRatio", 1.5), o.number("minSize", 3), o.positiveInt("maxRegions", 300));
        this.detCanvas = new InputCanvas(spec, round32(spec.inputWidth()), round32(spec.inputHeight()));
        if (o.has("recognizer")) {
            ModelSpec recSpec = recognizerSpec(spec, o);
            List<String> dictionary = o.lines("dictionary");
            this.rec = ModelSession.open(recSpec, slot.runtime(), slot.parallelism());
            long[] recOut = rec.outputShapes().values().iterator().next();
            if (recOut.length != 3 || (recOut[2] > 0 && recOut[2] < dictionary.size() + 1)) {
                rec.close();
                throw new ModelShapeException(spec.name() + " (recognizer)", "[N,T," + (dictionary.size() + 2)
                        + "] per-step class probabilities", Arrays.toString(recOut));
            }
            this.recCanvas = new InputCanvas(recSpec);
            this.ctc = new CtcDecoder(dictionary);
        } else {
            this.rec = null;
            this.recCanvas = null;
            this.ctc = null;
        }
    }

    /** PP-OCR recognizers: BGR, px/127.5 − 1, height 48, width up to options.recMaxWidth. */
    private static ModelSpec recognizerSpec(ModelSpec det, ModelOptions o) {
        return new ModelSpec(det.name() + "/rec", o.source("recognizer"), det.task(), "ctc",
                o.positiveInt("recMaxWidth", 1280), REC_HEIGHT, ModelSpec.Layout.NCHW, ModelSpec.ColourOrder.BGR,
                ModelSpec.ResizeMode.STRETCH, 1f / 127.5f, new float[] {1, 1, 1}, new float[] {1, 1, 1}, List.of(),
                0f, 0f, 1, o);
    }

    private static int round32(int v) {
        return Math.max(MULTIPLE, (v / MULTIPLE) * MULTIPLE);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public String device() {
        return det.device();
    }

    @Override
    public ResizePlan preprocess(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        // long side at most the input size (never enlarged), as PP-OCR's "max" limit does
        double r = Math.min(1.0, Math.min(spec.inputWidth(), spec.inputHeight()) / (double) Math.max(w, h));
        detWidth = Math.min(round32(spec.inputWidth()), Math.max(MULTIPLE, (int) Math.round(w * r / MULTIPLE) * MULTIPLE));
        detHeight = Math.min(round32(spec.inputHeight()), Math.max(MULTIPLE, (int) Math.round(h * r / MULTIPLE) * MULTIPLE));
        return detCanvas.fillScaled(image, detWidth, detHeight);
    }

    @Override
    public ModelOutputs run() throws OrtException {
        return det.run(detCanvas.tensor(), detCanvas.shape());
    }

    @Override
    public TaskResult postprocess(ModelOutputs outputs, ResizePlan plan, BufferedImage image) {
        ModelOutputs.Tensor prob = outputs.first();
        List<DbPostProcessor.Box> boxes = db.boxes(prob.data(), prob.dim(3), prob.dim(2));
        List<TaskResult.TextRegion> regions = new ArrayList<>();
        for (DbPostProcessor.Box b : boxes) {
            double[][] c = b.rect().corners();
            float[][] poly = new float[4][];
            for (int i = 0; i < 4; i++) {
                poly[i] = new float[] {(float) plan.toOriginalX(c[i][0]), (float) plan.toOriginalY(c[i][1])};
            }
            String text = null;
            float textScore = 0f;
            if (rec != null) {
                CtcDecoder.Text t = recognize(image, poly);
                text = t.text();
                textScore = t.score();
            }
            regions.add(new TaskResult.TextRegion(poly, b.score(), text, textScore));
        }
        // reading order: top to bottom, then left to right
        regions.sort(Comparator.<TaskResult.TextRegion>comparingDouble(r -> Math.round(r.polygon()[0][1] / 10.0))
                .thenComparingDouble(r -> r.polygon()[0][0]));
        return new TaskResult.Texts(regions);
    }

    /** Cuts the quadrilateral out straight at height 48 with one affine draw and reads it. */
    private CtcDecoder.Text recognize(BufferedImage image, float[][] poly) {
        double ux = poly[1][0] - poly[0][0];
        double uy = poly[1][1] - poly[0][1];
        double vx = poly[3][0] - poly[0][0];
        double vy = poly[3][1] - poly[0][1];
        double width = Math.hypot(ux, uy);
        double height = Math.hypot(vx, vy);
        if (width < 1 || height < 1) {
            return new CtcDecoder.Text("", 0f);
        }
        int outW = (int) Math.max(REC_HEIGHT / 4.0, Math.min(recCanvas.capacityWidth(),
                Math.ceil(REC_HEIGHT * width / height)));
        // A maps u -> (outW, 0) and v -> (0, 48): A = diag(outW, 48) · [u v]^-1, then translate tl to the origin.
        double det = ux * vy - vx * uy;
        double i00 = vy / det;
        double i01 = -vx / det;
        double i10 = -uy / det;
        double i11 = ux / det;
        double m00 = outW * i00;
        double m01 = outW * i01;
        double m10 = REC_HEIGHT * i10;
        double m11 = REC_HEIGHT * i11;
        double tx = -(m00 * poly[0][0] + m01 * poly[0][1]);
        double ty = -(m10 * poly[0][0] + m11 * poly[0][1]);
        recCanvas.fillTransformed(image, new AffineTransform(m00, m10, m01, m11, tx, ty), outW, REC_HEIGHT, null);
        try {
            ModelOutputs out = rec.run(recCanvas.tensor(), recCanvas.shape());
            ModelOutputs.Tensor t = out.first();
            return ctc.decode(t.data(), t.dim(1), t.dim(2));
        } catch (OrtException e) {
            throw new IllegalStateException("text recognition failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws OrtException {
        try {
            det.close();
        } finally {
            if (rec != null) {
                rec.close();
            }
        }
    }
}
