package io.visionstream.bench;

import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.cli.ImagePublisher;
import io.visionstream.cli.Outputs;
import io.visionstream.job.JobConfig;
import io.visionstream.job.VisionStreamJob;
import io.visionstream.runtime.ProcessMemory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code visionstream bench soak}: N small images through the whole pipeline (in-process KRaft broker, Flink
 * MiniCluster, the job with overlays and masks, exactly-once sink, a read_committed reader), sampling this
 * JVM's resident set, direct memory and heap after GC every {@code --every} results. A leak shows as a slope;
 * the slope is fitted after the first fifth of the run (warm-up: JIT, arenas, buffers reaching their size).
 * Prints a table and the slopes, writes bench-soak.csv.
 */
public final class SoakBench {
    private record Sample(long images, double rssMb, double directMb, double heapMb) { }

    private SoakBench() {
    }

    public static int main(List<String> argList) throws Exception {
        Map<String, String> a = Args.parse(argList);
        Path out = Path.of(a.getOrDefault("out", "bench-out"));
        long total = Long.parseLong(a.getOrDefault("count", "20000"));
        long every = Long.parseLong(a.getOrDefault("every", "1000"));
        String model = a.getOrDefault("model", "selfie-person");
        Files.createDirectories(out);
        List<byte[]> images = smallImages(64);
        List<Sample> samples = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            JobConfig config = JobConfig.builder()
                    .set("kafka.bootstrap", kafka.bootstrapServers())
                    .set("checkpoint.interval-ms", 2000)
                    .set("parallelism", 1)
                    .set("models.enabled", model)
                    .set("model.default", model)
                    .build();
            kafka.createTopics(2, config.imagesTopic());
            kafka.createTopics(1, config.detectionsTopic(), config.masksTopic(), config.rejectsTopic());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
            VisionStreamJob.build(env, config);
            JobClient job = env.executeAsync("visionstream-soak");
            long started = System.nanoTime();
            try (ImagePublisher publisher = new ImagePublisher(kafka.bootstrapServers(), config.imagesTopic());
                 Outputs outputs = new Outputs(kafka.bootstrapServers(), config.detectionsTopic(), config.rejectsTopic(),
                         config.masksTopic()).countOnly()) {
                long published = 0;
                long nextSample = every;
                System.out.printf("%n%8s %9s %10s %15s %9s%n", "images", "rss MB", "direct MB", "heap after GC MB", "img/s");
                while (true) {
                    // stay at most two checkpoints' worth ahead of the results
                    while (published < total && published - outputs.count(config.detectionsTopic(), config.rejectsTopic()) < 400) {
                        publisher.publish("cam-" + (published % 8), images.get((int) (published % images.size())), model,
                                published, null);
                        published++;
                    }
                    outputs.pollOnce(Duration.ofMillis(200));
                    long done = outputs.count(config.detectionsTopic(), config.rejectsTopic());
                    if (done >= nextSample) {
                        Sample s = sample(done);
                        samples.add(s);
                        double rate = done / ((System.nanoTime() - started) / 1e9);
                        System.out.printf("%8d %9.1f %10.1f %15.1f %9.1f%n", s.images(), s.rssMb(), s.directMb(), s.heapMb(), rate);
                        nextSample += every;
                    }
                    if (done >= total) {
                        break;
                    }
                }
            } finally {
                job.cancel().get();
            }
        }
        report(samples);
        try (Writer w = Files.newBufferedWriter(out.resolve("bench-soak.csv"), StandardCharsets.UTF_8)) {
            w.write("images,rss_mb,direct_mb,heap_after_gc_mb\n");
            for (Sample s : samples) {
                w.write(String.format("%d,%.1f,%.1f,%.1f%n", s.images(), s.rssMb(), s.directMb(), s.heapMb()));
            }
        }
        System.out.println("wrote " + out.resolve("bench-soak.csv"));
        return 0;
    }

    private static Sample sample(long images) {
        System.gc();
        return new Sample(images, ProcessMemory.rssBytes() / 1048576.0, ProcessMemory.directBytes() / 1048576.0,
                ProcessMemory.heapAfterLastGcBytes() / 1048576.0);
    }

    /**
     * Slopes in MB per 1000 images after warm-up, as the median of the slopes between every two samples
     * (Theil-Sen): one sample caught in the middle of a burst (a checkpoint, a GC, a Kafka batch) moves a
     * least-squares line a lot and this one hardly at all, while a leak moves every pair alike.
     */
    private static void report(List<Sample> samples) {
        List<Sample> steady = samples.subList(samples.size() / 5, samples.size());
        if (steady.size() < 2) {
            System.out.println("too few samples for a slope");
            return;
        }
        System.out.printf("%nslope after warm-up (%d samples from %d images): rss %+.2f MB, direct %+.2f MB, "
                        + "heap after GC %+.2f MB per 1000 images%n", steady.size(), steady.get(0).images(),
                slope(steady, Sample::rssMb), slope(steady, Sample::directMb), slope(steady, Sample::heapMb));
    }

    private static double slope(List<Sample> s, java.util.function.ToDoubleFunction<Sample> y) {
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) {
                double dx = s.get(j).images() - s.get(i).images();
                if (dx > 0) {
                    slopes.add((y.applyAsDouble(s.get(j)) - y.applyAsDouble(s.get(i))) / dx * 1000);
                }
            }
        }
        if (slopes.isEmpty()) {
            return 0;
        }
        java.util.Collections.sort(slopes);
        int n = slopes.size();
        return n % 2 == 1 ? slopes.get(n / 2) : (slopes.get(n / 2 - 1) + slopes.get(n / 2)) / 2;
    }

    /** Small JPEGs cut at random from the sample photos, so that results vary like a camera's. */
    private static List<byte[]> smallImages(int count) throws Exception {
        List<BufferedImage> photos = new ArrayList<>();
        for (String s : List.of("dog.jpg", "person.jpg", "horses.jpg")) {
            photos.add(ImageIO.read(new File("samples", s)));
        }
        Random rnd = new Random(7);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage p = photos.get(i % photos.size());
            int w = 240 + rnd.nextInt(160);
            int h = w * 3 / 4;
            BufferedImage crop = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            crop.getGraphics().drawImage(p.getSubimage(rnd.nextInt(p.getWidth() - w), rnd.nextInt(p.getHeight() - h), w, h),
                    0, 0, null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(crop, "jpg", bytes);
            out.add(bytes.toByteArray());
        }
        return out;
    }
}
