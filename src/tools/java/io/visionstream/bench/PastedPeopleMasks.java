package io.visionstream.bench;

import io.visionstream.model.Inference;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.cascade.CascadeHandler;
import io.visionstream.result.MaskImage;
import io.visionstream.result.TaskResult;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Segmentation rows of {@code bench accuracy} for huge frames: photos of people pasted into {@link PastedScenes},
 * the person mask made by the {@code people-masks} cascade (each detected person's crop segmented; mode
 * {@code cascade}, the default for person masks) and by the segmenter tiled over the frame (mode {@code tile}),
 * scored by IoU against the segmenter on each photo alone, placed where it was pasted.
 */
final class PastedPeopleMasks {
    private PastedPeopleMasks() {
    }

    /** @param people photos of people to paste (null: samples/person.jpg) */
    static List<AccuracyBench.Row> rows(ModelRegistry registry, String cascadeName, List<int[]> sizes,
                                        List<BufferedImage> people, long seed) throws Exception {
        ModelSpec cascadeSpec = registry.get(cascadeName);
        ModelSpec seg = registry.get(cascadeSpec.options().string("cascade.then", null));
        ModelSpec det = registry.get(cascadeSpec.options().string("cascade.first", null));
        if (people == null) {
            people = List.of(AccuracyBench.sampleImage("person.jpg"));
        }
        List<AccuracyBench.Row> rows = new ArrayList<>();
        try (ModelHandler alone = AccuracyBench.open(seg);
             ModelHandler tiled = AccuracyBench.open(seg.with("memoryPolicy", "tile", 2 * seg.maxSide()));
             CascadeHandler cascade = CascadeHandler.owning(cascadeSpec, AccuracyBench.open(det),
                     AccuracyBench.open(seg))) {
            for (int[] s : sizes) {
                int count = Math.max(2, (int) ((long) s[0] * s[1] / 2_500_000));
                PastedScenes.Scene scene = PastedScenes.make(people, s[0], s[1], count, List.of(), List.of(),
                        seed + s[0]);
                byte[] truth = new byte[s[0] * s[1]];
                for (PastedScenes.Placed p : scene.photos()) {
                    MaskImage m = ((TaskResult.Segments) alone.infer(alone.prepare(p.photo())).result()).mask();
                    for (int y = 0; y < m.height(); y++) {
                        for (int x = 0; x < m.width(); x++) {
                            truth[(p.y() + y) * s[0] + p.x() + x] = (byte) (m.at(x, y) != 0 ? 1 : 0);
                        }
                    }
                }
                long t0 = System.nanoTime();
                Inference c = cascade.infer(List.of(cascade.prepare(scene.frame()))).get(0);
                double ms = (System.nanoTime() - t0) / 1e6;
                TaskResult.Detections cd = (TaskResult.Detections) c.result();
                if (System.getenv("VS_BENCH_DEBUG") != null) {
                    for (int k = 0; k < cd.detections().size(); k++) {
                        if (cd.stage(k) != null) {
                            var d = cd.detections().get(k);
                            System.out.printf("   crop %s %.2f [%.0f %.0f %.0f %.0f] %s%n", d.label(), d.score(), d.x1(),
                                    d.y1(), d.x2() - d.x1(), d.y2() - d.y1(), cd.stage(k).status());
                        }
                    }
                }
                rows.add(row("cascade", s, scene, truth, cd.mask(), c.runs(), ms));
                t0 = System.nanoTime();
                Inference t = tiled.infer(tiled.prepare(scene.frame()));
                ms = (System.nanoTime() - t0) / 1e6;
                rows.add(row("tile", s, scene, truth, ((TaskResult.Segments) t.result()).mask(), t.runs(), ms));
            }
        }
        return rows;
    }

    /** Mask IoU within one rectangle of a frame {@code width} wide; 1 where neither marks anything. */
    private static double iou(byte[] truth, MaskImage got, int width, java.awt.Rectangle r) {
        long inter = 0;
        long union = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                boolean t = truth[y * width + x] != 0;
                boolean p = got != null && got.data()[y * width + x] != 0;
                inter += t && p ? 1 : 0;
                union += t || p ? 1 : 0;
            }
        }
        return union == 0 ? 1 : inter / (double) union;
    }

    private static AccuracyBench.Row row(String mode, int[] s, PastedScenes.Scene scene, byte[] truth, MaskImage got,
                                         int runs, double ms) {
        double iou = iou(truth, got, s[0], new java.awt.Rectangle(0, 0, s[0], s[1]));
        if (System.getenv("VS_BENCH_DEBUG") != null) {
            for (PastedScenes.Placed ph : scene.photos()) {
                System.out.printf("   %s photo %dx%d at %d,%d IoU %.3f%n", mode, ph.photo().getWidth(),
                        ph.photo().getHeight(), ph.x(), ph.y(), iou(truth, got, s[0], ph.box()));
            }
        }
        int n = scene.photos().size();
        return AccuracyBench.printRow(new AccuracyBench.Row("segment", n + " people", s[0], s[1], mode, n,
                iou >= 0.85 ? n : 0, n, iou, Double.NaN, Double.NaN, runs, ms));
    }
}
