package io.visionstream.ingest;

import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.io.KafkaSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code visionstream bench ingest}: one camera at a time (an H.264 clip that FFmpeg generates, looped at its own
 * 25 fps as a camera delivers it) through ingest into an in-process broker, at each size and each sampling rate.
 * Per row: frames per second published, CPU of the camera's FFmpeg process (from /proc) and of ingest's own
 * threads for that camera and the producer (the broker's threads are not counted), FFmpeg's resident set, and the
 * start-up time to the first frame. Writes bench-ingest.csv and prints the table.
 */
public final class IngestBench {
    /** Linux's clock ticks per second for /proc/PID/stat (USER_HZ, 100 on every mainstream kernel). */
    private static final double CLK_TCK = 100;

    private IngestBench() {
    }

    record Row(String size, double targetFps, double fps, double ffmpegCores, double javaCores, long ffmpegRssMb,
            long startupMs, long dropped) {
    }

    public static int main(Map<String, String> o) throws Exception {
        Path out = Path.of(o.getOrDefault("out", "bench-out"));
        Files.createDirectories(out);
        List<String> sizes = List.of(o.getOrDefault("sizes", "1280x720,1920x1080").split(","));
        List<String> rates = List.of(o.getOrDefault("rates", "0,5").split(","));
        double seconds = Double.parseDouble(o.getOrDefault("seconds", "15"));
        double warmup = Double.parseDouble(o.getOrDefault("warmup-seconds", "3"));
        PrintStream log = System.out;
        List<Row> rows = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(1, Map.of("retention.bytes", Long.toString(256L << 20)), "bench-ingest");
            for (String size : sizes) {
                Path clip = clip(out, size);
                for (String rate : rates) {
                    Row r = measure(kafka.bootstrapServers(), clip, size, Double.parseDouble(rate), seconds, warmup);
                    log.printf(Locale.ROOT, "%s at %s: %.1f fps, ffmpeg %.2f cores, ingest %.2f cores%n", size,
                            r.targetFps() == 0 ? "full rate" : r.targetFps() + " fps", r.fps(), r.ffmpegCores(), r.javaCores());
                    rows.add(r);
                }
            }
        }
        StringBuilder csv = new StringBuilder("size,target_fps,fps,ffmpeg_cores,ingest_cores,ffmpeg_rss_mb,startup_ms,dropped\n");
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-10s %-9s %6s %12s %12s %10s %10s %8s%n",
                "source", "sampling", "fps", "ffmpeg cores", "ingest cores", "ffmpeg RSS", "first frame", "dropped"));
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%.1f,%.2f,%.3f,%.3f,%d,%d,%d%n", r.size(), r.targetFps(), r.fps(),
                    r.ffmpegCores(), r.javaCores(), r.ffmpegRssMb(), r.startupMs(), r.dropped()));
            table.append(String.format(Locale.ROOT, "%-10s %-9s %6.1f %12.2f %12.2f %7d MB %8d ms %8d%n", r.size(),
                    r.targetFps() == 0 ? "full" : r.targetFps() + " fps", r.fps(), r.ffmpegCores(), r.javaCores(),
                    r.ffmpegRssMb(), r.startupMs(), r.dropped()));
        }
        Files.writeString(out.resolve("bench-ingest.csv"), csv);
        log.print(table);
        log.println("wrote " + out.resolve("bench-ingest.csv"));
        return 0;
    }

    /** A camera-like H.264 clip (testsrc2: moving content, 25 fps, a key frame every 2 s), made once. */
    static Path clip(Path out, String size) throws IOException, InterruptedException {
        Path clip = out.resolve("ingest-" + size + ".mp4");
        if (Files.isRegularFile(clip)) {
            return clip;
        }
        Process p = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", "testsrc2=size=" + size + ":rate=25", "-t", "20", "-c:v", "libx264", "-preset", "veryfast",
                "-g", "50", "-pix_fmt", "yuv420p", clip.toString())).inheritIO().start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg could not make " + clip);
        }
        return clip;
    }

    private static Row measure(String bootstrap, Path clip, String size, double fps, double seconds, double warmup)
            throws Exception {
        CameraConfig camera = CamerasFile.camera(Map.of("stream", "bench-" + size + "-" + fps, "source", clip.toString(),
                "loop", true, "fps", fps));
        IngestSettings settings = new IngestSettings("ffmpeg", KafkaSettings.plain(bootstrap), "bench-ingest", 1000,
                32 << 20, 500, 30_000, 0, 0, 0);
        Ingest ingest = new Ingest(List.of(camera), settings, new PrintStream(PrintStream.nullOutputStream()));
        long start = System.nanoTime();
        Thread run = new Thread(() -> {
            try {
                ingest.run();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "bench-ingest");
        run.start();
        try {
            while (ingest.workers().isEmpty() || ingest.workers().get(0).metrics().sampled.get() == 0) {
                if (System.nanoTime() - start > 60e9) {
                    throw new IOException("no frame within 60 s from " + clip);
                }
                Thread.sleep(5);
            }
            long startupMs = (System.nanoTime() - start) / 1_000_000;
            CameraWorker w = ingest.workers().get(0);
            Thread.sleep((long) (warmup * 1000));
            long pid = w.decoderPid();
            long t0 = System.nanoTime();
            long ticks0 = ticks(pid);
            long java0 = ingestThreadsCpuNanos();
            long sampled0 = w.metrics().published.get();
            long rss = 0;
            long end = t0 + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                Thread.sleep(500);
                rss = Math.max(rss, rssKb(pid));
            }
            double dt = (System.nanoTime() - t0) / 1e9;
            double ffmpegCores = (ticks(pid) - ticks0) / CLK_TCK / dt;
            double javaCores = (ingestThreadsCpuNanos() - java0) / 1e9 / dt;
            double rate = (w.metrics().published.get() - sampled0) / dt;
            return new Row(size, fps, rate, ffmpegCores, javaCores, rss / 1024, startupMs, w.metrics().droppedTotal());
        } finally {
            ingest.stop();
            run.join(30_000);
        }
    }

    /** utime + stime of a process, in clock ticks. */
    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat(5)
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** CPU of ingest's threads (decode, publish, watchdog, FFmpeg's log reader) and the producer's I/O thread. */
    private static long ingestThreadsCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ingest-") || t.getName().startsWith("kafka-producer-network-thread")) {
                long c = mx.getThreadCpuTime(t.getId());
                sum += Math.max(0, c);
            }
        }
        return sum;
    }
}
