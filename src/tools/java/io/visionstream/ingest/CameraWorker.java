package io.visionstream.ingest;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera: a decoder thread that runs FFmpeg sessions one after the other (reconnecting with backoff after each
 * drop) and puts kept frames in the camera's bounded queue, and a publisher thread that hands them to Kafka. Two
 * threads and a queue per camera, nothing shared but the producer: a camera that fails, stalls or floods never
 * slows down the others. Frame numbers keep increasing across sessions: a new session continues after the last
 * frame plus the frames the outage is estimated to have missed (its length times the source rate), so the gap
 * shows consumers the drop.
 */
public final class CameraWorker {
    private static final Logger LOG = LoggerFactory.getLogger(CameraWorker.class);

    private final CameraConfig camera;
    private final CameraMetrics metrics;
    private final DropOldestQueue<Frame> queue;
    private final FramePublisher publisher;
    private final List<String> argv;
    private final Backoff backoff;
    private final int maxFrameBytes;
    private final Thread decoder;
    private final Thread sender;
    private volatile boolean stopped;
    private volatile FfmpegSession session;

    public CameraWorker(CameraConfig camera, String ffmpeg, FramePublisher publisher, Backoff backoff, int maxFrameBytes) {
        this.camera = camera;
        this.metrics = new CameraMetrics(camera.stream());
        this.queue = new DropOldestQueue<>(camera.queueFrames(), f -> metrics.drop(DropCause.QUEUE_FULL));
        this.publisher = publisher;
        this.argv = camera.kind() == SourceKind.DIRECTORY ? List.of("(directory)") : FfmpegCommand.argv(ffmpeg, camera);
        this.backoff = backoff;
        this.maxFrameBytes = maxFrameBytes;
        this.decoder = new Thread(this::decode, "ingest-" + camera.stream() + "-decode");
        this.sender = new Thread(this::publish, "ingest-" + camera.stream() + "-publish");
    }

    public void start() {
        LOG.debug("{}: {}", camera.stream(), String.join(" ", argv));
        decoder.start();
        sender.start();
    }

    public CameraConfig camera() {
        return camera;
    }

    public CameraMetrics metrics() {
        return metrics;
    }

    public int queued() {
        return queue.size();
    }

    /** The running FFmpeg's process id; -1 between sessions (for the benchmark's CPU and memory readings). */
    public long decoderPid() {
        FfmpegSession s = session;
        return s == null ? -1 : s.pid();
    }

    /** Whether the decoder has finished (a file without loop at its end, or stopped). */
    public boolean decoderDone() {
        return !decoder.isAlive();
    }

    /** Stops decoding now; the publisher sends what is queued, then ends. */
    public void stop() {
        stopped = true;
        decoder.interrupt();
        FfmpegSession s = session;
        if (s != null) {
            s.kill(ConnectionDrop.LOST);
        }
    }

    /** Waits for both threads (the publisher drains the queue first). */
    public boolean join(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        decoder.join(Math.max(1, deadline - System.currentTimeMillis()));
        sender.join(Math.max(1, deadline - System.currentTimeMillis()));
        return !decoder.isAlive() && !sender.isAlive();
    }

