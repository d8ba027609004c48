package io.visionstream.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest process: a {@link CameraWorker} per camera, the shared {@link FramePublisher}, the fps ticker, the
 * table on standard output and the Prometheus endpoint. It runs until every camera has finished (files without
 * loop), {@code durationS} has passed, or {@link #stop} is called (the launcher's shutdown hook on SIGTERM).
 */
public final class Ingest {
    private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);
    /** The largest JPEG a decoder may write: past the largest record there is nothing to publish anyway. */
    private static final int FRAME_BYTES_SLACK = 1 << 20;

    private final List<CameraConfig> cameras;
    private final IngestSettings settings;
    private final PrintStream out;
    private final List<CameraWorker> workers = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile PrometheusEndpoint endpoint;

    public Ingest(List<CameraConfig> cameras, IngestSettings settings, PrintStream out) {
        if (cameras.isEmpty()) {
            throw new IllegalArgumentException("no camera: give --stream and --source, or --cameras FILE");
        }
        Set<String> streams = new HashSet<>();
        for (CameraConfig c : cameras) {
            if (!streams.add(c.stream())) {
                throw new IllegalArgumentException("stream id '" + c.stream() + "' is given twice: each camera needs its own");
            }
        }
        this.cameras = List.copyOf(cameras);
        this.settings = settings;
        this.out = out;
    }

    /** Runs to the end (see the class comment); answers whether every camera's frames were sent or counted. */
    public void run() throws IOException, InterruptedException {
        try (FramePublisher publisher = new FramePublisher(settings.kafka(), settings.topic(), settings.maxBlockMs(),
                settings.bufferBytes())) {
            Random random = new Random();
            int maxFrameBytes = settings.kafka().maxRecordBytes() + FRAME_BYTES_SLACK;
            for (CameraConfig c : cameras) {
                workers.add(new CameraWorker(c, settings.ffmpeg(), publisher,
                        new Backoff(settings.backoffInitialMs(), settings.backoffMaxMs(), new Random(random.nextLong())),
                        maxFrameBytes));
            }
            if (settings.metricsPort() > 0) {
                endpoint = new PrometheusEndpoint(settings.metricsPort(), workers);
                LOG.info("Prometheus metrics on http://0.0.0.0:{}/metrics", endpoint.port());
            }
            LOG.info("ingesting {} camera(s) into topic {} at {}", workers.size(), settings.topic(),
                    settings.kafka().bootstrap());
            workers.forEach(CameraWorker::start);
            loop();
            workers.forEach(CameraWorker::stop);
            for (CameraWorker w : workers) {
                if (!w.join(10_000)) {
                    LOG.warn("{}: did not stop within 10 s", w.camera().stream());
                }
            }
            publisher.flush();
        } finally {
            if (endpoint != null) {
                endpoint.close();
            }
            for (CameraWorker w : workers) {
                w.metrics().tick(System.nanoTime());
            }
            if (!workers.isEmpty()) {
                out.print(MetricsTable.render(workers));
                out.flush();
            }
            done.countDown();
        }
    }

    /** Ticks the fps once a second and prints the table every reportEveryS, until it is time to stop. */
    private void loop() throws InterruptedException {
        long start = System.nanoTime();
        long nextReport = settings.reportEveryS() > 0 ? start + (long) (settings.reportEveryS() * 1e9) : Long.MAX_VALUE;
        while (!stopRequested.await(1, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            workers.forEach(w -> w.metrics().tick(now));
            if (now >= nextReport) {
                out.print(MetricsTable.render(workers));
                out.flush();
                nextReport += (long) (settings.reportEveryS() * 1e9);
            }
            if (settings.durationS() > 0 && now - start >= settings.durationS() * 1e9) {
                return;
            }
            if (workers.stream().allMatch(CameraWorker::decoderDone)) {
                return;
            }
        }
    }

    /** Asks the run to end (any thread); {@link #awaitDone} waits for it. */
    public void stop() {
        stopRequested.countDown();
    }

    public boolean awaitDone(long timeoutMs) throws InterruptedException {
        return done.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** The workers (for tests and the benchmark); filled when run() starts. */
    public List<CameraWorker> workers() {
        return workers;
    }

    /** The metrics endpoint's port once started (0 when none), e.g. after --metrics-port picked a free one. */
    public int metricsPort() {
        PrometheusEndpoint e = endpoint;
        return e == null ? 0 : e.port();
    }
}
