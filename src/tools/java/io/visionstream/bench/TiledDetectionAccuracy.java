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
 * counts are of {@link #confident} boxes. A last row, {@code alone+border}, is the model against itself (see
 * {@link #bordered}): what no slicing can beat.
 */
final class TiledDetectionAccuracy {
    static final double MATCH_IOU = 0.5;
    static final float CONFIDENT = 0.5f;
    static final double BORDER = 0.1;

    private TiledDetectionAccuracy() {
    }

    /** @param tileOptions registry options for the tile rows, {@code key=value,...} (to compare slicings) */
    static List<AccuracyBench.Row> rows(ModelRegistry registry, String model, List<int[]> sizes,
                                        List<BufferedImage> photos, String tileOptions, int scenesPerSize,
                                        long seed) throws Exception {
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
                for (int k = 0; k < scenesPerSize; k++) {
                    PastedScenes.Scene scene = PastedScenes.make(photos, s[0], s[1], count, seams(seamPlan, true),
                            seams(seamPlan, false), seed + 31L * k + s[0]);
                    scenes.add(scene);
                    truths.add(truth(alone, scene));
                }
                rows.add(row(tile, "tile", s, scenes, truths));
                rows.add(row(alone, "downscale", s, scenes, truths));
                rows.add(row(dflt, "default", s, scenes, truths));
                rows.add(bordered(alone, s, scenes, truths));
            }
        }
        return rows;
    }

    /** One way of answering a scene: its boxes in frame pixels and the runs it took. */
    private interface Answer {
        Inference[] answer(PastedScenes.Scene scene, List<Detection> boxes) throws Exception;
    }

    /** The handler on the whole scene, as a user's frame would go. */
    private static AccuracyBench.Row row(ModelHandler h, String mode, int[] s, List<PastedScenes.Scene> scenes,
                                         List<List<Detection>> truths) throws Exception {
        return scored(mode, s, scenes, truths, (scene, boxes) -> {
            Inference inf = h.infer(h.prepare(scene.frame()));
            boxes.addAll(((TaskResult.Detections) inf.result()).detections());
            return new Inference[] {inf};
        });
    }

    /**
     * The model's agreement with itself, the ceiling of any slicing: each photo alone again, with a grey border of
     * {@link #BORDER} of its size on every side (its aspect kept, so the model sees it at 1/(1 + 2·BORDER) of the
     * scale, with the margin a slice has), against the truth, the same photo without the border.
     */
    private static AccuracyBench.Row bordered(ModelHandler alone, int[] s, List<PastedScenes.Scene> scenes,
                                              List<List<Detection>> truths) throws Exception {
        return scored("alone+border", s, scenes, truths, (scene, boxes) -> {
            List<Inference> runs = new ArrayList<>();
            for (PastedScenes.Placed p : scene.photos()) {
                int bx = (int) Math.round(p.photo().getWidth() * BORDER);
                int by = (int) Math.round(p.photo().getHeight() * BORDER);
                BufferedImage framed = new BufferedImage(p.photo().getWidth() + 2 * bx, p.photo().getHeight() + 2 * by,
                        BufferedImage.TYPE_3BYTE_BGR);
                java.awt.Graphics2D g = framed.createGraphics();
                g.setColor(PastedScenes.BACKGROUND);
                g.fillRect(0, 0, framed.getWidth(), framed.getHeight());
                g.drawImage(p.photo(), bx, by, null);
                g.dispose();
                Inference inf = alone.infer(alone.prepare(framed));
                runs.add(inf);
                for (Detection d : ((TaskResult.Detections) inf.result()).detections()) {
                    boxes.add(new Detection(d.classId(), d.label(), d.score(), d.x1() - bx + p.x(),
                            d.y1() - by + p.y(), d.x2() - bx + p.x(), d.y2() - by + p.y()));
                }
            }
            return runs.toArray(new Inference[0]);
        });
    }

    private static AccuracyBench.Row scored(String mode, int[] s, List<PastedScenes.Scene> scenes,
                                            List<List<Detection>> truths, Answer how) throws Exception {
        int truth = 0;
        int matched = 0;
        int found = 0;
        int foundMatched = 0;
        int runs = 0;
        double ms = 0;
        int photos = 0;
        for (int k = 0; k < scenes.size(); k++) {
            List<Detection> got = new ArrayList<>();
            long t0 = System.nanoTime();
            for (Inference inf : how.answer(scenes.get(k), got)) {
                runs += inf.runs();
            }
            ms += (System.nanoTime() - t0) / 1e6;
            truth += confident(truths.get(k)).size();
            found += confident(got).size();
            matched += matches(confident(truths.get(k)), got);
            foundMatched += matches(truths.get(k), confident(got));
            if (System.getenv("VS_BENCH_DEBUG") != null) {
                explain(mode, truths.get(k), confident(got), got);
            }
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
        int flipped = 0;
        int extra = 0;
        for (Detection f : got) {
            boolean hit = truth.stream().anyMatch(t -> t.classId() == f.classId() && t.iou(f) >= MATCH_IOU);
            if (!hit) {
                boolean near = truth.stream().anyMatch(t -> t.classId() == f.classId() && t.overlapOfSmaller(f) > 0.3f);
                java.util.Optional<Detection> other = truth.stream()
                        .filter(t -> t.classId() != f.classId() && t.iou(f) >= MATCH_IOU).findFirst();
                if (near) {
                    misplacedFound++;
                } else if (other.isPresent()) {
                    flipped++;
                    System.out.printf("   flip %s %.2f for %s %.2f [%.0f %.0f %.0f %.0f]%n", f.label(), f.score(),
                            other.get().label(), other.get().score(), f.x1(), f.y1(), f.x2() - f.x1(), f.y2() - f.y1());
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
        System.out.printf("  %s: found-but-misplaced %d, class flips %d, extra %d, missed %d%n", mode, misplacedFound,
                flipped, extra, missed);
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
