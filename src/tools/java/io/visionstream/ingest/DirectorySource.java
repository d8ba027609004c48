package io.visionstream.ingest;

import io.visionstream.codec.ImageDecoder;
import io.visionstream.codec.ImageHeader;
import io.visionstream.codec.JpegEncoder;
import io.visionstream.guard.HeaderSniffer;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.preprocess.Resample;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of images as a camera: its files in name order are frames 0, 1, 2, … (on and on with loop). No FFmpeg:
 * each file is sniffed (size and pixels checked before it is decoded), decoded, scaled to maxSide at most and encoded
 * as JPEG once — a JPEG that needs no scaling is sent as it is. {@code --fps} paces the frames; without it they go as
 * fast as the queue drains (a directory is not live, so it waits for the queue rather than dropping). A file that is no
 * readable image is skipped and counted ({@link DropCause#UNREADABLE}); its number stays unused, so a consumer sees
 * the gap.
 */
final class DirectorySource {
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySource.class);
    /** Files above this are not read: no camera frame is that large. */
    static final long MAX_FILE_BYTES = 64L << 20;
    /** Decoded pixels at most, as the job's guard.max-pixels default. */
    static final long MAX_PIXELS = 50_000_000L;

    private DirectorySource() {
    }

    static void run(CameraConfig camera, CameraMetrics metrics, DropOldestQueue<Frame> queue, BooleanSupplier stopped)
            throws InterruptedException, IOException {
        List<Path> files = list(Path.of(camera.source()));
        if (files.isEmpty()) {
            LOG.warn("{}: {} holds no files", camera.stream(), camera.source());
            return;
        }
        metrics.state(CameraMetrics.State.STREAMING);
        LOG.info("{}: streaming {} files of {}{}", camera.stream(), files.size(), camera.source(),
                camera.loop() ? ", looping" : "");
        long number = 0;
        long intervalMs = camera.fps() > 0 ? Math.round(1000 / camera.fps()) : 0;
        long next = System.currentTimeMillis();
        do {
            for (Path f : files) {
                if (stopped.getAsBoolean()) {
                    return;
                }
                byte[] jpeg = frame(camera, f);
                metrics.read.incrementAndGet();
                long n = number++;
                if (jpeg == null) {
                    metrics.drop(DropCause.UNREADABLE);
                    continue;
                }
                if (intervalMs > 0) {
                    long wait = next - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    next = Math.max(next + intervalMs, System.currentTimeMillis() - intervalMs);
                }
                while (queue.size() >= queue.capacity() && !stopped.getAsBoolean()) {
                    Thread.sleep(5);
                }
                long now = System.currentTimeMillis();
                metrics.sampled.incrementAndGet();
                metrics.lastFrameMs.set(now);
                metrics.lastFrameNumber.set(n);
                queue.put(new Frame(camera, n, now, jpeg));
            }
        } while (camera.loop() && !stopped.getAsBoolean());
        LOG.info("{}: end of {} after {} files", camera.stream(), camera.source(), number);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        }
    }

    /** The file as the JPEG to publish, or null (logged) when it is no image ingest can take. */
    static byte[] frame(CameraConfig camera, Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                LOG.warn("{}: {} skipped: above {} bytes", camera.stream(), file, MAX_FILE_BYTES);
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            ImageHeader h = HeaderSniffer.sniff(bytes);
            if ((long) h.width() * h.height() > MAX_PIXELS) {
                LOG.warn("{}: {} skipped: {}x{} is above {} pixels", camera.stream(), file, h.width(), h.height(),
                        MAX_PIXELS);
                return null;
            }
            boolean fits = Math.max(h.width(), h.height()) <= camera.maxSide();
            if (fits && h.format() == io.visionstream.codec.ImageFormat.JPEG) {
                ImageDecoder.decode(bytes, h); // a JPEG that does not decode is no frame either
                return bytes;
            }
            BufferedImage image = ImageDecoder.decode(bytes, h);
            return JpegEncoder.encode(fits ? image : scaled(image, camera.maxSide()), camera.quality() / 100f);
        } catch (RejectedInputException | IOException | RuntimeException e) {
            LOG.warn("{}: {} skipped: {}", camera.stream(), file, e.getMessage());
            return null;
        }
    }

    private static BufferedImage scaled(BufferedImage image, int maxSide) {
        double s = maxSide / (double) Math.max(image.getWidth(), image.getHeight());
        return Resample.bilinear(image, (int) Math.round(image.getWidth() * s), (int) Math.round(image.getHeight() * s));
    }
}