    private void decode() {
        if (camera.kind() == SourceKind.DIRECTORY) {
            try {
                DirectorySource.run(camera, metrics, queue, () -> stopped);
                metrics.state(CameraMetrics.State.FINISHED);
            } catch (InterruptedException e) {
                metrics.state(CameraMetrics.State.STOPPED);
            } catch (IOException e) {
                LOG.error("{}: cannot read {}: {}", camera.stream(), camera.source(), e.getMessage());
                metrics.state(CameraMetrics.State.STOPPED);
            }
            return;
        }
        long lastNumber = -1;
        long lastFrameMs = 0;
        String lastSize = "";
        String lastFailure = null;
        int failedAttempts = 0;
        long outageStartMs = 0;
        try {
            while (!stopped) {
                metrics.state(CameraMetrics.State.CONNECTING);
                FfmpegSession s;
                try {
                    s = FfmpegSession.start(argv, camera, metrics, maxFrameBytes);
                } catch (IOException e) {
                    // no ffmpeg binary (or no process could start): nothing a retry at once would change
                    LOG.error("{}: cannot start {}: {}", camera.stream(), argv.get(0), e.getMessage());
                    metrics.connectionDrop(ConnectionDrop.LOST);
                    metrics.state(CameraMetrics.State.BACKOFF);
                    Thread.sleep(backoff.nextDelayMs());
                    metrics.reconnects.incrementAndGet();
                    continue;
                }
                session = s;
                if (stopped) {
                    s.kill(ConnectionDrop.LOST);
                }
                long base = -1;
                FfmpegSession.SessionFrame f;
                while ((f = s.next()) != null) {
                    if (base < 0) {
                        base = lastNumber < 0 ? 0 : lastNumber + 1 + missedFrames(s.sourceFps(), lastFrameMs, f.captureMs());
                        String size = f.jpeg().width() + "x" + f.jpeg().height();
                        if (failedAttempts > 0 || outageStartMs > 0) {
                            LOG.info("{}: reconnected after {} attempt(s), {} s without frames; {} frames from {}",
                                    camera.stream(), failedAttempts + 1, (f.captureMs() - outageStartMs) / 1000, size,
                                    base + f.number());
                        } else {
                            LOG.info("{}: streaming {} ({} frames{}, sampled to {})", camera.stream(), camera.shownSource(), size,
                                    s.sourceFps() > 0 ? String.format(" at %.4g fps", s.sourceFps()) : "",
                                    camera.keyframesOnly() ? "key frames" : camera.fps() > 0 ? camera.fps() + " fps" : "every frame");
                        }
                        if (!lastSize.isEmpty() && !lastSize.equals(size)) {
                            LOG.warn("{}: frame size is now {} (was {})", camera.stream(), size, lastSize);
                        }
                        lastSize = size;
                        failedAttempts = 0;
                        lastFailure = null;
                        outageStartMs = 0;
                        backoff.reset();
                        metrics.state(CameraMetrics.State.STREAMING);
                        metrics.size(f.jpeg().width(), f.jpeg().height());
                    }
                    long number = base + f.number();
                    lastNumber = number;
                    lastFrameMs = f.captureMs();
                    metrics.sampled.incrementAndGet();
                    metrics.lastFrameMs.set(f.captureMs());
                    metrics.lastFrameNumber.set(number);
                    queue.put(new Frame(camera, number, f.captureMs(), f.jpeg().bytes()));
                }
                ConnectionDrop cause = s.endedFor();
                s.close();
                session = null;
                if (stopped) {
                    break;
                }
                if (cause == null && !camera.kind().live) {
                    LOG.info("{}: end of {} after {} frames", camera.stream(), camera.shownSource(), lastNumber + 1);
                    metrics.state(CameraMetrics.State.FINISHED);
                    return;
                }
                if (cause == null) {
                    cause = ConnectionDrop.LOST; // a live source that ends has dropped
                }
                metrics.connectionDrop(cause);
                if (outageStartMs == 0) {
                    outageStartMs = lastFrameMs > 0 ? lastFrameMs : System.currentTimeMillis();
                }
                long delay = backoff.nextDelayMs();
                String failure = describe(cause, s);
                // one line per drop; a camera that stays away repeats its line only when the reason changes
                if (!Objects.equals(failure, lastFailure)) {
                    LOG.warn("{}: {}; reconnecting in {} ms (backoff up to {} ms)", camera.stream(), failure, delay,
                            backoff.maxMs());
                } else {
                    LOG.debug("{}: {}; reconnecting in {} ms", camera.stream(), failure, delay);
                }
                lastFailure = failure;
                if (base < 0) {
                    failedAttempts++;
                }
                metrics.state(CameraMetrics.State.BACKOFF);
                Thread.sleep(delay);
                metrics.reconnects.incrementAndGet();
            }
        } catch (InterruptedException e) {
            // stopped
        } finally {
            if (metrics.state() != CameraMetrics.State.FINISHED) {
                metrics.state(CameraMetrics.State.STOPPED);
            }
        }
    }

    private String describe(ConnectionDrop cause, FfmpegSession s) {
        return switch (cause) {
            case STALL -> "stalled: no frame for " + camera.stallTimeoutS() + " s";
            case RESOLUTION -> "frame size changed mid-stream";
            case LOST -> "source lost (ffmpeg exit " + s.exitCode() + (s.lastMessage().isEmpty() ? "" : ": "
                    + s.lastMessage()) + ")";
        };
    }

    /** Source frames an outage skipped: its length times the source rate, less the one the next frame is. */
    static long missedFrames(double sourceFps, long lastFrameMs, long nextFrameMs) {
        if (sourceFps <= 0 || lastFrameMs <= 0 || nextFrameMs <= lastFrameMs) {
            return 0;
        }
        return Math.max(0, Math.round((nextFrameMs - lastFrameMs) / 1000.0 * sourceFps) - 1);
    }

    private void publish() {
        try {
            while (true) {
                Frame f = queue.poll(200, TimeUnit.MILLISECONDS);
                if (f != null) {
                    publisher.send(f, metrics);
                } else if (!decoder.isAlive()) {
                    return; // decoder done and queue drained
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{}: publisher failed: {}", camera.stream(), e.toString());
        }
    }
}
