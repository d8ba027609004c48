package io.visionstream.bench.tracking;

import io.visionstream.it.Pipeline;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import io.visionstream.track.TrackerSettings;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.util.MiniClusterWithClientResource;

/**
 * {@code visionstream bench tracking}: io.visionstream.track.ByteTracker with the zone counter, and a port of
 * ByteTrack's reference tracker, on generated sequences with exact truth ({@link TrackingSequences}). Each
 * frame is rendered and detected once (nanodet-coco, in memory) and both trackers get the same detections.
 * Both run at TrackerSettings.defaults()' thresholds. Per sequence and tracker: MOTA, IDF1, ID switches, and
 * each line's and zone's counts against the truth; then the tracker's cost per frame on the dense sequence beside
 * the detector's. With {@code job} (default true), each sequence also goes through the whole job on an in-process
 * broker and MiniCluster with a TaskManager killed mid-sequence ({@link TrackingJobRun}): its row "job+kill" has
 * the restarts, the counts of its events against the truth and against ByteTracker in memory, and whether its
 * events equal those of ByteTracker + ZoneCounter replayed in memory on the job's own detections
 * ({@link EventReplay}). Writes bench-tracking.csv.
 */
public final class TrackingBench {
    private TrackingBench() {
    }

    /** {@code a}: the options of {@code visionstream bench tracking} by name (io.visionstream.cli.BenchCommand). */
    public static int main(Map<String, String> a) throws Exception {
        Path out = Path.of(a.getOrDefault("out", "bench-out"));
        List<String> names = List.of(a.getOrDefault("sequences", String.join(",", TrackingSequences.NAMES)).split(","));
        int reps = Integer.parseInt(a.getOrDefault("cost-reps", "30"));
        ModelRegistry registry = ModelRegistry.load(a.getOrDefault("registry", ModelRegistry.DEFAULT_LOCATION));
        ModelSpec spec = registry.get(a.getOrDefault("detect-model", "nanodet-coco"));
        TrackerSettings settings = TrackerSettings.defaults();
        boolean job = Boolean.parseBoolean(a.getOrDefault("job", "true"));
        int random = Integer.parseInt(a.getOrDefault("random", "20"));
        Files.createDirectories(out);
        List<String> csv = new ArrayList<>();
        csv.add("sequence,tracker,frames,objects,truth_boxes,mota,idf1,id_switches,false_positives,misses,"
                + "counts_right,counts,us_per_frame,detector_ms_per_frame,restarts,answered_once,"
                + "counts_equal_in_memory,events_equal_in_memory,events");
        // one broker and one MiniCluster (one TaskManager, two slots: PipelineFixture's) for every job run
        MiniClusterWithClientResource flink = job ? new MiniClusterWithClientResource(
                new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                        .build()) : null;
        Pipeline pipeline = null;
        int kills = 0;
        if (job) {
            flink.before(); // also makes it the context environment that Pipeline.start builds the job in
            pipeline = new Pipeline(2, Pipeline.Broker.PLAINTEXT).open();
        }
        System.out.printf(Locale.ROOT, "%-9s %-11s %6s %7s %6s %6s %5s %5s %5s  %s%n", "sequence", "tracker", "frames",
                "objects", "MOTA", "IDF1", "IDsw", "FP", "FN", "counted (true)");
        try (ModelHandler detector = SceneDetections.openDetector(spec)) {
            List<Sprite> crops = ObjectCrops.find(detector);
            for (String name : names) {
                Scene scene = TrackingSequences.named(name.trim(), crops);
                SceneDetections d = SceneDetections.of(scene, detector);
                Map<String, long[]> truth = TruthCounts.of(scene);
                Map<String, Double> cost = new TreeMap<>();
                List<TrackerRun> runs = List.of(TrackerRun.ours(d, settings), TrackerRun.reference(d, settings));
                for (TrackerRun run : runs) {
                    TrackMetrics.Result m = run.metrics();
                    String counts = describe(truth, run.counts());
                    boolean right = countsMatch(truth, run.counts());
                    System.out.printf(Locale.ROOT, "%-9s %-11s %6d %7d %6.3f %6.3f %5d %5d %5d  %s%s%n", scene.name(),
                            run.tracker(), run.frames().size(), scene.movers().size(), m.mota(), m.idf1(),
                            m.idSwitches(), m.falsePositives(), m.misses(), counts, right ? "" : "  MISMATCH");
                    double us = "dense".equals(scene.name()) ? cost.computeIfAbsent(run.tracker(),
                            k -> costMicros(d, settings, reps, k)) : Double.NaN;
                    csv.add(String.join(",", scene.name(), run.tracker(), String.valueOf(run.frames().size()),
                            String.valueOf(scene.movers().size()), String.valueOf(m.truth()), f3(m.mota()), f3(m.idf1()),
                            String.valueOf(m.idSwitches()), String.valueOf(m.falsePositives()),
                            String.valueOf(m.misses()), String.valueOf(right), "\"" + counts + "\"", f1(us),
                            f1(d.meanInferMs()), "", "", "", "", ""));
                }
                if (job) {
                    TrackingJobRun.Result r = TrackingJobRun.run(pipeline, flink.getMiniCluster(), kills++, scene, out);
                    csv.add(JobRow.print(scene, r, truth, runs.get(0), settings));
                }
                if ("dense".equals(scene.name())) {
                    printCost(d, cost.get("ByteTracker"), cost.get("reference"));
                }
            }
            if (random > 0) {
                csv.addAll(randomScenes(random, crops, detector, settings));
            }
        } finally {
            if (job) {
                try {
                    if (pipeline != null) {
                        pipeline.close();
                    }
                } finally {
                    flink.after();
                }
            }
        }
        Path file = out.resolve("bench-tracking.csv");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : csv) {
                w.write(line + "\n");
            }
        }
        System.out.println("wrote " + file);
        return 0;
    }

    private static void printCost(SceneDetections d, double ours, double ref) {
        double detMs = d.meanInferMs();
        int boxes = 0;
        int n = 0;
        for (var f : d.byFrame()) {
            if (f != null) {
                boxes += f.size();
                n++;
            }
        }
        System.out.printf(Locale.ROOT, "cost on dense (%d objects, %.1f detections a frame): ByteTracker + ZoneCounter "
                        + "%.1f µs/frame, reference + ZoneCounter %.1f µs/frame; nanodet %.1f ms/frame (tiled, %dx%d): "
                        + "tracking is %.3f%% of detection%n", d.scene().movers().size(), boxes / (double) n, ours, ref,
                detMs, d.scene().width(), d.scene().height(), 100 * ours / 1000 / detMs);
    }

    /**
     * {@code n} random scenes ({@link TrackingSequences#random}, seeds 1..n) through both trackers in memory: per
     * tracker the sum of ID switches, the mean MOTA and IDF1 and the scenes whose counts are all right; then each
     * scene where ByteTracker has more ID switches or a lower IDF1 than the reference. Returns CSV rows.
     */
    static List<String> randomScenes(int n, List<Sprite> crops, ModelHandler detector, TrackerSettings settings)
            throws Exception {
        String[] names = {"ByteTracker", "reference"};
        double[] mota = new double[2];
        double[] idf1 = new double[2];
        int[] switches = new int[2];
        int[] right = new int[2];
        List<String> worse = new ArrayList<>();
        for (int seed = 1; seed <= n; seed++) {
            Scene scene = TrackingSequences.random(seed, crops);
            SceneDetections d = SceneDetections.of(scene, detector);
            Map<String, long[]> truth = TruthCounts.of(scene);
            TrackerRun[] runs = {TrackerRun.ours(d, settings), TrackerRun.reference(d, settings)};
            TrackMetrics.Result[] m = {runs[0].metrics(), runs[1].metrics()};
            for (int i = 0; i < 2; i++) {
                mota[i] += m[i].mota();
                idf1[i] += m[i].idf1();
                switches[i] += m[i].idSwitches();
                right[i] += countsMatch(truth, runs[i].counts()) ? 1 : 0;
            }
            if (m[0].idSwitches() > m[1].idSwitches() || m[0].idf1() < m[1].idf1() - 0.0005) {
                worse.add(String.format(Locale.ROOT, "  %s: IDsw %d against %d, IDF1 %.3f against %.3f",
                        scene.name(), m[0].idSwitches(), m[1].idSwitches(), m[0].idf1(), m[1].idf1()));
            }
        }
        List<String> csv = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            System.out.printf(Locale.ROOT, "%-9s %-11s %6s %7s %6.3f %6.3f %5d %5s %5s  counts all right in %d of %d%n",
                    "random×" + n, names[i], "", "", mota[i] / n, idf1[i] / n, switches[i], "", "", right[i], n);
            csv.add(String.join(",", "random" + n, names[i], "", "", "", f3(mota[i] / n), f3(idf1[i] / n),
                    String.valueOf(switches[i]), "", "", String.valueOf(right[i]), "", "", "", "", "", "", "", ""));
        }
        if (!worse.isEmpty()) {
            System.out.println("  random scenes where ByteTracker is behind the reference:");
            worse.forEach(System.out::println);
        }
        return csv;
    }

    /**
     * Mean time per frame of the tracker and the zone counter, replaying the dense detections {@code reps} times
     * on fresh state; the first fifth of the replays warm the JIT up and are not counted.
     */
    static double costMicros(SceneDetections d, TrackerSettings settings, int reps, String tracker) {
        long nanos = 0;
        long frames = 0;
        int warm = Math.max(1, reps / 5);
        for (int r = 0; r < reps + warm; r++) {
            TrackerRun run = tracker.equals("reference") ? TrackerRun.reference(d, settings)
                    : TrackerRun.ours(d, settings);
            if (r >= warm) {
                for (long t : run.stepNanos()) {
                    nanos += t;
                }
                frames += run.stepNanos().length;
            }
        }
        return frames == 0 ? Double.NaN : nanos / 1000.0 / frames;
    }

    /** Every key of the truth and of the counter has the same numbers in both (missing = zero). */
    public static boolean countsMatch(Map<String, long[]> truth, Map<String, long[]> counted) {
        Map<String, long[]> keys = new TreeMap<>(truth);
        counted.forEach(keys::putIfAbsent);
        for (Map.Entry<String, long[]> e : keys.entrySet()) {
            long[] t = truth.getOrDefault(e.getKey(), new long[e.getValue().length]);
            long[] c = counted.getOrDefault(e.getKey(), new long[t.length]);
            if (!java.util.Arrays.equals(t, c)) {
                return false;
            }
        }
        return true;
    }

    /** "gate/person +1 −2 (+1 −2); dock/person in 1 (1)": counted, the truth in brackets. */
    public static String describe(Map<String, long[]> truth, Map<String, long[]> counted) {
        Map<String, long[]> keys = new TreeMap<>(truth);
        counted.forEach(keys::putIfAbsent);
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, long[]> e : keys.entrySet()) {
            long[] t = truth.getOrDefault(e.getKey(), new long[e.getValue().length]);
            long[] c = counted.getOrDefault(e.getKey(), new long[t.length]);
            parts.add(t.length == 2
                    ? String.format(Locale.ROOT, "%s +%d -%d (+%d -%d)", e.getKey(), c[0], c[1], t[0], t[1])
                    : String.format(Locale.ROOT, "%s in %d (%d)", e.getKey(), c[0], t[0]));
        }
        return String.join("; ", parts);
    }

    static String f3(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }
}
