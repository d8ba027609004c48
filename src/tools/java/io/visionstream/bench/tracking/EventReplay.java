package io.visionstream.bench.tracking;

import io.visionstream.result.Detection;
import io.visionstream.track.ByteTracker;
import io.visionstream.track.TrackerSettings;
import io.visionstream.track.TrackerState;
import io.visionstream.zones.Anchor;
import io.visionstream.zones.StreamZones;
import io.visionstream.zones.TrackedBox;
import io.visionstream.zones.ZoneCounter;
import io.visionstream.zones.ZoneEvent;
import io.visionstream.zones.ZoneState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The in-memory tracker and zone counter over given detections, frame by frame, writing down every event as
 * {@link #line} does: what the job's stream step (io.visionstream.streams.StreamSteps) should have published for
 * those detections. A frame without detections (null: rejected) is a skipped frame, as in the job.
 */
final class EventReplay {
    private EventReplay() {
    }

    /** {@code byFrame}: frame number -> detections, in frame order; null value: the frame was rejected. */
    static List<String> events(Map<Long, List<Detection>> byFrame, StreamZones zones, TrackerSettings settings) {
        ByteTracker tracker = new ByteTracker(settings);
        TrackerState state = new TrackerState();
        ZoneCounter counter = new ZoneCounter(Anchor.CENTER, TrackerRun.HYSTERESIS_PX);
        ZoneState z = new ZoneState();
        List<String> out = new ArrayList<>();
        for (Map.Entry<Long, List<Detection>> e : byFrame.entrySet()) {
            List<Detection> dets = e.getValue();
            ByteTracker.Step s = dets == null ? tracker.skip(state) : tracker.update(state, dets);
            List<TrackedBox> boxes = dets == null ? List.of() : TrackedBox.confirmed(dets, s.ids());
            for (ZoneEvent ev : counter.step(z, zones, boxes, s.removed())) {
                out.add(ev.type() == ZoneEvent.Type.CROSS
                        ? line(e.getKey(), ev.track(), "cross", ev.zone(), ev.label(), ev.direction(), ev.plus(), ev.minus(), 0)
                        : line(e.getKey(), ev.track(), ev.type().wireName(), ev.zone(), ev.label(), "-", ev.plus(),
                        ev.minus(), ev.occupancy()));
            }
        }
        return out;
    }

    /** One event, as both the replay and the events topic are written down: everything but the capture time. */
    static String line(long frame, int track, String type, String zone, String label, String direction, long a,
                       long b, long occupancy) {
        return frame + " #" + track + " " + type + " " + zone + "/" + label + " " + direction + " " + a + "/" + b
                + "/" + occupancy;
    }
}
