package io.visionstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.cli.Outputs;
import io.visionstream.fuzz.JobTaps;
import io.visionstream.job.JobConfig;
import io.visionstream.streams.MovingObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracks, counts and events across a TaskManager failure. Two cameras each see three passes of two people
 * walking across a counting line in opposite directions (paths crossing mid-frame), every 13th frame corrupt.
 * The same frames go once through an uninterrupted job and once through a job whose TaskManager is killed
 * mid-sequence, and once through a job stopped with a savepoint at parallelism 1 and restored at 2: a
 * read_committed consumer must see the same events, event for event, and the same track ids on every detection;
 * every count must equal the truth (one "+" and one "-" per pass).
 */
class TrackingRecoveryTest {
    private static final int PASSES = 3;
    private static final int FRAMES_PER_PASS = 30;
    private static final List<String> STREAMS = List.of("cam-a", "cam-b");
    private static final String ZONES = """
            anchor: center
            streams:
              "*":
                lines:
                  - name: middle
                    points: [[320, 0], [320, 360]]
                    labels: [person]
                zones:
                  - name: right
                    points: [[420, 0], [640, 0], [640, 360], [420, 360]]
                    labels: [person]
            """;

    @RegisterExtension
    static final PipelineFixture PIPELINE = new PipelineFixture();

    @TempDir
    Path dir;

    @Test
    void eventsAfterATaskManagerKillEqualAnUninterruptedRun(@InjectMiniCluster MiniCluster cluster) throws Exception {
        Path zones = dir.resolve("zones.yaml");
        Files.writeString(zones, ZONES);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < PASSES * FRAMES_PER_PASS; i++) {
            frames.add(i % 13 == 12 ? new byte[0] : MovingObjects.frame(i % FRAMES_PER_PASS, FRAMES_PER_PASS, true));
        }
        int total = frames.size() * STREAMS.size();

        Run plain = run(zones, frames, total, Interruption.NONE, cluster);
        PIPELINE.endRun();
        Run killed = run(zones, frames, total, Interruption.KILL, cluster);
        int restarts = JobTaps.restarts();
        PIPELINE.endRun();
        Run rescaled = run(zones, frames, total, Interruption.RESCALE, cluster);
        System.out.printf("tracking recovery: %d frames, events per stream %s uninterrupted, after the kill %s "
                        + "(restarts %d), after the rescale %s%n", total, counts(plain), counts(killed), restarts,
                counts(rescaled));
        plain.events.forEach((s, e) -> System.out.println("  " + s + ": " + e.size() + " events, last " + e.get(e.size() - 1)));

        assertTrue(restarts >= 1, "the kill restarted the job");
        assertEquals(plain.events, killed.events, "after the kill: the same events, in the same order, per stream");
        assertEquals(plain.tracks, killed.tracks, "after the kill: the same track ids on every detection");
        assertEquals(plain.events, rescaled.events, "after the rescale: the same events, in the same order");
        assertEquals(plain.tracks, rescaled.tracks, "after the rescale: the same track ids on every detection");
        for (String stream : STREAMS) {
            List<String> crossings = plain.events.get(stream).stream().filter(e -> e.contains("cross")).toList();
            assertEquals(2 * PASSES, crossings.size(), stream + ": one crossing per person and pass: " + crossings);
            JsonNode last = plain.lastCross.get(stream);
            assertEquals(PASSES, last.get("counts").get("+").asInt(), stream + " crossings +");
            assertEquals(PASSES, last.get("counts").get("-").asInt(), stream + " crossings -");
            assertFalse(plain.tracks.get(stream).isEmpty());
        }
    }

    /** What happens mid-sequence: nothing, the TaskManager killed, or stop-with-savepoint at 1 and restore at 2. */
    private enum Interruption { NONE, KILL, RESCALE }

    private static Map<String, Integer> counts(Run r) {
        Map<String, Integer> out = new TreeMap<>();
        r.events.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    private record Run(Map<String, List<String>> events, Map<String, List<String>> tracks,
                       Map<String, JsonNode> lastCross) { }

    private Run run(Path zones, List<byte[]> frames, int total, Interruption interruption, MiniCluster cluster)
            throws Exception {
        JobConfig config = PIPELINE.config(c -> c
                .set("checkpoint.interval-ms", 300)
                .set("models.enabled", "nanodet-coco")
                .set("overlay.enabled", false)
                .set("zones.file", zones.toString())
                .set("parallelism", interruption == Interruption.RESCALE ? 1 : 2));
        PIPELINE.start(config, JobTaps.countRestarts());
        int half = frames.size() / 2;
        publish(0, half, frames);
        if (interruption != Interruption.NONE) {
            assertTrue(PIPELINE.awaitAnswers(total / 4, Duration.ofMinutes(2)), "first answers committed");
        }
        if (interruption == Interruption.KILL) {
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
        } else if (interruption == Interruption.RESCALE) {
            String savepoint = PIPELINE.stopWithSavepoint(dir.resolve("savepoints"));
            JobConfig wider = PIPELINE.config(c -> c
                    .set("checkpoint.interval-ms", 300)
                    .set("models.enabled", "nanodet-coco")
                    .set("overlay.enabled", false)
                    .set("zones.file", zones.toString())
                    .set("parallelism", 2));
            PIPELINE.start(wider, JobTaps.countRestarts(), savepoint);
        }
        publish(half, frames.size(), frames);
        assertTrue(PIPELINE.awaitAnswers(total, Duration.ofMinutes(4)), "every frame answered");
        PIPELINE.linger(Duration.ofSeconds(3));

        Map<String, List<String>> events = new TreeMap<>();
        Map<String, JsonNode> lastCross = new TreeMap<>();
        for (Outputs.Out o : PIPELINE.events()) {
            JsonNode e = o.json();
            String stream = e.get("stream").asText();
            // the capture time is when this run published the frame; everything else must be the same
            events.computeIfAbsent(stream, s -> new ArrayList<>())
                    .add(((com.fasterxml.jackson.databind.node.ObjectNode) e.deepCopy()).without("timestamp").toString());
            if (e.get("type").asText().equals("cross")) {
                lastCross.put(stream, e);
            }
        }
        Map<String, List<String>> tracks = new TreeMap<>();
        for (Outputs.Out o : PIPELINE.results()) {
            JsonNode r = o.json();
            List<String> ids = new ArrayList<>();
            r.get("detections").forEach(d -> ids.add(d.get("track").isNull() ? "-" : d.get("track").asText()));
            tracks.computeIfAbsent(r.get("stream").asText(), s -> new ArrayList<>())
                    .add(r.get("frame").asLong() + ":" + ids);
        }
        tracks.values().forEach(l -> l.sort(null));
        return new Run(events, tracks, lastCross);
    }

    /** Frames first..last-1 of every stream, each stream's in order. */
    private static void publish(int first, int last, List<byte[]> frames) throws Exception {
        for (int i = first; i < last; i++) {
            for (String stream : STREAMS) {
                PIPELINE.publisher().publish(stream, frames.get(i), null, i, null);
            }
        }
    }
}
