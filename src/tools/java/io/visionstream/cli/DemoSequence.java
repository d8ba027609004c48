package io.visionstream.cli;

import io.visionstream.bench.BenchImages;
import io.visionstream.bench.tracking.ObjectCrops;
import io.visionstream.bench.tracking.Scene;
import io.visionstream.bench.tracking.SceneDetections;
import io.visionstream.bench.tracking.SceneZonesYaml;
import io.visionstream.bench.tracking.TrackingBench;
import io.visionstream.bench.tracking.TrackingJobRun;
import io.visionstream.bench.tracking.TrackingSequences;
import io.visionstream.bench.tracking.TruthCounts;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's camera: bench tracking's "belt" sequence (three people from the sample photos walking across a gate
 * line, both ways, one through a zone; a dropped and a corrupt frame), as stream {@link #STREAM} with its lines and
 * zones, and its counts from the events topic set against the truth the sequence was drawn from.
 */
final class DemoSequence {
    static final String STREAM = "demo-belt";

    private final Scene scene;
    private final List<Integer> frames = new ArrayList<>();
    private final List<byte[]> bytes = new ArrayList<>();

    private DemoSequence(Scene scene) throws java.io.IOException {
        this.scene = scene;
        for (int f = 0; f < scene.frames(); f++) {
            if (!scene.dropped(f)) {
                frames.add(f);
                bytes.add(scene.corrupt(f) ? new byte[0] : BenchImages.jpeg(scene.render(f), TrackingJobRun.CAMERA_QUALITY));
            }
        }
    }

    /** The sequence, its objects cut from the sample photos where nanodet-coco finds them. */
    static DemoSequence belt(ModelRegistry registry) throws Exception {
        try (ModelHandler detector = SceneDetections.openDetector(registry.get("nanodet-coco"))) {
            return new DemoSequence(TrackingSequences.named("belt", ObjectCrops.find(detector)));
        }
    }

    /** Its lines and zones as a zones file, for this stream only (the sample images get none). */
    String zonesYaml() {
        return SceneZonesYaml.of(scene).replace("  \"*\":", "  " + STREAM + ":");
    }

    /** Publishes every frame not dropped (a corrupt one as empty bytes); returns how many. */
    int publish(ImagePublisher publisher, String model) throws Exception {
        for (int i = 0; i < frames.size(); i++) {
            publisher.publish(STREAM, bytes.get(i), model, frames.get(i), null);
        }
        return frames.size();
    }

    /** Counted against true, per "shape/label": lines from the last event's counts, zones by their entries. */
    String describe(List<Outputs.Out> events) {
        Map<String, long[]> counted = new TreeMap<>();
        for (Outputs.Out o : events) {
            var e = o.json();
            if (!STREAM.equals(e.get("stream").asText())) {
                continue;
            }
            String key = e.get("zone").asText() + "/" + e.get("label").asText();
            switch (e.get("type").asText()) {
                case "cross" -> counted.put(key, new long[] {e.get("counts").get("+").asLong(),
                        e.get("counts").get("-").asLong()});
                case "enter" -> counted.computeIfAbsent(key, k -> new long[1])[0]++;
                default -> { }
            }
        }
        Map<String, long[]> truth = TruthCounts.of(scene);
        return STREAM + " (" + frames.size() + " frames): " + TrackingBench.describe(truth, counted) + " — "
                + (TrackingBench.countsMatch(truth, counted) ? "every count equals the truth" : "COUNTS DIFFER from the truth");
    }
}
