package io.visionstream.bench;

import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.cli.ImagePublisher;
import io.visionstream.cli.Outputs;
import io.visionstream.job.JobConfig;
import io.visionstream.job.ServedModels;
import io.visionstream.job.VisionStreamJob;
import io.visionstream.model.Task;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
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

    public static int main(List<String> argList) throws Exception {
        Map<String, String> a = Args.parse(argList);
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
            List<List<byte[]>> inputs = inputsPerModel(models, ServedModels.of(config));
            Configuration flink = new Configuration();
            CheckpointCounter.configure(flink);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, flink);
            VisionStreamJob.build(env, config);
            JobClient job = env.executeAsync("visionstream-soak");
            long started = System.nanoTime();
            long deadline = minutes > 0 ? started + (long) (minutes * 60e9) : Long.MAX_VALUE;
            try (ImagePublisher publisher = new ImagePublisher(kafka.bootstrapServers(), config.imagesTopic());
                 Outputs outputs = new Outputs(kafka.bootstrapServers(), config.detectionsTopic(), config.rejectsTopic(),
                         config.masksTopic()).countOnly()) {
                long published = 0;
                long nextSample = every;
                double lastSampleS = 0;
                System.out.printf("%n%8s %7s %6s %8s %8s %8s %9s %8s %9s %7s %6s%n", "images", "min", "ckpts", "rss MB",
                        "anon MB", "file MB", "direct MB", "heap MB", "untracked", "arenas", "img/s");
                boolean last = false;
                while (!last) {
                    boolean stop = System.nanoTime() >= deadline;
                    // stay about two checkpoints' worth ahead of the results (at the rate so far), so that the
                    // pipeline is never idle and the run ends soon after its deadline even with slow models
                    long ahead = aheadLimit(outputs.count(config.detectionsTopic(), config.rejectsTopic()),
                            (System.nanoTime() - started) / 1e9, config.checkpointIntervalMs());
                    while (!stop && published < total
                            && published - outputs.count(config.detectionsTopic(), config.rejectsTopic()) < ahead) {
                        int m = (int) (published % models.size());
                        List<byte[]> pool = inputs.get(m);
                        publisher.publish("cam-" + (published % 8), pool.get((int) (published / models.size() % pool.size())),
                                models.get(m), published, null);
                        published++;
                    }
                    outputs.pollOnce(Duration.ofMillis(200));
                    long done = outputs.count(config.detectionsTopic(), config.rejectsTopic());
                    double seconds = (System.nanoTime() - started) / 1e9;
                    last = done >= published && (stop || done >= total);
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

    static long aheadLimit(long done, double seconds, long checkpointMs) {
        double rate = seconds > 0 ? done / seconds : 0;
        return Math.max(16, Math.min(400, Math.round(rate * checkpointMs / 1000.0 * 2)));
    }

    /** Slopes over the second half of the samples: warm-up (JIT, arenas, buffers reaching their size) is over. */
    static void report(List<SoakSample> samples) {
        List<SoakSample> half = samples.subList(samples.size() / 2, samples.size());
        if (half.size() < 3) {
            System.out.println("too few samples for a slope");
            return;
        }
        SoakSample first = half.get(0);
        SoakSample end = half.get(half.size() - 1);
        System.out.printf(Locale.ROOT, "%nsecond half: %d samples, images %d..%d, minutes %.1f..%.1f, checkpoints %d..%d%n",
                half.size(), first.images(), end.images(), first.seconds() / 60, end.seconds() / 60, first.checkpoints(),
                end.checkpoints());
        System.out.printf("%-22s %14s %14s %14s %12s%n", "slope (Theil-Sen)", "MB/1000 img", "MB/hour", "(least sq.)",
                "MB/100 ckpt");
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
        double[] img = s.stream().mapToDouble(SoakSample::images).toArray();
        double[] sec = s.stream().mapToDouble(SoakSample::seconds).toArray();
        double[] ck = s.stream().mapToDouble(SoakSample::checkpoints).toArray();
        double[] v = s.stream().mapToDouble(y).toArray();
        System.out.printf(Locale.ROOT, "%-22s %+14.3f %+14.2f %+14.3f %+12.3f%n", name, Slopes.theilSen(img, v) * 1000,
                Slopes.theilSen(sec, v) * 3600, Slopes.leastSquares(img, v) * 1000, Slopes.theilSen(ck, v) * 100);
    }

    /** Per model: crops of the document for text models, crops of the photos for the others. */
    private static List<List<byte[]>> inputsPerModel(List<String> models, ServedModels served) throws Exception {
        List<byte[]> photos = null;
        List<byte[]> pages = null;
        List<List<byte[]>> out = new ArrayList<>();
        for (String m : models) {
            if (served.registry().get(m).task() == Task.TEXT) {
                pages = pages != null ? pages : crops(List.of("imageTextN.png"), 32, 0.5, "png");
                out.add(pages);
            } else {
                photos = photos != null ? photos : crops(List.of("dog.jpg", "person.jpg", "horses.jpg"), 64, 0.4, "jpg");
                out.add(photos);
            }
        }
        return out;
    }

    /** Crops at random places and sizes (from minShare of the width up), so that results vary like a camera's. */
    private static List<byte[]> crops(List<String> files, int count, double minShare, String format) throws Exception {
        List<BufferedImage> sources = new ArrayList<>();
        for (String s : files) {
            sources.add(ImageIO.read(new File("samples", s)));
        }
        Random rnd = new Random(7);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage p = sources.get(i % sources.size());
            int w = (int) (p.getWidth() * (minShare + rnd.nextDouble() * (1 - minShare) * 0.7));
            // documents: strips of two to four lines (a scanner's cut, and a text record costs a few lines)
            int h = Math.min(p.getHeight(), format.equals("png") ? 50 + rnd.nextInt(60) : w * 3 / 4);
            BufferedImage crop = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            crop.getGraphics().drawImage(p.getSubimage(rnd.nextInt(p.getWidth() - w + 1), rnd.nextInt(p.getHeight() - h + 1),
                    w, h), 0, 0, null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(crop, format, bytes);
            out.add(bytes.toByteArray());
        }
        return out;
    }
}
