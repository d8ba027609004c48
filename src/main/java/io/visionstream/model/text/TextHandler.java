package io.visionstream.model.text;

import ai.onnxruntime.OrtException;
import io.visionstream.guard.RejectReason;
import io.visionstream.guard.RejectedInputException;
import io.visionstream.image.InputCanvas;
import io.visionstream.image.ResizePlan;
import io.visionstream.model.InputProfile;
import io.visionstream.model.MemoryPolicy;
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
import java.util.List;

/**
 * PP-OCR text (family {@code dbnet}): DBNet detection on the image scaled so its long side is at most the
 * input size, sides rounded to multiples of 32 — or, for larger images under memory policy {@code tile}, on
 * overlapping full-resolution tiles of that size whose boxes are joined across the seams, so peak memory is
 * one tile's and small print stays legible; boxes from the probability map; then, when
 * {@code options.recognizer} is set, each box cut out straight (one affine draw), scaled to height 48 and
 * read by the CTC recognizer with {@code options.dictionary}.
 */
public final class TextHandler implements ModelHandler {
    private static final int MULTIPLE = 32;
    private static final int REC_HEIGHT = 48;
    private static final int MIN_TILE = 320;
    /** Images longer than this many boxes are first read downscaled, to choose the scale of their tiles. */
    private static final double OVERVIEW_ABOVE = 2.0;
    /** Box height (pixels) at which PP-OCR's detector reads lines whole: print of about 30 px. */
    static final double TEXT_HEIGHT = 32;

    private final ModelSpec spec;
    private final ModelSession det;
    private InputCanvas detCanvas;
    private final DbPostProcessor db;
    private final ModelSession rec;
    private final InputCanvas recCanvas;
    private final CtcDecoder ctc;
    private final float minTextScore;
    /** The slot budget's cap on one detector run; profiles larger than this are scaled down to it. */
    private long runPixelLimit = Long.MAX_VALUE;
    private InputProfile lastBox;
    private final MemoryPolicy policy;
    private final boolean naive;
    private final List<Tile> tilesOfImage = new ArrayList<>();
    private final List<SeamMerger.Piece> boxesOfImage = new ArrayList<>();
    private BufferedImage source;
    private long runPixels;
    private boolean overviewFirst;
    /** The tiles' scale of the image (1 = full resolution), and the image's size at it. */
    private double tileScale = 1;
    private int scaledW;
    private int scaledH;
    private int runs;

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
        this.policy = MemoryPolicy.of(spec);
        this.naive = slot.safeguardsOff();
        this.minTextScore = (float) o.number("minTextScore", 0.5);
        this.lastBox = box(spec.defaultProfile());
        this.detCanvas = new InputCanvas(spec, lastBox.width(), lastBox.height());
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
    public long fallbacks() {
        return det.fallbacks() + (rec == null ? 0 : rec.fallbacks());
    }

    @Override
    public String device() {
        return det.device();
    }

