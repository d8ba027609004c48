package io.visionstream.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one camera's FFmpeg process: JPEG frames from its standard output, their source frame numbers from
 * the showinfo lines on its standard error (see {@link FfmpegCommand}), and a watchdog that ends the process when
 * no frame was decoded for the stall timeout (a camera that keeps the TCP connection open but sends nothing never
 * ends the process by itself). The session ends at the end of the stream, when the process dies, or when it is
 * killed; {@link #endedFor} says why.
 */
final class FfmpegSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegSession.class);
    /** How long a JPEG waits for its showinfo line (standard error and output are separate pipes). */
    private static final long NUMBER_WAIT_MS = 2000;

    /** A kept frame of this session: its frame number counts source frames from this session's first. */
    record SessionFrame(long number, JpegStreamReader.Jpeg jpeg, long captureMs) {
    }

    private final CameraConfig camera;
    private final Process process;
    private final JpegStreamReader jpegs;
    private final Thread stderrReader;
    private final Thread watchdog;
    private final CameraMetrics metrics;
    private final long stallNanos;
    private final LinkedBlockingQueue<Long> numbers = new LinkedBlockingQueue<>();
    /** pts → decoded frame number, for the kept frames' lines that follow (bounded: a few frames in flight). */
    private final Map<Long, Long> numberOfPts = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > 256;
        }
    };
    private final ArrayDeque<String> lastMessages = new ArrayDeque<>();
    private final AtomicReference<ConnectionDrop> killedFor = new AtomicReference<>();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile double sourceFps;
    private volatile String decodedSize = "";
    private double firstKeptPtsTime = Double.NaN;
    private volatile long lastDecodedN = -1;
    private long lastNumber = -1;
    private boolean warnedUnnumbered;
    private boolean warnedFileResize;

    private FfmpegSession(CameraConfig camera, Process process, CameraMetrics metrics, int maxFrameBytes) {
        this.camera = camera;
        this.process = process;
        this.metrics = metrics;
        this.stallNanos = (long) (camera.stallTimeoutS() * 1e9);
        this.jpegs = new JpegStreamReader(process.getInputStream(), maxFrameBytes);
        this.stderrReader = new Thread(this::readStderr, "ingest-" + camera.stream() + "-ffmpeg-log");
        this.watchdog = new Thread(this::watch, "ingest-" + camera.stream() + "-watchdog");
        stderrReader.setDaemon(true);
        watchdog.setDaemon(true);
    }

    static FfmpegSession start(List<String> argv, CameraConfig camera, CameraMetrics metrics, int maxFrameBytes)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        FfmpegSession s = new FfmpegSession(camera, pb.start(), metrics, maxFrameBytes);
        s.process.getOutputStream().close(); // -nostdin too: FFmpeg never waits for keys
        s.stderrReader.start();
        s.watchdog.start();
        return s;
    }

    /** The next kept frame; null when the session has ended (see {@link #endedFor}). */
    SessionFrame next() throws InterruptedException {
        JpegStreamReader.Jpeg jpeg;
        try {
            jpeg = jpegs.next();
        } catch (IOException e) {
            if (killedFor.get() == null) {
                message("reading frames: " + e.getMessage());
                kill(ConnectionDrop.LOST);
            }
            return null;
        }
        if (jpeg == null) {
            return null;
        }
        long captureMs = System.currentTimeMillis();
        lastActivityNanos = System.nanoTime();
        Long n = numbers.poll(NUMBER_WAIT_MS, TimeUnit.MILLISECONDS);
        if (n == null) {
            // should not happen (the line precedes the encode); keep numbers increasing rather than stop
            if (!warnedUnnumbered) {
                LOG.warn("{}: a frame came without its showinfo line; numbering it after the previous one",
                        camera.stream());
                warnedUnnumbered = true;
            }
            n = lastNumber + 1;
        }
        lastNumber = Math.max(lastNumber + 1, n);
        return new SessionFrame(lastNumber, jpeg, captureMs);
    }

    private void readStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                ShowinfoLine info = ShowinfoLine.parse(line);
                if (info == null) {
                    if (sourceFps == 0 && line.contains("Stream #0")) {
                        sourceFps = SourceInfo.fps(line);
                    }
                    if (!noise(line)) {
                        message(line);
                    }
                } else if (info.filter().equals(FfmpegCommand.DECODED)) {
                    decoded(info);
                } else if (info.filter().equals(FfmpegCommand.KEPT)) {
                    kept(info);
                }
            }
        } catch (IOException e) {
            // the process is gone: next() sees the end of its output
        }
    }

    /** FFmpeg's banner, stream description and progress lines: not what a failure message needs. */
    static boolean noise(String line) {
        return line.startsWith("[Parsed_showinfo_") || line.startsWith(" ") || line.startsWith("frame=")
                || line.startsWith("video:") || line.startsWith("Input #") || line.startsWith("Output #")
                || line.startsWith("Stream mapping") || line.startsWith("Press [q]") || line.contains("deprecated pixel format")
                || line.isBlank();
    }

    private void decoded(ShowinfoLine info) {
        lastActivityNanos = System.nanoTime();
        metrics.read.incrementAndGet();
        lastDecodedN = info.n();
        synchronized (numberOfPts) {
            numberOfPts.put(info.pts(), info.n());
        }
        if (!info.size().isEmpty()) {
            if (!decodedSize.isEmpty() && !decodedSize.equals(info.size()) && killedFor.get() == null) {
                // one FFmpeg run keeps its encoder's first size (it rescales later frames to it, distorting them);
                // a fresh run takes the new size from its start. A file would start over, so it keeps the size.
                if (camera.kind().live) {
                    LOG.warn("{}: frame size changed from {} to {} mid-stream; restarting the decoder", camera.stream(),
                            decodedSize, info.size());
                    kill(ConnectionDrop.RESOLUTION);
                } else if (!warnedFileResize) {
                    LOG.warn("{}: frame size changed from {} to {} in the file; frames keep the first size",
                            camera.stream(), decodedSize, info.size());
                    warnedFileResize = true;
                }
            }
            decodedSize = info.size();
        }
    }

    private void kept(ShowinfoLine info) {
        long n;
        if (camera.keyframesOnly()) {
            // the decoder skipped the frames between key frames, so showinfo's count is of key frames only:
            // count source frames from the timeline instead
            if (Double.isNaN(firstKeptPtsTime)) {
                firstKeptPtsTime = info.ptsTime();
            }
            n = sourceFps > 0 && !Double.isNaN(info.ptsTime())
                    ? Math.round((info.ptsTime() - firstKeptPtsTime) * sourceFps) : info.n();
        } else {
            Long decodedN = null;
            if (info.pts() != ShowinfoLine.NO_PTS) {
                synchronized (numberOfPts) {
                    decodedN = numberOfPts.get(info.pts());
                }
            }
            // without a timestamp: the frame select passed is the one decoded last (frames pass one at a time)
            n = decodedN != null ? decodedN : lastDecodedN >= 0 ? lastDecodedN : info.n();
        }
        numbers.add(n);
    }

    private void watch() {
        try {
            while (process.isAlive()) {
                Thread.sleep(200);
                if (System.nanoTime() - lastActivityNanos > stallNanos && killedFor.get() == null) {
                    kill(ConnectionDrop.STALL);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void message(String line) {
        line = line.replaceAll(" @ 0x[0-9a-f]+", ""); // addresses differ per run: equal failures read equal
        LOG.debug("{}: ffmpeg: {}", camera.stream(), line);
        synchronized (lastMessages) {
            if (lastMessages.size() == 4) {
                lastMessages.pollFirst();
            }
            lastMessages.addLast(line.strip());
        }
    }

    /** Ends the process (TERM, then KILL after 2 s) and remembers why; the first cause wins. */
    void kill(ConnectionDrop cause) {
        killedFor.compareAndSet(null, cause);
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Why the session ended: null for a clean end of stream (exit 0, not killed). Waits for the process. */
    ConnectionDrop endedFor() throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            kill(ConnectionDrop.LOST);
        }
        ConnectionDrop k = killedFor.get();
        if (k != null) {
            return k;
        }
        return process.exitValue() == 0 ? null : ConnectionDrop.LOST;
    }

    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    double sourceFps() {
        return sourceFps;
    }

    String decodedSize() {
        return decodedSize;
    }

    long pid() {
        return process.pid();
    }

    /** FFmpeg's last few messages: why it failed, in its own words. */
    String lastMessage() {
        synchronized (lastMessages) {
            return lastMessages.isEmpty() ? "" : String.join(" | ", lastMessages);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill(killedFor.get() != null ? killedFor.get() : ConnectionDrop.LOST);
        }
        try {
            stderrReader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.interrupt();
    }
}
