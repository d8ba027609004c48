package io.visionstream.bench.tracking;

import io.visionstream.result.Detection;
import io.visionstream.track.ByteTracker;
import io.visionstream.track.TrackerSettings;
import io.visionstream.track.TrackerState;
import io.visionstream.zones.Anchor;
import io.visionstream.zones.TrackedBox;
import io.visionstream.zones.ZoneCounter;
import io.visionstream.zones.ZoneState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tracker over one scene's detections, with a zone counter fed from its confirmed, matched tracks (each
 * track's box: the detection it took). Dropped frames never reach the tracker; corrupt ones are skipped frames.
 * {@code frames}: the evaluated frames (those with an image); {@code counts}: as {@link TruthCounts} keys them;
 * {@code stepNanos}: per frame that reached the tracker, the time of the tracker and the zone counter together.
 */
public record TrackerRun(String tracker, List<TrackMetrics.Frame> frames, Map<String, long[]> counts,
                         long[] stepNanos) {
    public static final double HYSTERESIS_PX = 4.0;

    public static TrackerRun ours(SceneDetections d, TrackerSettings settings) {
        ByteTracker tracker = new ByteTracker(settings);
        TrackerState state = new TrackerState();
        ZoneCounter counter = new ZoneCounter(Anchor.CENTER, HYSTERESIS_PX);
        ZoneState zones = new ZoneState();
        Scene scene = d.scene();
        List<TrackMetrics.Frame> frames = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        for (int f = 0; f < scene.frames(); f++) {
            if (scene.dropped(f)) {
                continue;
            }
            List<Detection> dets = d.byFrame().get(f);
            long t0 = System.nanoTime();
            ByteTracker.Step s = dets == null ? tracker.skip(state) : tracker.update(state, dets);
            List<TrackedBox> boxes = dets == null ? List.of() : TrackedBox.confirmed(dets, s.ids());
            counter.step(zones, scene.zones(), boxes, s.removed());
            nanos.add(System.nanoTime() - t0);
            if (dets != null) {
                frames.add(new TrackMetrics.Frame(scene.truth(f), hypotheses(boxes)));
            }
        }
        return new TrackerRun("ByteTracker", frames, counts(zones), nanos.stream().mapToLong(Long::longValue).toArray());
    }

    /** The reference at {@code settings}' thresholds: track_thresh, det_thresh, match_thresh, track_buffer. */
    public static TrackerRun reference(SceneDetections d, TrackerSettings settings) {
        return reference(d, settings, false);
    }

    /** {@code sameLabel}: the reference matching only boxes of the same label (diagnostics, TrackingDiag). */
    static TrackerRun reference(SceneDetections d, TrackerSettings settings, boolean sameLabel) {
        ReferenceByteTrack tracker = new ReferenceByteTrack(settings.highScore(), settings.newTrackScore(),
                1 - settings.firstIou(), settings.maxLost());
        tracker.sameLabel = sameLabel;
        ZoneCounter counter = new ZoneCounter(Anchor.CENTER, HYSTERESIS_PX);
        ZoneState zones = new ZoneState();
        Scene scene = d.scene();
        List<TrackMetrics.Frame> frames = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        for (int f = 0; f < scene.frames(); f++) {
            if (scene.dropped(f)) {
                continue;
            }
            List<Detection> dets = d.byFrame().get(f);
            long t0 = System.nanoTime();
            ReferenceByteTrack.Step s = tracker.update(dets == null ? List.of() : dets);
            List<TrackedBox> boxes = new ArrayList<>();
            for (ReferenceByteTrack.Output o : s.outputs()) {
                Detection x = o.detection();
                boxes.add(new TrackedBox(o.id(), x.label(), x.x1(), x.y1(), x.x2(), x.y2()));
            }
            counter.step(zones, scene.zones(), boxes, s.removed());
            nanos.add(System.nanoTime() - t0);
            if (dets != null) {
                frames.add(new TrackMetrics.Frame(scene.truth(f), hypotheses(boxes)));
            }
        }
        return new TrackerRun(sameLabel ? "ref-label" : "reference", frames, counts(zones), nanos.stream().mapToLong(Long::longValue).toArray());
    }

    public TrackMetrics.Result metrics() {
        return TrackMetrics.of(frames);
    }

    private static List<Hypothesis> hypotheses(List<TrackedBox> boxes) {
        List<Hypothesis> out = new ArrayList<>();
        for (TrackedBox b : boxes) {
            out.add(new Hypothesis(b.track(), b.label(), new Box(b.x1(), b.y1(), b.x2(), b.y2())));
        }
        return out;
    }

    /** ZoneState's "name\0label" keys as "name/label": lines [+, −], zones [entries]. */
    private static Map<String, long[]> counts(ZoneState z) {
        Map<String, long[]> out = new TreeMap<>();
        z.lines.forEach((k, v) -> out.put(k.replace('\u0000', '/'), v.clone()));
        z.zones.forEach((k, v) -> out.put(k.replace('\u0000', '/'), new long[] {v[0]}));
        return out;
    }
}
