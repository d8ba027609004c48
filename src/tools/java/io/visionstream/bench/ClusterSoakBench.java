package io.visionstream.bench;

import io.visionstream.job.JobConfig;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code visionstream bench cluster-soak}: soaks a job that already runs on a standalone cluster (see
 * {@code flink-conf/soak-cluster.sh}, which starts the broker and the cluster and submits the job) and watches
 * the TaskManager only through what a user's monitoring sees: the Prometheus endpoints of flink-conf/. Feeds the
 * same mix of images as {@code bench soak} (topics {@code PREFIX-images}, ...), samples every {@code --every-s}
 * seconds, prints the slopes over the second half and writes bench-cluster-soak.csv.
 */
public final class ClusterSoakBench {
    private static final String TM = "flink_taskmanager_";
    private static final String JM = "flink_jobmanager_";

    /** One scrape of the TaskManager (and the JobManager's checkpoint count). */
    record Sample(double seconds, long images, long checkpoints, double rssMb, double heapUsedMb, double directMb,
                  double nonHeapMb, double metaspaceMb, double threads) {
        static final String CSV = "seconds,images,checkpoints,rss_mb,heap_used_mb,direct_mb,nonheap_committed_mb,"
                + "metaspace_mb,threads";

        String csv() {
            return String.format(Locale.ROOT, "%.1f,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.0f", seconds, images, checkpoints,
                    rssMb, heapUsedMb, directMb, nonHeapMb, metaspaceMb, threads);
        }
    }

    private ClusterSoakBench() {
    }

    /** {@code a}: the options of {@code visionstream bench ...} by name (io.visionstream.cli.BenchCommand). */
    public static int main(Map<String, String> a) throws Exception {
        Path out = Path.of(a.getOrDefault("out", "bench-out"));
        double minutes = Double.parseDouble(a.getOrDefault("minutes", "30"));
        double everySeconds = Double.parseDouble(a.getOrDefault("every-s", "30"));
        List<String> models = Arrays.asList(a.getOrDefault("model", "nanodet-coco,ppocr,selfie-person").split(","));
        String prefix = a.getOrDefault("prefix", "soak");
        JobConfig config = JobConfig.builder()
                .set("kafka.bootstrap", a.getOrDefault("bootstrap", "127.0.0.1:9092"))
                .set("topics.images", prefix + "-images")
                .set("topics.detections", prefix + "-detections")
                .set("topics.masks", prefix + "-masks")
                .set("topics.rejects", prefix + "-rejects")
                .set("checkpoint.interval-ms", Long.parseLong(a.getOrDefault("checkpoint-ms", "10000")))
                .set("models.enabled", String.join(",", models))
                .set("model.default", models.get(0))
                .build();
        String host = a.getOrDefault("metrics-host", "localhost");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String tm = endpoint(http, host, TM);
        String jm = endpoint(http, host, JM);
        System.out.printf("TaskManager metrics: %s, JobManager metrics: %s%n", tm, jm);
        Files.createDirectories(out);
        List<Sample> samples = new ArrayList<>();
        System.out.printf("%n%8s %7s %6s %8s %8s %9s %9s %9s %7s %6s%n", "images", "min", "ckpts", "rss MB", "heap MB",
                "direct MB", "nonheap", "metaspace", "threads", "img/s");
        try (SoakFeed feed = new SoakFeed(config, models)) {
            double lastSampleS = -everySeconds;
            boolean last = false;
            while (!last) {
                boolean stop = feed.seconds() >= minutes * 60;
                feed.step(stop, Long.MAX_VALUE);
                last = stop && feed.done() >= feed.published();
                if (feed.seconds() - lastSampleS >= everySeconds || last) {
                    Sample s = sample(http, tm, jm, feed);
                    if (s.rssMb() > 0) {
                        samples.add(s);
                    }
                    System.out.printf(Locale.ROOT, "%8d %7.1f %6d %8.1f %8.1f %9.1f %9.1f %9.1f %7.0f %6.1f%n", s.images(),
                            s.seconds() / 60, s.checkpoints(), s.rssMb(), s.heapUsedMb(), s.directMb(), s.nonHeapMb(),
                            s.metaspaceMb(), s.threads(), s.images() / Math.max(1, s.seconds()));
                    lastSampleS = feed.seconds();
                }
            }
        }
        report(samples);
        Path csv = out.resolve("bench-cluster-soak.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write(Sample.CSV + "\n");
            for (Sample s : samples) {
                w.write(s.csv() + "\n");
            }
        }
        System.out.println("wrote " + csv);
        return 0;
    }

    private static Sample sample(HttpClient http, String tm, String jm, SoakFeed feed) throws InterruptedException {
        String t = scrape(http, tm);
        String j = jm == null ? "" : scrape(http, jm);
        return new Sample(feed.seconds(), feed.done(), (long) max(j, JM + "job_numberOfCompletedCheckpoints"),
                mb(max(t, TM + "job_task_operator_visionstream_rssBytes")), mb(max(t, TM + "Status_JVM_Memory_Heap_Used")),
                mb(max(t, TM + "Status_JVM_Memory_Direct_MemoryUsed")),
                mb(max(t, TM + "Status_JVM_Memory_NonHeap_Committed")),
                mb(max(t, TM + "Status_JVM_Memory_Metaspace_Used")), max(t, TM + "Status_JVM_Threads_Count"));
    }

    /** The first Prometheus endpoint of flink-conf/ (ports 9250-9260) whose metrics start with {@code prefix}. */
    private static String endpoint(HttpClient http, String host, String prefix) throws InterruptedException {
        for (int port = 9250; port <= 9260; port++) {
            String url = "http://" + host + ":" + port + "/metrics";
            if (scrape(http, url).contains("\n" + prefix)) {
                return url;
            }
        }
        if (prefix.equals(TM)) {
            throw new IllegalStateException("no TaskManager metrics on " + host + ":9250-9260; is the cluster up "
                    + "(flink-conf/start-cluster.sh) with the Prometheus reporter of flink-conf/conf/config.yaml?");
        }
        return null;
    }

    private static String scrape(HttpClient http, String url) throws InterruptedException {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? "\n" + r.body() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The largest value of a metric over its series (labels): a gauge every slot reports for the same process,
     * or a job's count; -1 where no series has it yet.
     */
    static double max(String exposition, String metric) {
        double best = -1;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            if (!rest.startsWith("{") && !rest.startsWith(" ")) {
                continue;
            }
            try {
                double v = Double.parseDouble(rest.substring(rest.lastIndexOf(' ') + 1));
                if (!Double.isNaN(v)) {
                    best = Math.max(best, v);
                }
            } catch (NumberFormatException e) {
                // not a number: not a sample
            }
        }
        return best;
    }

    private static double mb(double bytes) {
        return bytes < 0 ? -1 : bytes / 1048576.0;
    }

    private static void report(List<Sample> samples) {
        List<Sample> half = Slopes.secondHalf(samples, Sample::images, Sample::seconds, Sample::checkpoints);
        if (half == null) {
            return;
        }
        row(half, "rss", Sample::rssMb);
        row(half, "heap used", Sample::heapUsedMb);
        row(half, "direct", Sample::directMb);
        row(half, "non-heap committed", Sample::nonHeapMb);
        row(half, "metaspace", Sample::metaspaceMb);
    }

    private static void row(List<Sample> s, String name, ToDoubleFunction<Sample> y) {
        Slopes.printRow(s, name, Sample::images, Sample::seconds, Sample::checkpoints, y);
    }
}
