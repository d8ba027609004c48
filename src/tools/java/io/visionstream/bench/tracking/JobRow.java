package io.visionstream.bench.tracking;

import io.visionstream.track.TrackerSettings;
import io.visionstream.zones.StreamZones;
import io.visionstream.zones.ZonesFile;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The "job+kill" row of one sequence: the job's tracking quality and counts beside the in-memory trackers', and the
 * checks that make the row a recovery check: restarts seen, every frame answered once, the job's counts equal to
 * ByteTracker's in memory, and its events equal to the in-memory tracker and zone counter on the same detections.
 * The job's detections come from JPEG bytes, the in-memory run's from the rendered pixels, so only the replay on
 * the job's own detections (read back from the detections topic, boxes rounded to 0.1 px there) can be equal
 * event for event; the counts are compared with both.
 */
final class JobRow {
    private JobRow() {
    }

    /** Prints the row and returns its CSV line (the header's columns). */
    static String print(Scene scene, TrackingJobRun.Result r, Map<String, long[]> truth, TrackerRun inMemory,
                        TrackerSettings settings) throws Exception {
        TrackMetrics.Result m = r.metrics(scene);
        // the zones the job parsed from the file it was given, so the replay counts on exactly its shapes
        StreamZones zones = ZonesFile.parse(r.zonesYaml()).forStream(TrackingJobRun.STREAM);
        List<String> replay = EventReplay.events(r.detections(), zones, settings);
        boolean eventsEqual = Objects.equals(replay, r.events());
        boolean right = TrackingBench.countsMatch(truth, r.counts());
        boolean sameCounts = TrackingBench.countsMatch(inMemory.counts(), r.counts());
        String counts = TrackingBench.describe(truth, r.counts());
        long frames = r.detections().values().stream().filter(Objects::nonNull).count();
        System.out.printf(Locale.ROOT, "%-9s %-11s %6d %7d %6.3f %6.3f %5d %5d %5d  %s%s%n", scene.name(), "job+kill",
                frames, scene.movers().size(), m.mota(), m.idf1(), m.idSwitches(), m.falsePositives(), m.misses(),
                counts, right ? "" : "  MISMATCH");
        System.out.printf(Locale.ROOT, "%-21s restarts %d, %d frames sent, each answered once: %s; counts = %s in "
                        + "memory: %s; events = in-memory (%d job, %d replayed): %s%n", "", r.restarts(), r.sent(),
                yes(r.answeredOnce()), inMemory.tracker(), yes(sameCounts), r.events().size(), replay.size(),
                yes(eventsEqual));
        if (!eventsEqual) {
            System.out.println("    job:      " + r.events());
            System.out.println("    replayed: " + replay);
        }
        return String.join(",", scene.name(), "job+kill", String.valueOf(frames), String.valueOf(scene.movers().size()),
                String.valueOf(m.truth()), TrackingBench.f3(m.mota()), TrackingBench.f3(m.idf1()),
                String.valueOf(m.idSwitches()), String.valueOf(m.falsePositives()), String.valueOf(m.misses()),
                String.valueOf(right), "\"" + counts + "\"", "", "", String.valueOf(r.restarts()),
                String.valueOf(r.answeredOnce()), String.valueOf(sameCounts), String.valueOf(eventsEqual),
                String.valueOf(r.events().size()));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "NO";
    }
}
