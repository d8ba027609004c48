package io.visionstream.bench.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.bench.BenchImages;
import io.visionstream.cli.Outputs;
import io.visionstream.fuzz.JobTaps;
import io.visionstream.it.Pipeline;
import io.visionstream.job.JobConfig;
import io.visionstream.result.Detection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * One scene through the whole job with a TaskManager killed mid-sequence, as TrackingRecoveryTest does it: the
 * scene's frames as a camera sends them (JPEG, key = stream id, header frame = frame number; dropped frames never
 * sent, corrupt ones sent empty), the first half, then, once a quarter of the frames is answered and committed,
 * the TaskManager terminated and a new one started, then the second half. Everything is read back
 * {@code read_committed} from the run's own topics ({@link Pipeline}, from the test sources).
 */
public final class TrackingJobRun {
    /** JPEG quality of the frames sent: a camera's bytes, close enough to the rendered pixels for the detector. */
    public static final float CAMERA_QUALITY = 0.95f;

    /** The one stream the scene is played on. */
    static final String STREAM = "bench-cam";

    /**
     * {@code events}: as {@link EventReplay#line} writes them, in the events topic's order; {@code counts}: the
     * last event's running counts per "shape/label" (lines [+, −], zones [entries]); {@code detections}: frame ->
     * the result's detections (null: rejected); {@code tracks}: frame -> the result's track id per detection (0:
     * none); {@code sent}, {@code answeredOnce}: frames published, and whether each got exactly one answer.
     */
    record Result(int restarts, int sent, boolean answeredOnce, List<String> events, Map<String, long[]> counts,
                  Map<Long, List<Detection>> detections, Map<Long, int[]> tracks, String zonesYaml) {
        /** MOTA, IDF1 of the job's track ids, over the frames that got a result (as TrackerRun evaluates). */
        TrackMetrics.Result metrics(Scene scene) {
            List<TrackMetrics.Frame> out = new ArrayList<>();
            detections.forEach((f, dets) -> {
                if (dets != null) {
                    List<Hypothesis> h = new ArrayList<>();
                    int[] ids = tracks.get(f);
                    for (int i = 0; i < dets.size(); i++) {
                        Detection d = dets.get(i);
                        if (ids[i] > 0) {
                            h.add(new Hypothesis(ids[i], d.label(), new Box(d.x1(), d.y1(), d.x2(), d.y2())));
                        }
                    }
                    out.add(new TrackMetrics.Frame(scene.truth(f.intValue()), h));
                }
            });
            return TrackMetrics.of(out);
        }
    }

    private TrackingJobRun() {
    }

    /** {@code killIndex}: the TaskManager to terminate (MiniCluster keeps terminated ones in its list). */
    static Result run(Pipeline pipeline, MiniCluster cluster, int killIndex, Scene scene, Path dir) throws Exception {
        String yaml = SceneZonesYaml.of(scene);
        Path zones = dir.resolve("zones-" + scene.name() + ".yaml");
        Files.writeString(zones, yaml);
        List<Integer> frames = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (int f = 0; f < scene.frames(); f++) {
            if (!scene.dropped(f)) {
                frames.add(f);
                bytes.add(scene.corrupt(f) ? new byte[0] : BenchImages.jpeg(scene.render(f), CAMERA_QUALITY));
            }
        }
        // the test's settings: short checkpoints so that a kill mid-sequence has committed work behind it
        JobConfig config = pipeline.config(c -> c
                .set("checkpoint.interval-ms", 300)
                .set("models.enabled", "nanodet-coco")
                .set("model.default", "nanodet-coco")
                .set("overlay.enabled", false)
                .set("zones.file", zones.toString()));
        try {
            pipeline.start(config, JobTaps.countRestarts());
            int half = frames.size() / 2;
            publish(pipeline, frames, bytes, 0, half);
            if (!pipeline.awaitAnswers(Math.max(1, half / 2), Duration.ofMinutes(3))) {
                throw new IllegalStateException(scene.name() + ": no committed answers before the kill");
            }
            cluster.terminateTaskManager(killIndex).get();
            cluster.startTaskManager();
            publish(pipeline, frames, bytes, half, frames.size());
            if (!pipeline.awaitAnswers(frames.size(), Duration.ofMinutes(5))) {
                throw new IllegalStateException(scene.name() + ": not every frame answered after the kill");
            }
            // several checkpoints more: a duplicate answer or event would show up
            pipeline.linger(Duration.ofSeconds(3));
            return read(pipeline, frames.size(), yaml);
        } finally {
            pipeline.endRun();
        }
    }

    private static void publish(Pipeline p, List<Integer> frames, List<byte[]> bytes, int from, int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            p.publisher().publish(STREAM, bytes.get(i), null, frames.get(i), null);
        }
    }

    private static Result read(Pipeline pipeline, int sent, String yaml) {
        Map<Long, List<Detection>> detections = new TreeMap<>();
        Map<Long, int[]> tracks = new TreeMap<>();
        Map<Long, Integer> answers = new TreeMap<>();
        for (Outputs.Out o : pipeline.results()) {
            JsonNode r = o.json();
            long frame = r.get("frame").asLong();
            answers.merge(frame, 1, Integer::sum);
            List<Detection> dets = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (JsonNode d : r.path("detections")) {
                JsonNode b = d.get("box");
                dets.add(new Detection(d.get("classId").asInt(), d.get("label").asText(), (float) d.get("score").asDouble(),
                        (float) b.get(0).asDouble(), (float) b.get(1).asDouble(), (float) b.get(2).asDouble(),
                        (float) b.get(3).asDouble()));
                ids.add(d.path("track").asInt(0));
            }
            detections.put(frame, dets);
            tracks.put(frame, ids.stream().mapToInt(Integer::intValue).toArray());
        }
        for (Outputs.Out o : pipeline.rejects()) {
            long frame = o.json().get("frame").asLong();
            answers.merge(frame, 1, Integer::sum);
            detections.putIfAbsent(frame, null);
        }
        List<String> events = new ArrayList<>();
        Map<String, long[]> counts = new TreeMap<>();
        for (Outputs.Out o : pipeline.events()) {
            JsonNode e = o.json();
            JsonNode c = e.get("counts");
            String type = e.get("type").asText();
            String key = e.get("zone").asText() + "/" + e.get("label").asText();
            boolean cross = type.equals("cross");
            events.add(EventReplay.line(e.get("frame").asLong(), e.get("track").asInt(), type, e.get("zone").asText(),
                    e.get("label").asText(), cross ? e.get("direction").asText() : "-",
                    cross ? c.get("+").asLong() : c.get("enter").asLong(),
                    cross ? c.get("-").asLong() : c.get("exit").asLong(), cross ? 0 : c.get("occupancy").asLong()));
            // the counts of the latest event per shape and label are that shape's running totals
            counts.put(key, cross ? new long[] {c.get("+").asLong(), c.get("-").asLong()}
                    : new long[] {c.get("enter").asLong()});
        }
        boolean once = answers.size() == sent && answers.values().stream().allMatch(n -> n == 1);
        return new Result(JobTaps.restarts(), sent, once, events, counts, detections, tracks, yaml);
    }
}
