package io.visionstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.io.KafkaSettings;
import io.visionstream.job.JobConfig;
import io.visionstream.job.VisionStreamJob;
import io.visionstream.model.ModelRegistry;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code visionstream demo}: an in-process KRaft broker and Flink MiniCluster, every image published once per
 * model, and everything the job wrote read back with read_committed until each input has a result or a reject.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, showDefaultValues = true,
        versionProvider = VisionStreamCli.Version.class,
        description = "An in-process Kafka broker and Flink MiniCluster; the sample images through the job, once per "
                + "model; prints a table and writes DIR/results.jsonl, rejects.jsonl, overlays/ and masks/.")
public final class Demo implements Callable<Integer> {
    private static final Path SAMPLES = Path.of("samples");

    @Option(names = "--images", paramLabel = "DIR", description = "adds every file in DIR to the bundled samples/")
    private Path imagesDir;
    @Option(names = "--video", paramLabel = "FILE", description = "a video (mp4, mkv, avi...) ingested with FFmpeg as "
            + "camera stream FILE's name, instead of the bundled samples (with --images: beside them)")
    private Path video;
    @Option(names = "--video-fps", description = "frames a second taken from the video", defaultValue = "5")
    private double videoFps;
    @Option(names = "--zones", paramLabel = "FILE", description = "lines and zones per stream (README \"Streams\"); "
            + "the demo then prints each line's and zone's counts and writes DIR/events.jsonl")
    private Path zones;
    @Option(names = "--sequence", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also a generated camera (stream " + DemoSequence.STREAM + ": three people crossing a line "
                    + "both ways, one through a zone), tracked, its counts printed against the truth; with a detection "
                    + "model and neither --video nor --zones (--no-sequence: without it)")
    private boolean sequence;
    @Option(names = "--model", paramLabel = "NAME", split = ",",
            description = "models to run each image through (default: the registry's default model)")
    private List<String> models;
    @Option(names = "--out", paramLabel = "DIR", description = "where results go", defaultValue = "demo-out")
    private Path out;
    @Option(names = "--timeout-s", paramLabel = "N", description = "give up waiting for results after N seconds",
            defaultValue = "600")
    private long timeoutS;
    private Duration timeout;

    /** One published input and what came back for it. */
    private record Input(long frame, String stream, String model, Path file) { }

    @Override
    public Integer call() throws Exception {
        timeout = Duration.ofSeconds(timeoutS);
        if (models == null) {
            models = List.of();
        }
        return run();
    }

    private int run() throws Exception {
        if (video != null && !Files.isRegularFile(video)) {
            throw new IllegalArgumentException("--video " + video + " is not a file");
        }
        List<Path> files = video == null || imagesDir != null ? imageFiles() : List.of();
        if (files.isEmpty() && video == null) {
            throw new IllegalArgumentException("no images found in " + SAMPLES + (imagesDir == null ? "" : " or " + imagesDir));
        }
        System.out.println("starting an in-process Kafka broker (KRaft) ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            JobConfig.Builder cb = JobConfig.builder()
                    .set("kafka.bootstrap", kafka.bootstrapServers())
                    .set("checkpoint.interval-ms", 1000)
                    .set("parallelism", 1)
                    .set("output.max-record-bytes", KafkaSettings.DEFAULT_MAX_RECORD_BYTES);
            ModelRegistry registry = ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION);
            if (models.isEmpty()) {
                // only what the demo sends: the registry's default model
                models = List.of(registry.defaultModel());
            }
            cb.set("models.enabled", String.join(",", models)).set("model.default", models.get(0));
            DemoSequence camera = sequence && video == null && zones == null && tracksFirstModel(registry)
                    ? DemoSequence.belt(registry) : null;
            if (zones != null) {
                cb.set("zones.file", zones.toString());
            } else if (camera != null) {
                Files.createDirectories(out);
                Path file = out.resolve("zones-" + DemoSequence.STREAM + ".yaml");
                Files.writeString(file, camera.zonesYaml());
                cb.set("zones.file", file.toString());
            }
            JobConfig config = cb.build();
            kafka.createTopics(2, config.imagesTopic());
            kafka.createTopics(1, config.detectionsTopic(), config.masksTopic(), config.rejectsTopic(),
                    config.eventsTopic());
            VisionStreamJob.checkModels(config);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
            VisionStreamJob.build(env, config);
            System.out.println("starting the VisionStream job on a Flink MiniCluster ...");
            JobClient job = env.executeAsync("visionstream-demo");
            try {
                List<Input> inputs = publish(kafka.bootstrapServers(), config.imagesTopic(), files, models);
                long frames = video == null ? 0 : VideoInput.ingest(video, videoFps, models.get(0), config);
                if (camera != null) {
                    try (ImagePublisher publisher = new ImagePublisher(kafka.bootstrapServers(), config.imagesTopic())) {
                        frames += camera.publish(publisher, models.get(0));
                    }
                }
                long expected = inputs.size() + frames;
                System.out.println("published " + inputs.size() + " images" + (video == null ? "" : " and " + frames
                        + " video frames") + (camera == null ? "" : " and " + frames + " frames of camera "
                        + DemoSequence.STREAM) + "; waiting for results ...");
                try (Outputs outputs = new Outputs(kafka.bootstrapServers(), config.detectionsTopic(),
                        config.rejectsTopic(), config.masksTopic(), config.eventsTopic())) {
                    boolean complete = outputs.pollUntil(
                            () -> outputs.count(config.detectionsTopic(), config.rejectsTopic()) >= expected,
                            timeout);
                    // overlays are committed in the same transaction as their results; one more poll drains them
                    outputs.pollOnce(Duration.ofSeconds(1));
                    write(outputs, config);
                    summary(inputs, outputs, config);
                    if (video != null) {
                        VideoInput.summary(video, outputs, config);
                    }
                    if (zones != null || camera != null) {
                        events(outputs, config);
                    }
                    if (camera != null) {
                        System.out.println(camera.describe(outputs.on(config.eventsTopic())));
                    }
                    if (!complete) {
                        System.err.println("timed out after " + timeout.toSeconds() + " s: only "
                                + outputs.count(config.detectionsTopic(), config.rejectsTopic()) + " of "
                                + expected + " inputs accounted for");
                        return 1;
                    }
                }
            } finally {
                job.cancel().get();
            }
        }
        return 0;
    }

