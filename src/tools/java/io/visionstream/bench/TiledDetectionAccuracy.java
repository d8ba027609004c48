package io.visionstream.bench;

import io.visionstream.model.Inference;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.detect.SlicePlan;
import io.visionstream.model.detect.SliceSettings;
import io.visionstream.result.Detection;
import io.visionstream.runtime.SlotContext;
import io.visionstream.result.TaskResult;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Detection rows of {@code bench accuracy} for huge frames: {@link PastedScenes} at each size, the detector run
 * sliced ({@code tile}), in one scaled-down run ({@code downscale}) and as it is configured ({@code default}),
 * scored against the truth (the same model on each photo alone) at IoU ≥ 0.5, one found box per true box; the
 * counts are of {@link #confident} boxes.
 */
final class TiledDetectionAccuracy {
    static final double MATCH_IOU = 0.5;
    static final float CONFIDENT = 0.5f;
    private static final int SCENES = 4;

    private TiledDetectionAccuracy() {
    }

    /** @param tileOptions registry options for the tile rows, {@code key=value,...} (to compare slicings) */
    static List<AccuracyBench.Row> rows(ModelRegistry registry, String model, List<int[]> sizes,
                                        List<BufferedImage> photos, String tileOptions, long seed) throws Exception {
        ModelSpec spec = registry.get(model);
        ModelSpec tiled = spec.with("memoryPolicy", "tile", spec.maxSide());
        for (String kv : tileOptions.isBlank() ? new String[0] : tileOptions.split(",")) {
            String[] p = kv.split("=", 2);
            tiled = tiled.with(p[0].trim(), p[1].trim(), spec.maxSide());
        }
        List<AccuracyBench.Row> rows = new ArrayList<>();
        try (ModelHandler alone = AccuracyBench.open(spec.with("memoryPolicy", "downscale", spec.maxSide()));
             ModelHandler tile = AccuracyBench.open(tiled);
             ModelHandler dflt = AccuracyBench.open(spec)) {
            for (int[] s : sizes) {
                int count = Math.max(3, (int) ((long) s[0] * s[1] / 2_500_000));
                List<PastedScenes.Scene> scenes = new ArrayList<>();
                List<List<Detection>> truths = new ArrayList<>();
                // seams of the default slicing, whatever the tile rows are given: every option compares on one scene
                List<Rectangle> seamPlan = SlicePlan.runs(s[0], s[1], Math.min(spec.inputWidth(), spec.inputHeight()),
                        SliceSettings.of(spec, SlotContext.DEFAULT_MAX_RUNS));
                for (int k = 0; k < SCENES; k++) {
                    PastedScenes.Scene scene = PastedScenes.make(photos, s[0], s[1], count, seams(seamPlan, true),
                            seams(seamPlan, false), seed + 31L * k + s[0]);
                    scenes.add(scene);
                    truths.add(truth(alone, scene));
                }
                rows.add(row(tile, "tile", s, scenes, truths));
                rows.add(row(alone, "downscale", s, scenes, truths));
                rows.add(row(dflt, "default", s, scenes, truths));
            }
        }
        return rows;
    }

    private static AccuracyBench.Row row(ModelHandler h, String mode, int[] s, List<PastedScenes.Scene> scenes,
                                         List<List<Detection>> truths) throws Exception {
        int truth = 0;
        int matched = 0;
        int found = 0;
        int foundMatched = 0;
        int runs = 0;
        double ms = 0;
        int photos = 0;
        for (int k = 0; k < scenes.size(); k++) {
            long t0 = System.nanoTime();
            Inference inf = h.infer(h.prepare(scenes.get(k).frame()));
            ms += (System.nanoTime() - t0) / 1e6;
            List<Detection> got = ((TaskResult.Detections) inf.result()).detections();
            truth += confident(truths.get(k)).size();
            found += confident(got).size();
            matched += matches(confident(truths.get(k)), got);
            foundMatched += matches(truths.get(k), confident(got));
            if (System.getenv("VS_BENCH_DEBUG") != null) {
                explain(mode, truths.get(k), confident(got), got);
            }
            runs += inf.runs();
            photos += scenes.get(k).photos().size();
        }
        int n = scenes.size();
        return AccuracyBench.printRow(new AccuracyBench.Row("detect", photos / n + " photos", s[0], s[1], mode, truth,
                matched, found, truth == 0 ? 1 : matched / (double) truth,
                found == 0 ? 1 : foundMatched / (double) found,
                Double.NaN, Math.round(runs / (float) n), ms / n));
    }

    /**
     * The boxes a comparison counts: a box near the score threshold comes and goes with a pixel of change
     * (NanoDet scores a dog 0.44 in one view and 0.33 in the next), so recall counts the true boxes of at least
     * {@link #CONFIDENT} and precision the found ones of at least that, each matched against all boxes of the
     * other side above the model's threshold.
     */
    static List<Detection> confident(List<Detection> boxes) {
        return boxes.stream().filter(d -> d.score() >= CONFIDENT).toList();
    }

    /** Each photo alone through the model, its boxes moved to where it was pasted. */
    static List<Detection> truth(ModelHandler alone, PastedScenes.Scene scene) throws Exception {
        List<Detection> truth = new ArrayList<>();
        for (PastedScenes.Placed p : scene.photos()) {
            Inference inf = alone.infer(alone.prepare(p.photo()));
            for (Detection d : ((TaskResult.Detections) inf.result()).detections()) {
                truth.add(new Detection(d.classId(), d.label(), d.score(), d.x1() + p.x(), d.y1() + p.y(),
                        d.x2() + p.x(), d.y2() + p.y()));
            }
        }
        return truth;
    }

    /** Greedy one-to-one matching per class, best IoU first, at IoU ≥ 0.5. */
    static int matches(List<Detection> truth, List<Detection> found) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < truth.size(); i++) {
            for (int j = 0; j < found.size(); j++) {
                Detection t = truth.get(i);
                Detection f = found.get(j);
                double iou = t.iou(f);
                if (t.classId() == f.classId() && iou >= MATCH_IOU) {
                    pairs.add(new double[] {iou, i, j});
                }
            }
        }
        pairs.sort((a, b) -> Double.compare(b[0], a[0]));
        boolean[] usedT = new boolean[truth.size()];
        boolean[] usedF = new boolean[found.size()];
        int n = 0;
        for (double[] p : pairs) {
            int i = (int) p[1];
            int j = (int) p[2];
            if (!usedT[i] && !usedF[j]) {
                usedT[i] = true;
                usedF[j] = true;
                n++;
            }
        }
        return n;
    }

    /** Why boxes did not match: misplaced (a same-class box overlaps), or nothing there. */
    private static void explain(String mode, List<Detection> truth, List<Detection> got, List<Detection> all) {
        int misplacedFound = 0;
        int extra = 0;
        for (Detection f : got) {
            boolean hit = truth.stream().anyMatch(t -> t.classId() == f.classId() && t.iou(f) >= MATCH_IOU);
            if (!hit) {
                boolean near = truth.stream().anyMatch(t -> t.classId() == f.classId() && t.overlapOfSmaller(f) > 0.3f);
                if (near) {
                    misplacedFound++;
                } else {
                    extra++;
                    System.out.printf("   extra %s %.2f [%.0f %.0f %.0f %.0f]%n", f.label(), f.score(), f.x1(), f.y1(),
                            f.x2() - f.x1(), f.y2() - f.y1());
                }
            }
        }
        int missed = 0;
        for (Detection t : truth) {
            if (got.stream().noneMatch(f -> t.classId() == f.classId() && t.iou(f) >= MATCH_IOU)) {
                missed++;
                System.out.printf("   missed %s %.2f [%.0f %.0f %.0f %.0f]%n", t.label(), t.score(), t.x1(), t.y1(),
                        t.x2() - t.x1(), t.y2() - t.y1());
                for (Detection f : all) {
                    if (f.iou(t) > 0.1) {
                        System.out.printf("      near %s %.2f [%.0f %.0f %.0f %.0f] iou %.2f%n", f.label(), f.score(), f.x1(),
                                f.y1(), f.x2() - f.x1(), f.y2() - f.y1(), f.iou(t));
                    }
                }
            }
        }
        System.out.printf("  %s: found-but-misplaced %d, extra %d, missed %d%n", mode, misplacedFound, extra, missed);
    }

    /** Inner edges of the finest slices (the smallest runs), along x or y. */
    private static List<Integer> seams(List<Rectangle> runs, boolean alongX) {
        int finest = runs.stream().mapToInt(r -> r.width).min().orElse(0);
        TreeSet<Integer> edges = new TreeSet<>();
        for (Rectangle r : runs) {
            if (r.width == finest && runs.size() > 1) {
                edges.add(alongX ? r.x : r.y);
                edges.add(alongX ? r.x + r.width : r.y + r.height);
            }
        }
        if (!edges.isEmpty()) {
            edges.remove(edges.first());
            edges.pollLast();
        }
        return new ArrayList<>(edges);
    }
}
