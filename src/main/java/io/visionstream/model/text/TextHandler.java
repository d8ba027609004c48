package io.visionstream.model.text;

import ai.onnxruntime.OrtException;
import io.visionstream.model.Inference;
import io.visionstream.model.InputProfile;
import io.visionstream.model.MemoryPolicy;
import io.visionstream.model.MemorySizing;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelShapeException;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.Prepared;
import io.visionstream.model.StepTimes;
import io.visionstream.model.StepTimes.Step;
import io.visionstream.result.TaskResult;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.reject.RejectReason;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.runtime.ModelSession;
import io.visionstream.runtime.SlotContext;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PP-OCR text (family {@code dbnet}): a {@link TextDetector} reads the image scaled so its long side is at most
 * the input size, or, for larger images under memory policy {@code tile}, in overlapping full-resolution tiles of
 * that size whose boxes are joined across the seams, so peak memory is one tile's and small print stays
 * legible; then, when {@code options.recognizer} is set, a {@link TextRecognizer} reads each box. Detector runs
 * are timed as inference, recogniser runs as recognition.
 */
public final class TextHandler implements ModelHandler, MemorySizing {
    private final ModelSpec spec;
    private final TextDetector detector;
    private final TextRecognizer recognizer;
    private final MemoryPolicy policy;
    private final float minTextScore;
    /** The slot budget's cap on one detector run; profiles larger than this are scaled down to it. */
    private long runPixelLimit = Long.MAX_VALUE;

    public TextHandler(ModelSpec spec, ModelSession det, SlotContext slot) throws OrtException {
        this.spec = spec;
        Map<String, long[]> shapes = det.outputShapes();
        long[] out = shapes.values().iterator().next();
        if (shapes.size() != 1 || out.length != 4 || out[1] != 1) {
            throw new ModelShapeException(spec.name(), "one [N,1,H,W] text probability output",
                    ModelShapeException.describe(shapes));
        }
        this.policy = MemoryPolicy.of(spec);
        this.minTextScore = (float) spec.options().number("minTextScore", 0.5);
        this.detector = new TextDetector(spec, det, box(spec.defaultProfile()));
        this.recognizer = TextRecognizer.open(spec, slot);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public long fallbacks() {
        return detector.session().fallbacks() + (recognizer == null ? 0 : recognizer.session().fallbacks());
    }

    @Override
    public String device() {
        return detector.session().device();
    }

    @Override
    public boolean takesProfiles() {
        return true;
    }

    /**
     * Plans the detection for an image at a profile's input size (the box): one run on the image scaled down to
     * fit the box (policy downscale, or an image that fits), box-sized tiles at full resolution (policy tile:
     * {@link Prepared#tiles()} holds the whole image as a marker, the detector plans the tiles at the scale the
     * print needs), or a reject (policy reject).
     */
    @Override
    public Prepared prepare(BufferedImage image, InputProfile profile) throws RejectedInputException {
        int w = image.getWidth();
        int h = image.getHeight();
        InputProfile b = box(profile).orientedLike(w, h);
        ResizePlan identity = ResizePlan.stretch(w, h, w, h);
        if ((w <= b.width() && h <= b.height()) || policy == MemoryPolicy.DOWNSCALE) {
            return Prepared.whole(image, b, identity);
        }
        if (policy == MemoryPolicy.REJECT) {
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS, "model '" + spec.name() + "': " + w + "x" + h
                    + " is above its input " + b.width() + "x" + b.height() + " (profile " + b.name()
                    + ") and its memory policy is reject");
        }
        return new Prepared(image, b, identity, List.of(new java.awt.Rectangle(0, 0, w, h)));
    }

    @Override
    public List<Inference> infer(List<Prepared> batch) throws OrtException {
        return ModelHandler.oneAtATime(batch, this::infer);
    }

    @Override
    public Inference infer(Prepared p) throws OrtException {
        StepTimes t = new StepTimes();
        TextDetector.Found found = detector.detect(p.image(), p.input(), p.tiled(), t);
        BufferedImage image = p.image();
        List<TaskResult.TextRegion> regions = new ArrayList<>();
        for (SeamMerger.Line f : found.lines()) {
            float[][] poly = new float[4][];
            for (int i = 0; i < 4; i++) {
                poly[i] = new float[] {
                    (float) Math.max(0, Math.min(image.getWidth(), f.xs()[i])),
                    (float) Math.max(0, Math.min(image.getHeight(), f.ys()[i]))};
            }
            String text = null;
            float textScore = 0f;
            if (recognizer != null) {
                t.lap(Step.POSTPROCESS);
                CtcDecoder.Text read = recognizer.read(image, poly);
                t.lap(Step.RECOGNITION);
                // PaddleOCR's drop_score: a region the recognizer cannot read is texture, not text
                if (read.text().isBlank() || read.score() < minTextScore) {
                    continue;
                }
                text = read.text();
                textScore = read.score();
            }
            regions.add(new TaskResult.TextRegion(poly, f.score(), text, textScore));
        }
        ReadingOrder.sort(regions);
        t.lap(Step.POSTPROCESS);
        return new Inference(new TaskResult.Texts(regions), found.runs(), found.inputWidth(), found.inputHeight(),
                found.runPixels(), t);
    }

    private InputProfile box(InputProfile p) {
        return TextTiles.box(p, runPixelLimit);
    }

    @Override
    public MemorySizing sizing() {
        return this;
    }

    @Override
    public long weightBytes() {
        return spec.source().size() + (recognizer == null ? 0 : spec.options().source("recognizer").size());
    }

    /** The largest box over the default input and every profile, as the budget allows. */
    @Override
    public long maxRunPixels() {
        return spec.largestRunPixels(this::box);
    }

    @Override
    public long minRunPixels() {
        return (long) TextTiles.MIN_TILE * TextTiles.MIN_TILE;
    }

    /** The memory budget shrinks the boxes (detector inputs and tiles), never below 320×320. */
    @Override
    public void limitRunPixels(long pixels) {
        runPixelLimit = Math.min(runPixelLimit, Math.max(pixels, minRunPixels()));
    }

    @Override
    public Dimension[] calibrationImages() {
        int side = (int) Math.sqrt((double) maxRunPixels()) / TextTiles.MULTIPLE * TextTiles.MULTIPLE;
        return new Dimension[] {new Dimension(TextTiles.MIN_TILE, TextTiles.MIN_TILE), new Dimension(side, side)};
    }

    /** Text runs one image at a time: its input size changes with every image. */
    @Override
    public long batchItemBytes() {
        return 0;
    }

    @Override
    public void close() throws OrtException {
        try {
            detector.close();
        } finally {
            if (recognizer != null) {
                recognizer.close();
            }
        }
    }
}
