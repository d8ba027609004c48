package io.visionstream.model.parts;

import ai.onnxruntime.OrtException;
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
import io.visionstream.preprocess.InputCanvas;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.result.Person;
import io.visionstream.result.TaskResult;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.runtime.ModelSession;
import io.visionstream.model.MemoryPolicy;
import io.visionstream.reject.RejectReason;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * BodyPix 2 (family {@code bodypix}): many people, each parsed into 24 body parts, with 17 pose keypoints. One run
 * per image at a profile's size: the image is scaled to fit the profile's box (up to {@code options.maxUpscale}
 * times, so a small crop is seen at a size the network was trained on), both sides snapped down to 16k+1 as the
 * network needs. The poses are decoded from the output grid as BodyPix 2 does ({@link PoseDecoder}), each person
 * cell is given to a pose ({@link InstanceAssigner}), and the full-size label map is painted in one pass from the
 * logits upsampled bilinearly ({@link PartPainter}). Memory: one run of at most the largest profile's pixels
 * (limited further by the slot budget), one mask byte per image pixel in the slot's reused buffer. Under memory
 * policy {@code tile} an image larger than the box is parsed at its own resolution in overlapping tiles of the box,
 * their grids stitched cell by cell ({@link GridStitcher}: logits, not labels) and decoded once.
 */
public final class BodyPartsHandler extends SessionHandler implements MemorySizing {
    static final int STRIDE = 16;
    /** BodyPix's smallest input resolution. */
    static final int MIN_SIDE = 161;
    static final List<String> OUTPUTS = List.of("segments", "part_heatmaps", "heatmaps", "short_offsets",
            "long_offsets", "displacement_fwd", "displacement_bwd");

    private final PartPainter painter = new PartPainter();
    private final double maxUpscale;
    private final int maxPeople;
    private final float poseScore;
    private final int nmsRadius;
    private final float minKeypointScore;
    private final int refineSteps;
    private final MemoryPolicy policy;
    private final int overlap;
    private InputCanvas canvas;
    private long runPixelLimit = Long.MAX_VALUE;

    public BodyPartsHandler(ModelSpec spec, ModelSession session) throws OrtException {
        super(spec, session);
        Map<String, long[]> shapes = session.outputShapes();
        if (!shapes.keySet().containsAll(OUTPUTS) || shapes.get("part_heatmaps")[3] != BodyParts.NAMES.size()
                || shapes.get("heatmaps")[3] != BodyParts.KEYPOINTS.size()) {
            throw new ModelShapeException(spec.name(), "BodyPix 2 outputs " + OUTPUTS
                    + " (NHWC, 24 part and 17 keypoint channels)", ModelShapeException.describe(shapes));
        }
        this.maxUpscale = spec.options().number("maxUpscale", 2.0);
        this.maxPeople = spec.options().positiveInt("maxPeople", 10);
        this.poseScore = (float) spec.options().number("poseScore", 0.25);
        this.nmsRadius = spec.options().positiveInt("nmsRadius", 20);
        this.minKeypointScore = (float) spec.options().number("minKeypointScore", 0.3);
        this.refineSteps = spec.options().positiveInt("refineSteps", 10);
        this.policy = MemoryPolicy.of(spec);
        // tiles overlap by a person's half-width at the tile size, on the 16-pixel grid
        this.overlap = spec.options().positiveInt("tileOverlap", 128) / STRIDE * STRIDE;
        InputProfile box = box(spec.defaultProfile());
        this.canvas = new InputCanvas(spec.input(), box.width(), box.height());
    }

    @Override
    public boolean takesProfiles() {
        return true;
    }

