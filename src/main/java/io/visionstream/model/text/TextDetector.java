package io.visionstream.model.text;

import ai.onnxruntime.OrtException;
import io.visionstream.model.InputProfile;
import io.visionstream.model.ModelOptions;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.StepTimes;
import io.visionstream.model.StepTimes.Step;
import io.visionstream.preprocess.InputCanvas;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.runtime.ModelSession;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * DBNet text detection on one image: one run on the image scaled to fit the box, or box-sized tiles at the
 * scale the print needs whose boxes are joined across seams. Per-image state lives in a {@link Pass}, made for
 * each image; the detector keeps only its session and its reused input buffer.
 */
final class TextDetector implements AutoCloseable {
    /** Images longer than this many boxes are first read downscaled, to choose the scale of their tiles. */
    private static final double OVERVIEW_ABOVE = 2.0;

    private final ModelSpec spec;
    private final ModelSession session;
    private final DbPostProcessor db;
    private InputCanvas canvas;

    /** What reading one image found: its lines in original pixels, and how it was read. */
    record Found(List<SeamMerger.Line> lines, int runs, int inputWidth, int inputHeight, long runPixels) { }

    TextDetector(ModelSpec spec, ModelSession session, InputProfile initialBox) {
        this.spec = spec;
        this.session = session;
        ModelOptions o = spec.options();
        this.db = new DbPostProcessor((float) o.number("binaryThreshold", 0.3), spec.scoreThreshold(),
                o.number("unclipRatio", 1.5), o.number("minSize", 3), o.positiveInt("maxRegions", 300));
        this.canvas = new InputCanvas(spec.input(), initialBox.width(), initialBox.height());
    }

    ModelSession session() {
        return session;
    }

    /** Reads the image whole ({@code tiled} false) or in tiles of the box. */
    Found detect(BufferedImage image, InputProfile box, boolean tiled, StepTimes t) throws OrtException {
        Pass pass = new Pass(image, t);
        int w = image.getWidth();
        int h = image.getHeight();
        if (!tiled) {
            TextTiles.Tile whole = TextTiles.scaledToFit(w, h, box);
            pass.run(List.of(whole), 1);
            return pass.found(List.of(whole), 1, box);
        }
        List<TextTiles.Tile> tiles = TextTiles.cover(w, h, box);
        double scale = 1;
        if (Math.max(w, h) > OVERVIEW_ABOVE * box.longSide()) {
            // A large image is first read downscaled; when its text is large enough to read there, that is the
            // result, else the tiles are planned at the scale its text needs.
            TextTiles.Tile overview = TextTiles.scaledToFit(w, h, box);
            pass.run(List.of(overview), 1);
            scale = TextTiles.scaleFor(pass.pieces);
            if (scale <= 1.25 * Math.min(overview.dw() / (double) w, overview.dh() / (double) h)) {
                return pass.found(List.of(overview), 1, box);
            }
            pass.pieces.clear();
            tiles = TextTiles.cover((int) Math.round(w * scale), (int) Math.round(h * scale), box);
        }
        pass.run(tiles, scale);
        return pass.found(tiles, scale, box);
    }

    private void ensureCanvas(int w, int h) {
        if (canvas.capacityWidth() < w || canvas.capacityHeight() < h) {
            canvas = new InputCanvas(spec.input(), Math.max(w, canvas.capacityWidth()), Math.max(h, canvas.capacityHeight()));
        }
    }

    /** One image's detector runs and the boxes they found. */
    private final class Pass {
        private final BufferedImage image;
        private final StepTimes times;
        private final List<SeamMerger.Piece> pieces = new ArrayList<>();
        private int runs;
        private long runPixels;

        Pass(BufferedImage image, StepTimes times) {
            this.image = image;
            this.times = times;
        }

        /** Runs the detector on each tile; boxes are kept in original pixels for one run, in the tiles' for tiles. */
        void run(List<TextTiles.Tile> tiles, double tileScale) throws OrtException {
            int scaledW = (int) Math.round(image.getWidth() * tileScale);
            int scaledH = (int) Math.round(image.getHeight() * tileScale);
            for (int ti = 0; ti < tiles.size(); ti++) {
                TextTiles.Tile t = tiles.get(ti);
                double sx = t.stretch() ? t.dw() / (double) t.w() : tileScale;
                double sy = t.stretch() ? t.dh() / (double) t.h() : tileScale;
                double ox = t.stretch() ? t.x() * sx : t.x();
                double oy = t.stretch() ? t.y() * sy : t.y();
                ensureCanvas(t.dw(), t.dh());
                canvas.fillTransformed(image, new AffineTransform(sx, 0, 0, sy, -ox, -oy), t.dw(), t.dh(), null);
                times.lap(Step.PREPROCESS);
                runPixels = Math.max(runPixels, (long) t.dw() * t.dh());
                runs++;
                ModelOutputs out = session.run(canvas.tensor(), canvas.shape());
                times.lap(Step.INFERENCE);
                ModelOutputs.Tensor prob = out.first();
                for (DbPostProcessor.Box b : db.boxes(prob.data(), prob.dim(3), prob.dim(2))) {
                    pieces.add(t.stretch() ? scaled(b, sx, sy) : SeamMerger.piece(b, ti, t.region(), scaledW, scaledH));
                }
                times.lap(Step.POSTPROCESS);
            }
        }

        /**
         * One set of lines: boxes of tiles joined across seams, the copies found twice in an overlap dropped. The
         * input size reported is the one run's, else the box.
         */
        Found found(List<TextTiles.Tile> tiles, double tileScale, InputProfile box) {
            List<SeamMerger.Line> lines = new ArrayList<>();
            if (tiles.size() > 1) {
                List<SeamMerger.Tile> regions = new ArrayList<>(tiles.size());
                for (TextTiles.Tile t : tiles) {
                    regions.add(t.region());
                }
                for (SeamMerger.Line l : SeamMerger.merge(pieces, regions)) {
                    double[] xs = new double[4];
                    double[] ys = new double[4];
                    for (int i = 0; i < 4; i++) {
                        xs[i] = l.xs()[i] / tileScale;
                        ys[i] = l.ys()[i] / tileScale;
                    }
                    lines.add(new SeamMerger.Line(xs, ys, l.score()));
                }
            } else {
                for (SeamMerger.Piece p : pieces) {
                    lines.add(new SeamMerger.Line(p.xs(), p.ys(), p.score()));
                }
            }
            times.lap(Step.POSTPROCESS);
            int inputW = tiles.size() == 1 ? tiles.get(0).dw() : box.width();
            int inputH = tiles.size() == 1 ? tiles.get(0).dh() : box.height();
            return new Found(lines, Math.max(runs, tiles.size()), inputW, inputH, runPixels);
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

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
