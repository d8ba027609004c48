package io.visionstream.bench;

import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.job.JobConfig;
import io.visionstream.job.VisionStreamJob;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code visionstream bench soak}: small images through the whole pipeline (in-process KRaft broker, Flink
 * MiniCluster, the job with overlays and masks, exactly-once sink, a read_committed reader) for {@code --count}
 * images or {@code --minutes}, whichever comes first. One model or a mix ({@code --model a,b,c}: records take
 * turns; text models get crops of a document, the others crops of photos). Samples every {@code --every}
 * results and every {@code --every-s} seconds: resident set (anonymous, file-backed), direct memory, heap after
 * GC, NMT categories (when the JVM runs with {@code -XX:NativeMemoryTracking=summary}), glibc arena heaps,
 * threads and checkpoints completed. Prints the slopes over the second half of the run per 1,000 images and
 * per hour, and writes bench-soak.csv.
 */
public final class SoakBench {
    private SoakBench() {
    }

    /** {@code a}: the options of {@code visionstream bench ...} by name (io.visionstream.cli.BenchCommand). */
    public static int main(Map<String, String> a) throws Exception {
        Path out = Path.of(a.getOrDefault("out", "bench-out"));
        double minutes = Double.parseDouble(a.getOrDefault("minutes", "0"));
        long total = Long.parseLong(a.getOrDefault("count", minutes > 0 ? Long.toString(Long.MAX_VALUE) : "20000"));
        long every = Long.parseLong(a.getOrDefault("every", "1000"));
        double everySeconds = Double.parseDouble(a.getOrDefault("every-s", "60"));
        List<String> models = Arrays.asList(a.getOrDefault("model", "selfie-person").split(","));
        Files.createDirectories(out);
        List<SoakSample> samples = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            JobConfig config = JobConfig.builder()
                    .set("kafka.bootstrap", kafka.bootstrapServers())
                    .set("checkpoint.interval-ms", Long.parseLong(a.getOrDefault("checkpoint-ms", "2000")))
                    .set("parallelism", 1)
                    .set("models.enabled", String.join(",", models))
                    .set("model.default", models.get(0))
                    .build();
            // The broker lives in this JVM: bounded logs keep its memory-mapped indexes (file-backed resident
            // memory) from growing with the run, and the disk from filling on a long soak.
            Map<String, String> bounded = Map.of("segment.bytes", Integer.toString(64 << 20),
                    "retention.bytes", Integer.toString(256 << 20));
            kafka.createTopics(2, bounded, config.imagesTopic());
            kafka.createTopics(1, bounded, config.detectionsTopic(), config.masksTopic(), config.rejectsTopic());
            Configuration flink = new Configuration();
            CheckpointCounter.configure(flink);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, flink);
            VisionStreamJob.build(env, config);
            JobClient job = env.executeAsync("visionstream-soak");
            try (SoakFeed feed = new SoakFeed(config, models)) {
                long deadline = minutes > 0 ? (long) (minutes * 60) : Long.MAX_VALUE;
                long nextSample = every;
                double lastSampleS = 0;
                System.out.printf("%n%8s %7s %6s %8s %8s %8s %9s %8s %9s %7s %6s%n", "images", "min", "ckpts", "rss MB",
                        "anon MB", "file MB", "direct MB", "heap MB", "untracked", "arenas", "img/s");
                boolean last = false;
                while (!last) {
                    boolean stop = feed.seconds() >= deadline;
                    feed.step(stop, total);
                    long done = feed.done();
                    double seconds = feed.seconds();
                    last = done >= feed.published() && (stop || done >= total);
                    if (done >= nextSample || seconds - lastSampleS >= everySeconds || last) {
                        SoakSample s = SoakSample.take(done, seconds);
                        samples.add(s);
                        System.out.printf(Locale.ROOT, "%8d %7.1f %6d %8.1f %8.1f %8.1f %9.1f %8.1f %9.1f %7d %6.1f%n",
                                s.images(), seconds / 60, s.checkpoints(), s.rssMb(), s.anonMb(), s.fileMb(), s.directMb(),
                                s.heapMb(), s.untrackedMb(), s.arenaHeaps(), done / seconds);
                        nextSample = (done / every + 1) * every;
                        lastSampleS = seconds;
                    }
                }
            } finally {
                job.cancel().get();
            }
        }
        report(samples);
        Path csv = out.resolve("bench-soak.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write(SoakSample.csvHeader() + "\n");
            for (SoakSample s : samples) {
                w.write(s.csvRow() + "\n");
            }
        }
        System.out.println("wrote " + csv);
        return 0;
    }

    /** Slopes over the second half of the samples. */
    static void report(List<SoakSample> samples) {
        List<SoakSample> half = Slopes.secondHalf(samples, SoakSample::images, SoakSample::seconds,
                SoakSample::checkpoints);
        if (half == null) {
            return;
        }
        SoakSample first = half.get(0);
        line(half, "rss", SoakSample::rssMb);
        line(half, "  anonymous", SoakSample::anonMb);
        line(half, "  file-backed", SoakSample::fileMb);
        line(half, "direct", SoakSample::directMb);
        line(half, "heap after GC", SoakSample::heapMb);
        line(half, "malloc arena heaps", SoakSample::arenaMb);
        if (!first.nmtKb().isEmpty()) {
            line(half, "untracked by NMT", SoakSample::untrackedMb);
            for (String c : SoakSample.NMT) {
                line(half, "NMT " + c, s -> s.nmtMb(c));
            }
        }
    }

    private static void line(List<SoakSample> s, String name, ToDoubleFunction<SoakSample> y) {
        Slopes.printRow(s, name, SoakSample::images, SoakSample::seconds, SoakSample::checkpoints, y);
    }
}
