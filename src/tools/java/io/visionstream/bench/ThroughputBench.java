package io.visionstream.bench;

import io.visionstream.preprocess.InputCanvas;

import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import java.awt.image.BufferedImage;
import java.io.Writer;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code visionstream bench throughput}: how close the job comes to what ONNX Runtime alone can do on these
 * cores. Per model: the ceiling (raw sessions over a pre-built tensor, every arrangement of sessions × threads
 * that uses the cores, the best one counts), the job's per-record work in-process from encoded frames, the full
 * pipeline (broker, MiniCluster, exactly-once sink) with default settings and with overlays off, over 8
 * streams and over 1, and the peer (DJL, where it can run). Writes bench-throughput.csv and bench-steps.csv.
 */
public final class ThroughputBench {
    private static final String REGISTRY = "classpath:bench/throughput-models.yaml";

    private record Row(String model, String mode, int streams, double imagesPerS, double p50, double p99,
                       double ratio) { }

    private ThroughputBench() {
    }

    /** {@code a}: the options of {@code visionstream bench ...} by name (io.visionstream.cli.BenchCommand). */
    public static int main(Map<String, String> a) throws Exception {
        Path out = Path.of(a.getOrDefault("out", "bench-out"));
        List<String> models = List.of(a.getOrDefault("models", "nanodet-coco,ppocr-det").split(","));
        List<String> modes = List.of(a.getOrDefault("modes", "ceiling,inprocess,pipeline,peer").split(","));
        double seconds = Double.parseDouble(a.getOrDefault("seconds", "10"));
        double pipelineSeconds = Double.parseDouble(a.getOrDefault("pipeline-seconds", "25"));
        // a job that has run for hours has its hot paths compiled; so has one whose first seconds are not counted
        double warmupSeconds = Double.parseDouble(a.getOrDefault("warmup-seconds", "20"));
        // SETTINGS:STREAMS, SETTINGS being default, overlays-off or job options KEY=VALUE joined by '+'
        List<String> pipelines = List.of(a.getOrDefault("pipelines", "default:8,default:1,overlays-off:8,overlays-off:1")
                .split(","));
        int cores = Integer.parseInt(a.getOrDefault("cores", Integer.toString(Runtime.getRuntime().availableProcessors())));
        Path imageDir = a.containsKey("images") ? Path.of(a.get("images")) : null;
        String registryLocation = a.getOrDefault("registry", REGISTRY);
        Files.createDirectories(out);

        List<BufferedImage> photos = BenchImages.photos(imageDir);
        Map<String, List<byte[]>> frames = new LinkedHashMap<>();
        frames.put("1080p-jpeg", BenchImages.frames(photos, 16, 1920, 1080, "jpeg"));
        frames.put("640x480-jpeg", BenchImages.frames(photos, 16, 640, 480, "jpeg"));
        frames.put("1080p-png", BenchImages.frames(photos, 4, 1920, 1080, "png"));
        BenchImages.save(out.resolve("frames"), "frame-1080p.jpg", frames.get("1080p-jpeg").get(0));
        System.out.printf("frames: 1080p JPEG %d KB, 640x480 JPEG %d KB, 1080p PNG %d KB; %d cores%n",
                frames.get("1080p-jpeg").get(0).length / 1024, frames.get("640x480-jpeg").get(0).length / 1024,
                frames.get("1080p-png").get(0).length / 1024, cores);

        ModelRegistry registry = ModelRegistry.load(registryLocation);
        List<Row> rows = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        EmbeddedKafka kafka = modes.contains("pipeline") ? EmbeddedKafka.start() : null;
        try {
            for (String name : models) {
                ModelSpec spec = registry.get(name);
                double ceiling = Double.NaN;
                if (modes.contains("ceiling")) {
                    ceiling = ceilings(spec, photos.get(0), cores, seconds, rows);
                }
                if (modes.contains("inprocess")) {
                    for (Map.Entry<String, List<byte[]>> f : frames.entrySet()) {
                        InProcessProbe.Result r = InProcessProbe.run(spec, f.getValue(), cores, seconds);
                        rows.add(new Row(name, "inprocess-" + f.getKey(), 1, r.imagesPerS(), r.p50(), r.p99(),
                                r.imagesPerS() / ceiling));
                        steps.add(String.format(Locale.ROOT, "%s,%s,%.2f,%.2f,%.2f,%.2f,%.3f", name, f.getKey(),
                                r.decodeMs(), r.preMs(), r.modelMs(), r.postMs(), r.prePostShareOfModel()));
                        print(rows.get(rows.size() - 1));
                    }
                }
                if (kafka != null) {
                    double rate = Double.isNaN(ceiling) ? 20 : ceiling;
                    int count = (int) Math.max(100, Math.min(3000, rate * pipelineSeconds));
                    if (warmupSeconds > 0) {
                        PipelineProbe.Result w = PipelineProbe.run(kafka, registryLocation, name, frames.get("1080p-jpeg"),
                                (int) Math.max(50, rate * warmupSeconds), 8, cores, Map.of());
                        System.out.printf(Locale.ROOT, "%s pipeline warm-up (not counted): %.1f images/s%n", name,
                                w.imagesPerS());
                    }
                    for (String pipeline : pipelines) {
                        String[] run = pipeline.split(":");
                        Map<String, String> settings = pipelineSettings(run[0]);
                        int streams = Integer.parseInt(run[1]);
                        PipelineProbe.Result r = PipelineProbe.run(kafka, registryLocation, name,
                                frames.get("1080p-jpeg"), count, streams, cores, settings);
                        rows.add(new Row(name, "pipeline-" + run[0] + "-1080p-jpeg", streams, r.imagesPerS(), r.p50(),
                                r.p99(), r.imagesPerS() / ceiling));
                        print(rows.get(rows.size() - 1));
                    }
                }
                if (modes.contains("peer")) {
                    peer(registryLocation, spec, frames.get("1080p-jpeg"), cores, ceiling, rows);
                }
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
        report(rows, steps, out);
        return 0;
    }

    /** The job options of a --pipelines entry: default, overlays-off, or KEY=VALUE[+KEY=VALUE...]. */
    static Map<String, String> pipelineSettings(String name) {
        if (name.equals("default")) {
            return Map.of();
        }
        if (name.equals("overlays-off")) {
            return Map.of("overlay.enabled", "false");
        }
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String kv : name.split("\\+")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--pipelines: default, overlays-off or KEY=VALUE[+KEY=VALUE], not " + name);
            }
            settings.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return settings;
    }

    /** Every sessions × threads arrangement that uses the cores; returns the best images/s. */
    private static double ceilings(ModelSpec spec, BufferedImage photo, int cores, double seconds, List<Row> rows)
            throws Exception {
        InputCanvas canvas = new InputCanvas(spec.input());
        long[] shape;
        if (spec.dynamicInput()) {
            // long side 960, sides multiples of 32: what the text detector runs on for a 16:9 frame
            canvas.fillScaled(photo, spec.inputWidth(), (spec.inputWidth() * 9 / 16 + 31) / 32 * 32);
        } else {
            canvas.fill(photo);
        }
        shape = canvas.shape();
        FloatBuffer input = canvas.tensor();
        double best = 0;
        List<Row> mine = new ArrayList<>();
        for (int sessions = cores; sessions >= 1; sessions--) {
            if (cores % sessions != 0) {
                continue;
            }
            CeilingProbe.Result r = CeilingProbe.run(spec, input, shape, sessions, cores / sessions, seconds);
            mine.add(new Row(spec.name(), "ceiling-" + sessions + "x" + (cores / sessions), 1, r.imagesPerS(), r.p50(),
                    r.p99(), Double.NaN));
            best = Math.max(best, r.imagesPerS());
        }
        for (Row r : mine) {
            rows.add(new Row(r.model(), r.mode(), r.streams(), r.imagesPerS(), r.p50(), r.p99(), r.imagesPerS() / best));
            print(rows.get(rows.size() - 1));
        }
        return best;
    }

    private static void peer(String registry, ModelSpec spec, List<byte[]> frames, int cores, double ceiling,
                             List<Row> rows) {
        String why = !"nanodet".equals(spec.family()) ? "the peer is written for NanoDet only" : PeerProbe.unavailable();
        if (why != null) {
            System.out.println(spec.name() + " peer: not run: " + why);
            rows.add(new Row(spec.name(), "peer-djl-not-run", 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            return;
        }
        try {
            int count = (int) Math.max(60, Math.min(1000, (Double.isNaN(ceiling) ? 20 : ceiling) * 10));
            PeerProbe.Result r = PeerProbe.run(registry, spec.name(), frames, cores, count);
            rows.add(new Row(spec.name(), "peer-djl-1080p-jpeg", 1, r.imagesPerS(), r.p50(), r.p99(), r.imagesPerS() / ceiling));
            print(rows.get(rows.size() - 1));
        } catch (Exception e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            System.out.println(spec.name() + " peer: failed: " + cause);
            cause.printStackTrace(System.out);
            rows.add(new Row(spec.name(), "peer-djl-failed", 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
    }

    private static void print(Row r) {
        System.out.printf(Locale.ROOT, "%-14s %-36s %3d %9.1f img/s  p50 %8.1f ms  p99 %8.1f ms  %5.2f of ceiling%n",
                r.model(), r.mode(), r.streams(), r.imagesPerS(), r.p50(), r.p99(), r.ratio());
    }

    private static void report(List<Row> rows, List<String> steps, Path out) throws Exception {
        System.out.printf("%n%-14s %-36s %7s %10s %9s %9s %7s%n", "model", "mode", "streams", "images/s", "p50 ms",
                "p99 ms", "ratio");
        try (Writer w = Files.newBufferedWriter(out.resolve("bench-throughput.csv"), StandardCharsets.UTF_8)) {
            w.write("model,mode,streams,images_per_s,p50_ms,p99_ms,ratio_to_ceiling\n");
            for (Row r : rows) {
                System.out.printf(Locale.ROOT, "%-14s %-36s %7d %10.1f %9.1f %9.1f %7.2f%n", r.model(), r.mode(),
                        r.streams(), r.imagesPerS(), r.p50(), r.p99(), r.ratio());
                w.write(String.format(Locale.ROOT, "%s,%s,%d,%.2f,%.1f,%.1f,%.3f%n", r.model(), r.mode(), r.streams(),
                        r.imagesPerS(), r.p50(), r.p99(), r.ratio()));
            }
        }
        if (!steps.isEmpty()) {
            System.out.printf("%nmedian ms per record (in-process)%n%-14s %-14s %8s %8s %8s %8s %14s%n", "model",
                    "frames", "decode", "pre", "model", "post", "(pre+post)/model");
            try (Writer w = Files.newBufferedWriter(out.resolve("bench-steps.csv"), StandardCharsets.UTF_8)) {
                w.write("model,frames,decode_ms,preprocess_ms,model_ms,postprocess_ms,prepost_over_model\n");
                for (String s : steps) {
                    String[] f = s.split(",");
                    System.out.printf("%-14s %-14s %8s %8s %8s %8s %14s%n", (Object[]) f);
                    w.write(s + "\n");
                }
            }
        }
        System.out.println("wrote " + out.resolve("bench-throughput.csv") + " and " + out.resolve("bench-steps.csv"));
    }
}
