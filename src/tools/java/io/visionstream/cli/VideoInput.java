package io.visionstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.ingest.CameraConfig;
import io.visionstream.ingest.Ingest;
import io.visionstream.ingest.IngestSettings;
import io.visionstream.job.JobConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The demo's video: ingested once (no loop) through {@code visionstream ingest}'s own path, an FFmpeg process
 * sampling it to JPEG frames on the images topic, then summed up per frame from the results.
 */
final class VideoInput {
    private VideoInput() {
    }

    /** Ingests the whole file; returns the frames published. */
    static long ingest(Path video, double fps, String model, JobConfig config) throws Exception {
        CameraConfig camera = new CameraConfig(stream(video), video.toString(), fps, false,
                CameraConfig.DEFAULT_MAX_SIDE, model, null, CameraConfig.DEFAULT_QUALITY, false,
                CameraConfig.DEFAULT_QUEUE_FRAMES, CameraConfig.DEFAULT_STALL_TIMEOUT_S, "tcp");
        IngestSettings settings = new IngestSettings("ffmpeg", config.kafka(), config.imagesTopic(), 60_000, 32L << 20,
                500, 5_000, 0, 0, 0);
        Ingest ingest = new Ingest(List.of(camera), settings, new PrintStream(System.out, true));
        System.out.println("ingesting " + video + " at " + fps + " frames a second ...");
        ingest.run();
        return ingest.workers().get(0).metrics().published.get();
    }

    /** One line per frame: its source frame number and what the model found. */
    static void summary(Path video, Outputs outputs, JobConfig config) {
        String stream = stream(video);
        TreeMap<Long, String> byFrame = new TreeMap<>();
        for (Outputs.Out o : outputs.on(config.detectionsTopic())) {
            if (!stream.equals(o.key())) {
                continue;
            }
            JsonNode r = o.json();
            List<String> found = new ArrayList<>();
            for (String field : List.of("detections", "classes", "segments", "texts")) {
                r.path(field).forEach(d -> found.add(d.has("label") ? d.get("label").asText() : d.path("text").asText()));
            }
            byFrame.put(r.get("frame").asLong(), found.isEmpty() ? "-" : String.join(", ", found));
        }
        System.out.println();
        System.out.println("video " + video.getFileName() + ": " + byFrame.size() + " frames answered");
        byFrame.forEach((frame, found) -> System.out.printf("  frame %5d  %s%n", frame, found));
    }

    private static String stream(Path video) {
        return video.getFileName().toString();
    }
}