    @Override
    public Prepared prepare(BufferedImage image, InputProfile profile) throws RejectedInputException {
        int w = image.getWidth();
        int h = image.getHeight();
        InputProfile b = box(profile).orientedLike(w, h);
        if (policy == MemoryPolicy.TILE && (w > b.width() || h > b.height())) {
            // full resolution in tiles of the box; the tiles are planned in infer
            InputProfile run = new InputProfile(profile.name(), snap(b.width(), b.width()), snap(b.height(), b.height()));
            return new Prepared(image, run, ResizePlan.stretch(w, h, w, h), List.of(new Rectangle(0, 0, w, h)));
        }
        if (policy == MemoryPolicy.REJECT && (w > b.width() || h > b.height())) {
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS, "model '" + spec.name() + "': " + w + "x" + h
                    + " is above its input " + b + " and its memory policy is reject");
        }
        double scale = Math.min(maxUpscale, Math.min((double) b.width() / w, (double) b.height() / h));
        int rw = snap(w * scale, b.width());
        int rh = snap(h * scale, b.height());
        return Prepared.whole(image, new InputProfile(profile.name(), rw, rh), ResizePlan.stretch(w, h, rw, rh));
    }

    /** The largest 16k+1 side at most {@code v} (and the box), never below BodyPix's smallest. */
    static int snap(double v, int max) {
        int top = Math.max(MIN_SIDE, (max - 1) / STRIDE * STRIDE + 1);
        int s = (int) Math.floor((v - 1) / STRIDE) * STRIDE + 1;
        return Math.max(MIN_SIDE, Math.min(top, s));
    }

    @Override
    public List<Inference> infer(List<Prepared> batch) throws OrtException {
        return ModelHandler.oneAtATime(batch, this::infer);
    }

    @Override
    public Inference infer(Prepared p) throws OrtException {
        StepTimes t = new StepTimes();
        int rw = p.input().width();
        int rh = p.input().height();
        ensureCanvas(rw, rh);
        BodyPixGrid grid;
        int runs = 1;
        if (p.tiled()) {
            // decoded on the stitched grid as if one run had seen the image at its own size
            int w = p.image().getWidth();
            int h = p.image().getHeight();
            GridStitcher stitcher = new GridStitcher(w, h);
            List<GridStitcher.Tile> tiles = GridStitcher.tiles(w, h, rw, rh, overlap);
            for (GridStitcher.Tile tile : tiles) {
                canvas.fillTransformed(p.image(), AffineTransform.getTranslateInstance(-tile.x(), -tile.y()), rw, rh,
                        Color.BLACK);
                t.lap(Step.PREPROCESS);
                ModelOutputs out = session.run(canvas.tensor(), canvas.shape());
                t.lap(Step.INFERENCE);
                stitcher.add(grid(out), tile, overlap);
            }
            grid = stitcher.grid();
            runs = tiles.size();
            rw = w;
            rh = h;
        } else {
            canvas.fillScaled(p.image(), rw, rh);
            t.lap(Step.PREPROCESS);
            ModelOutputs out = session.run(canvas.tensor(), canvas.shape());
            t.lap(Step.INFERENCE);
            grid = grid(out);
        }
        List<Pose> poses = PoseDecoder.decodeMultiple(grid, maxPeople, poseScore, nmsRadius);
        int[] owners = InstanceAssigner.assign(grid, poses, minKeypointScore, refineSteps);
        int w = p.image().getWidth();
        int h = p.image().getHeight();
        PartPainter.Painted painted = painter.paint(grid, owners, poses.size(), w, h, rw, rh, spec.scoreThreshold());
        List<Person> people = BodyParts.people(poses, painted, w / (double) rw, h / (double) rh);
        TaskResult result = new TaskResult.Segments(painted.segments(), painted.mask(), people);
        t.lap(Step.POSTPROCESS);
        return new Inference(result, runs, p.input().width(), p.input().height(),
                (long) p.input().width() * p.input().height(), t);
    }

    private void ensureCanvas(int rw, int rh) {
        if (canvas.capacityWidth() < rw || canvas.capacityHeight() < rh) {
            canvas = new InputCanvas(spec.input(), Math.max(rw, canvas.capacityWidth()),
                    Math.max(rh, canvas.capacityHeight()));
        }
    }

    private static BodyPixGrid grid(ModelOutputs out) {
        ModelOutputs.Tensor seg = out.get("segments");
        return BodyPixGrid.of(seg.dim(1), seg.dim(2), STRIDE, floats(seg), floats(out.get("part_heatmaps")),
                floats(out.get("heatmaps")), floats(out.get("short_offsets")), floats(out.get("long_offsets")),
                floats(out.get("displacement_fwd")), floats(out.get("displacement_bwd")));
    }

    /** The tensor's values: its own heap array where it has one (the session already copied it off the native result). */
    private static float[] floats(ModelOutputs.Tensor t) {
        java.nio.FloatBuffer b = t.data().duplicate();
        b.rewind();
        if (b.hasArray() && b.arrayOffset() == 0 && b.array().length == b.remaining()) {
            return b.array();
        }
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    private InputProfile box(InputProfile p) {
        if (p.pixels() <= runPixelLimit) {
            return p;
        }
        double r = Math.sqrt((double) runPixelLimit / p.pixels());
        return new InputProfile(p.name(), Math.max(MIN_SIDE, (int) (p.width() * r)),
                Math.max(MIN_SIDE, (int) (p.height() * r)));
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
        return spec.largestRunPixels(this::box);
    }

    @Override
    public long minRunPixels() {
        return (long) MIN_SIDE * MIN_SIDE;
    }

    @Override
    public void limitRunPixels(long pixels) {
        runPixelLimit = Math.min(runPixelLimit, Math.max(pixels, minRunPixels()));
    }

    /** A small image (run at twice its size at most) and one filling the default box. */
    @Override
    public Dimension[] calibrationImages() {
        InputProfile b = box(spec.defaultProfile());
        return new Dimension[] {new Dimension(MIN_SIDE, MIN_SIDE), new Dimension(b.width(), b.height())};
    }

    /** One image at a time: each run has its own input size. */
    @Override
    public long batchItemBytes() {
        return 0;
    }
}
