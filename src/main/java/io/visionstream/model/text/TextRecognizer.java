package io.visionstream.model.text;

import ai.onnxruntime.OrtException;
import io.visionstream.model.ModelOptions;
import io.visionstream.model.ModelShapeException;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.Sessions;
import io.visionstream.preprocess.InputCanvas;
import io.visionstream.preprocess.InputLayout;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.runtime.ModelSession;
import io.visionstream.runtime.SlotContext;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * PP-OCR's CTC recogniser ({@code options.recognizer}, {@code options.dictionary}): each text quadrilateral cut
 * out straight at height 48 with one affine draw, read, and decoded greedily.
 */
final class TextRecognizer implements AutoCloseable {
    static final int HEIGHT = 48;

    private final ModelSession session;
    private final InputCanvas canvas;
    private final CtcDecoder ctc;

    private TextRecognizer(ModelSession session, InputCanvas canvas, CtcDecoder ctc) {
        this.session = session;
        this.canvas = canvas;
        this.ctc = ctc;
    }

    /** The recogniser the entry names, or null when it names none (detection only). */
    static TextRecognizer open(ModelSpec spec, SlotContext slot) throws OrtException {
        ModelOptions o = spec.options();
        if (!o.has("recognizer")) {
            return null;
        }
        List<String> dictionary = o.lines("dictionary");
        ModelSession session = Sessions.open(spec, spec.name() + "/rec", o.source("recognizer"), slot);
        try {
            long[] out = session.outputShapes().values().iterator().next();
            if (out.length != 3 || (out[2] > 0 && out[2] < dictionary.size() + 1)) {
                throw new ModelShapeException(spec.name() + " (recognizer)", "[N,T," + (dictionary.size() + 2)
                        + "] per-step class probabilities", Arrays.toString(out));
            }
            // PP-OCR recognisers: BGR, px/127.5 − 1, height 48, width up to options.recMaxWidth
            InputLayout input = new InputLayout(spec.name() + "/rec", o.positiveInt("recMaxWidth", 1280), HEIGHT,
                    InputLayout.Layout.NCHW, InputLayout.ColourOrder.BGR, InputLayout.ResizeMode.STRETCH,
                    1f / 127.5f, new float[] {1, 1, 1}, new float[] {1, 1, 1});
            return new TextRecognizer(session, new InputCanvas(input), new CtcDecoder(dictionary));
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
    }

    ModelSession session() {
        return session;
    }

    /** Cuts the quadrilateral (clockwise from top-left) out straight at height 48 and reads it. */
    CtcDecoder.Text read(BufferedImage image, float[][] poly) throws OrtException {
        double ux = poly[1][0] - poly[0][0];
        double uy = poly[1][1] - poly[0][1];
        double vx = poly[3][0] - poly[0][0];
        double vy = poly[3][1] - poly[0][1];
        double width = Math.hypot(ux, uy);
        double height = Math.hypot(vx, vy);
        if (width < 1 || height < 1) {
            return new CtcDecoder.Text("", 0f);
        }
        int outW = (int) Math.max(HEIGHT / 4.0, Math.min(canvas.capacityWidth(), Math.ceil(HEIGHT * width / height)));
        // A maps u -> (outW, 0) and v -> (0, 48): A = diag(outW, 48) · [u v]^-1, then translate tl to the origin.
        double det = ux * vy - vx * uy;
        double m00 = outW * (vy / det);
        double m01 = outW * (-vx / det);
        double m10 = HEIGHT * (-uy / det);
        double m11 = HEIGHT * (ux / det);
        double tx = -(m00 * poly[0][0] + m01 * poly[0][1]);
        double ty = -(m10 * poly[0][0] + m11 * poly[0][1]);
        canvas.fillTransformed(image, new AffineTransform(m00, m10, m01, m11, tx, ty), outW, HEIGHT, null);
        ModelOutputs out = session.run(canvas.tensor(), canvas.shape());
        ModelOutputs.Tensor t = out.first();
        return ctc.decode(t.data(), t.dim(1), t.dim(2));
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
