package io.visionstream.bench.tracking;

import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelRegistry;
import io.visionstream.result.Detection;
import io.visionstream.track.ByteTracker;
import io.visionstream.track.TrackerSettings;
import io.visionstream.track.TrackerState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A diagnostic, not part of the bench: runs ByteTracker and the reference on the same detections of one sequence
 * and prints, frame by frame, where their outputs diverge (a detection given an id by one and not the other, or an
 * id pairing between the two that breaks). Detections are cached under /tmp/vs-dets/NAME.tsv so reruns skip the
 * detector. Usage: java ... io.visionstream.bench.tracking.TrackingDiag SEQ [SEQ...] [--all]
 */
public final class TrackingDiag {
    private TrackingDiag() {
    }

    public static void main(String[] args) throws Exception {
        boolean all = List.of(args).contains("--all");
        boolean sameLabel = List.of(args).contains("--same-label");
        for (String a : args) {
            if (a.startsWith("--dets=")) {
                dir = a.substring(7);
            }
            if (a.startsWith("--near=")) {
                String[] p = a.substring(7).split(",");
                near = new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2])};
            }
        }
        ModelRegistry registry = ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION);
        try (ModelHandler detector = SceneDetections.openDetector(registry.get("nanodet-coco"))) {
            List<Sprite> crops = ObjectCrops.find(detector);
            for (String name : args) {
                if (name.startsWith("--")) {
                    continue;
                }
                Scene scene = TrackingSequences.named(name, crops);
                SceneDetections d = cached(scene, detector);
                TrackerSettings settings = TrackerSettings.defaults();
                for (TrackerRun run : List.of(TrackerRun.ours(d, settings), TrackerRun.reference(d, settings),
                        TrackerRun.reference(d, settings, true))) {
                    TrackMetrics.Result m = run.metrics();
                    System.out.printf(Locale.ROOT, "%s %-11s IDF1 %.3f IDsw %d FP %d FN %d counts %s%n", name,
                            run.tracker(), m.idf1(), m.idSwitches(), m.falsePositives(), m.misses(),
                            TrackingBench.describe(TruthCounts.of(scene), run.counts()));
                }
                if (List.of(args).contains("--switches")) {
                    switches("ours", TrackerRun.ours(d, settings));
                    switches("ref", TrackerRun.reference(d, settings, sameLabel));
                }
                diff(d, settings, all, sameLabel);
            }
        }
    }

    static SceneDetections cached(Scene scene, ModelHandler detector) throws Exception {
        Path file = Path.of(dir, scene.name() + ".tsv");
        if (!Files.exists(file)) {
            SceneDetections d = SceneDetections.of(scene, detector);
            StringBuilder sb = new StringBuilder();
            for (int f = 0; f < d.byFrame().size(); f++) {
                List<Detection> l = d.byFrame().get(f);
                if (l == null) {
                    sb.append(f).append("\tnull\n");
                    continue;
                }
                sb.append(f).append("\tframe\n");
                for (Detection x : l) {
                    sb.append(f).append('\t').append(x.classId()).append('\t').append(x.label()).append('\t')
                            .append(Float.floatToRawIntBits(x.score())).append('\t')
                            .append(Float.floatToRawIntBits(x.x1())).append('\t')
                            .append(Float.floatToRawIntBits(x.y1())).append('\t')
                            .append(Float.floatToRawIntBits(x.x2())).append('\t')
                            .append(Float.floatToRawIntBits(x.y2())).append('\n');
                }
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
            return d;
        }
        return read(scene, file);
    }

    static SceneDetections read(Scene scene, Path file) throws IOException {
        List<List<Detection>> out = new ArrayList<>();
        for (int f = 0; f < scene.frames(); f++) {
            out.add(null);
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] p = line.split("\t");
            int f = Integer.parseInt(p[0]);
            if (p[1].equals("null")) {
                continue;
            }
            if (p[1].equals("frame")) {
                out.set(f, new ArrayList<>());
                continue;
            }
            out.get(f).add(new Detection(Integer.parseInt(p[1]), p[2], Float.intBitsToFloat(Integer.parseInt(p[3])),
                    Float.intBitsToFloat(Integer.parseInt(p[4])), Float.intBitsToFloat(Integer.parseInt(p[5])),
                    Float.intBitsToFloat(Integer.parseInt(p[6])), Float.intBitsToFloat(Integer.parseInt(p[7]))));
        }
        return new SceneDetections(scene, out, new double[] {1});
    }

    /** Frame by frame: each detection's id from ours and from the reference; prints where they stop agreeing. */
    /** Approximately TrackMetrics' switches: per truth object, the track it matches best (IoU ≥ 0.5) as it changes. */
    static void switches(String who, TrackerRun run) {
        Map<Integer, Hypothesis> last = new HashMap<>();
        int f = 0;
        for (TrackMetrics.Frame fr : run.frames()) {
            TrackMetrics.Frame x = TrackMetrics.withoutIgnored(fr);
            for (TruthBox t : x.truth()) {
                Hypothesis best = null;
                double bi = 0.5;
                Hypothesis prev = last.get(t.id());
                for (Hypothesis h : x.hypotheses()) {
                    double iou = t.box().iou(h.box());
                    if (prev != null && h.id() == prev.id() && iou >= 0.5) {
                        best = h;
                        break;
                    }
                    if (iou >= bi) {
                        bi = iou;
                        best = h;
                    }
                }
                if (best != null) {
                    if (prev != null && prev.id() != best.id()) {
                        System.out.printf(Locale.ROOT, "%s switch eval-frame %d truth %d: %d %s -> %d %s [%.0f %.0f %.0f %.0f]%n",
                                who, f, t.id(), prev.id(), prev.label(), best.id(), best.label(), best.box().x1(),
                                best.box().y1(), best.box().x2(), best.box().y2());
                    }
                    last.put(t.id(), best);
                }
            }
            f++;
        }
    }

    static double[] near;
    static String dir = "/tmp/vs-dets";

    static boolean close(double[] p, double x1, double y1, double x2, double y2) {
        return Math.abs((x1 + x2) / 2 - p[0]) < p[2] && Math.abs((y1 + y2) / 2 - p[1]) < p[2];
    }

    static void diff(SceneDetections d, TrackerSettings settings, boolean all, boolean sameLabel) {
        ByteTracker ours = new ByteTracker(settings);
        TrackerState state = new TrackerState();
        ReferenceByteTrack ref = new ReferenceByteTrack(settings.highScore(), settings.newTrackScore(),
                1 - settings.firstIou(), settings.maxLost());
        ref.sameLabel = sameLabel;
        Map<Integer, Integer> oursToRef = new HashMap<>();
        Map<Integer, Integer> refToOurs = new HashMap<>();
        int reported = 0;
        Scene scene = d.scene();
        for (int f = 0; f < scene.frames(); f++) {
            if (scene.dropped(f)) {
                continue;
            }
            List<Detection> dets = d.byFrame().get(f);
            ByteTracker.Step s = dets == null ? ours.skip(state) : ours.update(state, dets);
            ReferenceByteTrack.Step r = ref.update(dets == null ? List.of() : dets);
            if (dets == null) {
                continue;
            }
            Map<Detection, Integer> refIds = new IdentityHashMap<>();
            for (ReferenceByteTrack.Output o : r.outputs()) {
                refIds.put(o.detection(), o.id());
            }
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < dets.size(); i++) {
                Detection x = dets.get(i);
                int a = s.ids()[i];
                int b = refIds.getOrDefault(x, 0);
                String what = null;
                if (a == 0 && b != 0) {
                    what = "ref only";
                } else if (a != 0 && b == 0) {
                    what = "ours only";
                } else if (a != 0) {
                    Integer pa = oursToRef.get(a);
                    Integer pb = refToOurs.get(b);
                    if (pa == null && pb == null) {
                        oursToRef.put(a, b);
                        refToOurs.put(b, a);
                    } else if (pa == null || pb == null || pa != b || pb != a) {
                        what = "pairing broke (ours " + a + "->ref " + pa + ", ref " + b + "->ours " + pb + ")";
                        oursToRef.put(a, b);
                        refToOurs.put(b, a);
                    }
                }
                if (what != null) {
                    notes.add(String.format(Locale.ROOT, "  det %d %s %.3f [%.1f %.1f %.1f %.1f] ours %d ref %d: %s",
                            i, x.label(), x.score(), x.x1(), x.y1(), x.x2(), x.y2(), a, b, what));
                }
            }
            if (near != null) {
                System.out.println("-- frame " + f + " (tracker frame " + state.frames + ")");
                for (int i = 0; i < dets.size(); i++) {
                    Detection x = dets.get(i);
                    if (close(near, x.x1(), x.y1(), x.x2(), x.y2())) {
                        System.out.printf(Locale.ROOT, "   det %d %s %.3f [%.1f %.1f %.1f %.1f] ours %d ref %d%n", i,
                                x.label(), x.score(), x.x1(), x.y1(), x.x2(), x.y2(), s.ids()[i],
                                refIds.getOrDefault(x, 0));
                    }
                }
                for (var t : state.tracks) {
                    float[] b = t.box();
                    if (close(near, b[0], b[1], b[2], b[3])) {
                        System.out.printf(Locale.ROOT, "   ours key %d id %d %s hits %d lost %d [%.1f %.1f %.1f %.1f]%n",
                                t.key, t.id, t.label, t.hits, t.lost, b[0], b[1], b[2], b[3]);
                    }
                }
                for (var l : List.of(ref.tracked, ref.lost)) {
                    for (var t : l) {
                        double[] b = t.tlbr();
                        if (close(near, b[0], b[1], b[2], b[3])) {
                            System.out.printf(Locale.ROOT, "   ref id %d %s act %b state %d start %d last %d [%.1f %.1f %.1f %.1f]%n",
                                    t.trackId, t.det.label(), t.activated, t.state, t.startFrame, t.frameId, b[0], b[1],
                                    b[2], b[3]);
                        }
                    }
                }
            }
            if (!notes.isEmpty() && (all || reported < 8)) {
                reported++;
                System.out.println("frame " + f + " (tracker frame " + state.frames + ")");
                notes.forEach(System.out::println);
            }
        }
    }
}