    /** Whether the first model is a plain detector, which the job tracks (a cascade would read every crop too). */
    private boolean tracksFirstModel(ModelRegistry registry) {
        if (!registry.names().contains(models.get(0))) {
            return false; // the job's own check says what is wrong with the name
        }
        var spec = registry.get(models.get(0));
        return spec.task() == io.visionstream.result.Task.DETECT
                && !io.visionstream.model.cascade.CascadeSettings.isCascade(spec);
    }

    private List<Path> imageFiles() throws IOException {
        List<Path> files = new ArrayList<>(list(SAMPLES));
        if (imagesDir != null) {
            if (!Files.isDirectory(imagesDir)) {
                throw new IllegalArgumentException("--images " + imagesDir + " is not a folder");
            }
            files.addAll(list(imagesDir));
        }
        return files;
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    private static List<Input> publish(String bootstrap, String topic, List<Path> files, List<String> models)
            throws Exception {
        List<Input> inputs = new ArrayList<>();
        try (ImagePublisher publisher = new ImagePublisher(bootstrap, topic)) {
            long frame = 0;
            for (String model : models) {
                for (Path f : files) {
                    String stream = f.getFileName().toString();
                    publisher.publish(stream, Files.readAllBytes(f), model, frame, null);
                    inputs.add(new Input(frame++, stream, model, f));
                }
            }
        }
        return inputs;
    }

    private void write(Outputs outputs, JobConfig config) throws IOException {
        Files.createDirectories(out.resolve("overlays"));
        Files.createDirectories(out.resolve("masks"));
        writeJsonl(out.resolve("results.jsonl"), outputs.on(config.detectionsTopic()));
        writeJsonl(out.resolve("rejects.jsonl"), outputs.on(config.rejectsTopic()));
        for (Outputs.Out o : outputs.on(config.masksTopic())) {
            String kind = o.headers().getOrDefault("kind", "mask");
            Path dir = out.resolve(kind.equals("overlay") ? "overlays" : "masks");
            String ext = "jpeg".equals(o.headers().get("format")) ? ".jpg" : ".png";
            String name = stem(o.key()) + "-" + o.headers().get("model") + (kind.equals("image") ? "-image" : "") + ext;
            Files.write(dir.resolve(name), o.value());
        }
    }

    /** The events, and each stream's final count per line, zone and label. */
    private void events(Outputs outputs, JobConfig config) throws IOException {
        List<Outputs.Out> events = outputs.on(config.eventsTopic());
        writeJsonl(out.resolve("events.jsonl"), events);
        java.util.Map<String, String> last = new java.util.TreeMap<>();
        for (Outputs.Out o : events) {
            var e = o.json();
            String where = e.get("stream").asText() + "  " + e.get("type").asText().replace("enter", "zone")
                    .replace("exit", "zone").replace("cross", "line") + " " + e.get("zone").asText() + "  "
                    + e.get("label").asText();
            last.put(where, e.get("counts").toString());
        }
        System.out.println(events.size() + " events (" + out.resolve("events.jsonl") + "); counts at the end:");
        last.forEach((k, v) -> System.out.println("  " + k + "  " + v));
    }

    private static void writeJsonl(Path file, List<Outputs.Out> records) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Outputs.Out o : records) {
                w.write(new String(o.value(), StandardCharsets.UTF_8));
                w.write('\n');
            }
        }
    }

    private void summary(List<Input> inputs, Outputs outputs, JobConfig config) {
        if (inputs.isEmpty()) {
            return;
        }
        // by stream and frame: the demo camera's frames count from 0 too
        Map<String, JsonNode> byFrame = new HashMap<>();
        for (Outputs.Out o : outputs.on(config.detectionsTopic())) {
            if (video == null || !video.getFileName().toString().equals(o.key())) { // video frames have their own table
                byFrame.put(o.key() + "\n" + o.json().get("frame").asLong(), o.json());
            }
        }
        for (Outputs.Out o : outputs.on(config.rejectsTopic())) {
            byFrame.put(o.key() + "\n" + o.json().get("frame").asLong(), o.json());
        }
        String fmt = "%-22s %-14s %-56s %9s%n";
        System.out.println();
        System.out.printf(fmt, "image", "model", "result", "time ms");
        System.out.printf(fmt, "-".repeat(22), "-".repeat(14), "-".repeat(56), "-".repeat(9));
        for (Input in : inputs) {
            JsonNode r = byFrame.get(in.stream() + "\n" + in.frame());
            String what;
            String time = "";
            if (r == null) {
                what = "(no result)";
            } else if (r.has("reason")) {
                what = "REJECT " + r.get("reason").asText() + ": " + r.get("message").asText();
            } else {
                what = SummaryText.of(r);
                JsonNode t = r.get("timingsMs");
                double ms = 0;
                for (JsonNode v : t) {
                    ms += v.asDouble();
                }
                time = String.format("%.1f", ms);
            }
            System.out.printf(fmt, in.stream(), in.model(), clip(what, 56), time);
        }
        System.out.println();
        System.out.println("results: " + out.resolve("results.jsonl") + "  rejects: " + out.resolve("rejects.jsonl")
                + "  overlays: " + out.resolve("overlays") + "  masks: " + out.resolve("masks"));
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