    /**
     * Plans the detection runs for an image at a profile's input size (the box): one run on the image scaled
     * down to fit the box (policy downscale, or an image that fits), or box-sized tiles at full resolution
     * with an overlap (policy tile), or a reject (policy reject). With the safeguards off (benchmark only) it
     * is one run at full resolution, however large.
     */
    @Override
    public ResizePlan preprocess(BufferedImage image, InputProfile profile) throws RejectedInputException {
        int w = image.getWidth();
        int h = image.getHeight();
        InputProfile b = box(profile).orientedLike(w, h);
        lastBox = b;
        source = image;
        tilesOfImage.clear();
        overviewFirst = false;
        tileScale = 1;
        scaledW = w;
        scaledH = h;
        if (naive) {
            ensureCanvas(round32up(w), round32up(h));
            tilesOfImage.add(new Tile(0, 0, w, h, round32up(w), round32up(h), false));
        } else if ((w <= b.width() && h <= b.height()) || policy == MemoryPolicy.DOWNSCALE) {
            Tile whole = scaledToFit(w, h, b);
            ensureCanvas(whole.dw(), whole.dh());
            tilesOfImage.add(whole);
        } else if (policy == MemoryPolicy.REJECT) {
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS, "model '" + spec.name() + "': " + w + "x" + h
                    + " is above its input " + b.width() + "x" + b.height() + " (profile " + b.name()
                    + ") and its memory policy is reject");
        } else {
            ensureCanvas(b.width(), b.height());
            overviewFirst = Math.max(w, h) > OVERVIEW_ABOVE * b.longSide();
            planTiles(w, h, b);
        }
        return ResizePlan.stretch(w, h, w, h);
    }

    /** The whole image in one run: scaled down (never up) to fit the box, sides multiples of 32 (PP-OCR's resize). */
    private static Tile scaledToFit(int w, int h, InputProfile b) {
        double r = Math.min(1.0, Math.min(b.width() / (double) w, b.height() / (double) h));
        int dw = Math.min(b.width(), Math.max(MULTIPLE, (int) Math.round(w * r / MULTIPLE) * MULTIPLE));
        int dh = Math.min(b.height(), Math.max(MULTIPLE, (int) Math.round(h * r / MULTIPLE) * MULTIPLE));
        return new Tile(0, 0, w, h, dw, dh, true);
    }

    /** Overlapping box-sized tiles over an image of w×h (the image as it is drawn: scaled by tileScale). */
    private void planTiles(int w, int h, InputProfile b) {
        tilesOfImage.clear();
        int overlap = b.shortSide() / 8;
        int stepX = b.width() - overlap;
        int stepY = b.height() - overlap;
        for (int y0 = 0; y0 < h; y0 += stepY) {
            int th = Math.min(b.height(), h - y0);
            for (int x0 = 0; x0 < w; x0 += stepX) {
                int tw = Math.min(b.width(), w - x0);
                tilesOfImage.add(new Tile(x0, y0, tw, th, round32up(tw), round32up(th), false));
                if (x0 + tw >= w) {
                    break;
                }
            }
            if (y0 + th >= h) {
                break;
            }
        }
    }

    /**
     * The scale to read tiles at, from the boxes of a downscaled overview: one that brings the smaller text
     * (the tenth percentile of box heights) to about {@link #TEXT_HEIGHT} pixels, never above full resolution.
     * Large print read at full resolution falls apart into words, small print read downscaled is lost;
     * without text in the overview (print too small to see there), full resolution.
     */
    static double scaleFor(List<SeamMerger.Piece> overview) {
        if (overview.size() < 3) {
            return 1.0;
        }
        double[] heights = new double[overview.size()];
        for (int i = 0; i < heights.length; i++) {
            SeamMerger.Piece p = overview.get(i);
            heights[i] = Math.hypot(p.xs()[3] - p.xs()[0], p.ys()[3] - p.ys()[0]);
        }
        Arrays.sort(heights);
        double small = heights[heights.length / 10];
        return Math.min(1.0, TEXT_HEIGHT / small);
    }

    /**
     * A profile as the detector input: capped by the slot budget's run limit (never below 320 a side) and
     * rounded down to multiples of 32.
     */
    private InputProfile box(InputProfile p) {
        double r = Math.min(1.0, Math.sqrt(runPixelLimit / (double) p.pixels()));
        int bw = Math.max(MIN_TILE, round32((int) (p.width() * r)));
        int bh = Math.max(MIN_TILE, round32((int) (p.height() * r)));
        return new InputProfile(p.name(), bw, bh);
    }

    @Override
    public boolean takesProfiles() {
        return true;
    }

    /** The scaled image's size for one run; the tile size (the profile's box) for tiles. */
    @Override
    public int[] lastInputSize() {
        if (tilesOfImage.size() == 1) {
            return new int[] {tilesOfImage.get(0).dw(), tilesOfImage.get(0).dh()};
        }
        return new int[] {lastBox.width(), lastBox.height()};
    }

    /**
     * A region of the image (x, y, w, h) and the detector input it is drawn to (dw × dh, multiples of 32):
     * stretched to fill it (the PP-OCR resize), or at full resolution with the rest of the input left black.
     */
    private record Tile(int x, int y, int w, int h, int dw, int dh, boolean stretch) {
        SeamMerger.Tile region() {
            return new SeamMerger.Tile(x, y, w, h);
        }
    }

    private static int round32up(int v) {
        return Math.max(MULTIPLE, (v + MULTIPLE - 1) / MULTIPLE * MULTIPLE);
    }

    private void ensureCanvas(int w, int h) {
        if (detCanvas.capacityWidth() < w || detCanvas.capacityHeight() < h) {
            detCanvas = new InputCanvas(spec, Math.max(w, detCanvas.capacityWidth()), Math.max(h, detCanvas.capacityHeight()));
        }
    }

    /**
     * Runs the detector on every planned tile; boxes are collected in original pixels for one run, in the
     * tiles' pixels for tiles. A large image is first read downscaled; when its text is large enough to read
     * there, that is the result, else the tiles are planned at the scale its text needs.
     */
    @Override
    public ModelOutputs run() throws OrtException {
        boxesOfImage.clear();
        runPixels = 0;
        runs = 0;
        if (overviewFirst) {
            int w = source.getWidth();
            int h = source.getHeight();
            Tile overview = scaledToFit(w, h, lastBox);
            detect(overview, 0);
            double scale = scaleFor(boxesOfImage);
            if (scale <= 1.25 * Math.min(overview.dw() / (double) w, overview.dh() / (double) h)) {
                tilesOfImage.clear();
                tilesOfImage.add(overview);
                return new ModelOutputs();
            }
            boxesOfImage.clear();
            tileScale = scale;
            scaledW = (int) Math.round(w * scale);
            scaledH = (int) Math.round(h * scale);
            planTiles(scaledW, scaledH, lastBox);
        }
        for (int ti = 0; ti < tilesOfImage.size(); ti++) {
            detect(tilesOfImage.get(ti), ti);
        }
        return new ModelOutputs();
    }

    private void detect(Tile t, int ti) throws OrtException {
        double sx = t.stretch() ? t.dw() / (double) t.w() : tileScale;
        double sy = t.stretch() ? t.dh() / (double) t.h() : tileScale;
        double ox = t.stretch() ? t.x() * sx : t.x();
        double oy = t.stretch() ? t.y() * sy : t.y();
        detCanvas.fillTransformed(source, new AffineTransform(sx, 0, 0, sy, -ox, -oy), t.dw(), t.dh(), null);
        runPixels = Math.max(runPixels, (long) t.dw() * t.dh());
        runs++;
        ModelOutputs out = det.run(detCanvas.tensor(), detCanvas.shape());
        ModelOutputs.Tensor prob = out.first();
        for (DbPostProcessor.Box b : db.boxes(prob.data(), prob.dim(3), prob.dim(2))) {
            boxesOfImage.add(t.stretch() ? scaled(b, sx, sy)
                    : SeamMerger.piece(b, ti, t.region(), scaledW, scaledH));
        }
    }

    /** A box of a one-run (scaled) detection in original pixels; nothing of it is cut. */
    private static SeamMerger.Piece scaled(DbPostProcessor.Box b, double sx, double sy) {
        double[][] c = b.rect().corners();
        double[] xs = new double[4];
        double[] ys = new double[4];
        for (int i = 0; i < 4; i++) {
            xs[i] = c[i][0] / sx;
            ys[i] = c[i][1] / sy;
        }
        return new SeamMerger.Piece(xs, ys, b.score(), 0, b.minX() / sx, b.minY() / sy, (b.maxX() + 1) / sx,
                (b.maxY() + 1) / sy, false, false, false, false);
    }

    /** One set of lines: boxes of tiles joined across seams, the copies found twice in an overlap dropped. */
    private List<SeamMerger.Line> lines() {
        if (tilesOfImage.size() > 1) {
            List<SeamMerger.Tile> regions = new ArrayList<>(tilesOfImage.size());
            for (Tile t : tilesOfImage) {
                regions.add(t.region());
            }
            List<SeamMerger.Line> lines = new ArrayList<>();
            for (SeamMerger.Line l : SeamMerger.merge(boxesOfImage, regions)) {
                double[] xs = new double[4];
                double[] ys = new double[4];
                for (int i = 0; i < 4; i++) {
                    xs[i] = l.xs()[i] / tileScale;
                    ys[i] = l.ys()[i] / tileScale;
                }
                lines.add(new SeamMerger.Line(xs, ys, l.score()));
            }
            return lines;
        }
        List<SeamMerger.Line> lines = new ArrayList<>(boxesOfImage.size());
        for (SeamMerger.Piece p : boxesOfImage) {
            lines.add(new SeamMerger.Line(p.xs(), p.ys(), p.score()));
        }
        return lines;
    }

    @Override
    public TaskResult postprocess(ModelOutputs outputs, ResizePlan plan, BufferedImage image) {
        List<TaskResult.TextRegion> regions = new ArrayList<>();
        for (SeamMerger.Line f : lines()) {
            float[][] poly = new float[4][];
            for (int i = 0; i < 4; i++) {
                poly[i] = new float[] {
                    (float) Math.max(0, Math.min(image.getWidth(), f.xs()[i])),
                    (float) Math.max(0, Math.min(image.getHeight(), f.ys()[i]))};
            }
            String text = null;
            float textScore = 0f;
            if (rec != null) {
                CtcDecoder.Text t = recognize(image, poly);
                // PaddleOCR's drop_score: a region the recognizer cannot read is texture, not text
                if (t.text().isBlank() || t.score() < minTextScore) {
                    continue;
                }
                text = t.text();
                textScore = t.score();
            }
            regions.add(new TaskResult.TextRegion(poly, f.score(), text, textScore));
        }
        ReadingOrder.sort(regions);
        source = null;
        return new TaskResult.Texts(regions);
    }

    @Override
    public int lastTiles() {
        return Math.max(runs, tilesOfImage.size());
    }

    @Override
    public long weightBytes() {
        return spec.source().size() + (rec == null ? 0 : spec.options().source("recognizer").size());
    }

    @Override
    public long lastRunPixels() {
        return runPixels;
    }

    /** The largest box over the default input and every profile, as the budget allows. */
    @Override
    public long maxRunPixels() {
        long max = box(spec.defaultProfile()).pixels();
        for (String name : spec.profiles().keySet()) {
            max = Math.max(max, box(spec.profile(name)).pixels());
        }
        return max;
    }

    @Override
    public long minRunPixels() {
        return (long) MIN_TILE * MIN_TILE;
    }

    /** The memory budget shrinks the boxes (detector inputs and tiles), never below 320×320. */
    @Override
    public void limitRunPixels(long pixels) {
        runPixelLimit = Math.min(runPixelLimit, Math.max(pixels, minRunPixels()));
    }

    @Override
    public java.awt.Dimension[] calibrationImages() {
        int side = (int) Math.sqrt((double) maxRunPixels()) / MULTIPLE * MULTIPLE;
        return new java.awt.Dimension[] {new java.awt.Dimension(MIN_TILE, MIN_TILE), new java.awt.Dimension(side, side)};
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
