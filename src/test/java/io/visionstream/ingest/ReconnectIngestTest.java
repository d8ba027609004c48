package io.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.cli.EmbeddedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live sources that fail, with real servers: an HTTP MJPEG camera (FFmpeg serving {@code -f mpjpeg -listen 1})
 * killed mid-stream and restarted, and a server that accepts the connection but never sends a frame (a stall),
 * ingested beside a healthy camera that must not notice.
 */
class ReconnectIngestTest {
    private static EmbeddedKafka kafka;
    private static Path video;
    /** The camera after its restart: another resolution (a camera reconfigured, or an NVR's other stream). */
    private static Path smaller;

    @BeforeAll
    static void start() throws Exception {
        TestVideo.assumeFfmpeg();
        Path dir = Files.createTempDirectory("ingest-live");
        video = TestVideo.h264(dir.resolve("clip.mp4"), 250, 25, 25);
        smaller = TestVideo.h264(dir.resolve("small.mp4"), 250, 25, 25, 256, 144);
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void await(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static Thread runInBackground(Ingest ingest) {
        Thread t = new Thread(() -> {
            try {
                ingest.run();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "ingest-under-test");
        t.start();
        return t;
    }

    /** A camera server that can be killed and started again on the same port. */
    private interface Server {
        void kill() throws Exception;
    }

    private static Process ffmpeg(List<String> args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin"));
        argv.addAll(args);
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** An HTTP MJPEG camera: FFmpeg plays the clip in a loop at its own rate to one client. */
    private static Server httpCamera(int port) throws IOException {
        Process p = ffmpeg(List.of("-re", "-stream_loop", "-1", "-i", video.toString(), "-an", "-c:v", "mjpeg",
                "-q:v", "5", "-f", "mpjpeg", "-listen", "1", "http://127.0.0.1:" + port + "/cam.mjpg"));
        return () -> p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    /** An RTSP camera: the relay serves what FFmpeg publishes to it (the clip's H.264, in a loop, at its rate). */
    private static Server rtspCamera(int port, Path clip) throws IOException {
        RtspRelay relay = new RtspRelay(port);
        Process p = ffmpeg(List.of("-re", "-stream_loop", "-1", "-i", clip.toString(), "-an", "-c:v", "copy",
                "-f", "rtsp", "-rtsp_transport", "tcp", "rtsp://127.0.0.1:" + port + "/cam"));
        return () -> {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            relay.close();
        };
    }

    private interface ServerStarter {
        Server start(int port, boolean restarted) throws IOException;
    }

    /**
     * Ingests a live camera, kills its server mid-stream, starts it again: frames resume by themselves within the
     * backoff bound, numbers keep increasing, none is published twice, and the outage shows as a gap.
     */
    private static List<Records.Published> killAndRestart(String topic, String scheme, ServerStarter starter)
            throws Exception {
        kafka.createTopics(1, topic);
        int port = freePort();
        String url = scheme + "://127.0.0.1:" + port + "/cam" + (scheme.equals("http") ? ".mjpg" : "");
        Server server = starter.start(port, false);
        Ingest ingest = new Ingest(List.of(CamerasFile.camera(Map.of("stream", "porch", "source", url,
                "stall-timeout-s", 5))), FileIngestTest.settings(kafka.bootstrapServers(), topic), System.out);
        Thread run = runInBackground(ingest);
        try {
            await("the ingest to start", 10_000, () -> !ingest.workers().isEmpty());
            CameraMetrics m = ingest.workers().get(0).metrics();
            await("frames from the camera", 20_000, () -> m.published.get() >= 25);
            server.kill();
            await("the drop to be seen", 10_000, () -> m.connectionDrops(ConnectionDrop.LOST)
                    + m.connectionDrops(ConnectionDrop.STALL) >= 1);
            long before = m.published.get();
            Thread.sleep(1500); // the camera is away for a while: reconnects fail and back off
            server = starter.start(port, true);
            long restarted = System.currentTimeMillis();
            // the backoff bound is 2 s (settings): frames are back within it, plus FFmpeg's start and a key frame
            await("frames after the restart", 20_000, () -> m.published.get() >= before + 25);
            System.out.println(scheme + ": frames resumed " + (System.currentTimeMillis() - restarted)
                    + " ms after the restart");
            assertTrue(m.reconnects.get() >= 1, "reconnected");
            assertEquals(CameraMetrics.State.STREAMING, m.state());
        } finally {
            ingest.stop();
            run.join(20_000);
            server.kill();
        }
        List<Records.Published> r = Records.read(kafka.bootstrapServers(), topic, Duration.ofSeconds(20),
                l -> l.size() >= ingest.workers().get(0).metrics().published.get());
        Set<Long> seen = new HashSet<>();
        long maxGap = 0;
        for (int i = 0; i < r.size(); i++) {
            assertTrue(seen.add(r.get(i).frame()), "frame " + r.get(i).frame() + " published twice");
            if (i > 0) {
                long gap = r.get(i).frame() - r.get(i - 1).frame();
                assertTrue(gap > 0, "frame numbers increase: " + r.get(i - 1).frame() + " then " + r.get(i).frame());
                maxGap = Math.max(maxGap, gap);
            }
        }
        assertTrue(r.size() >= 50, "frames before and after the restart: " + r.size());
        assertTrue(maxGap > 1, "the outage shows as a gap in the frame numbers");
        return r;
    }

    @Test
    void killedHttpCameraComesBackWithIncreasingFrameNumbers() throws Exception {
        killAndRestart("live-http", "http", (port, restarted) -> httpCamera(port));
    }

    @Test
    void killedRtspCameraComesBackWithIncreasingFrameNumbers() throws Exception {
        List<Records.Published> r = killAndRestart("live-rtsp", "rtsp",
                (port, restarted) -> rtspCamera(port, restarted ? smaller : video));
        // it came back at another resolution: the frames after the restart have the new size, undistorted
        java.awt.image.BufferedImage first = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.get(0).jpeg()));
        java.awt.image.BufferedImage last = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(r.get(r.size() - 1).jpeg()));
        assertEquals(TestVideo.WIDTH + "x" + TestVideo.HEIGHT, first.getWidth() + "x" + first.getHeight());
        assertEquals("256x144", last.getWidth() + "x" + last.getHeight());
    }

    @Test
    void stalledCameraIsRestartedAndTheOtherCameraIsUntouched() throws Exception {
        kafka.createTopics(1, "stall");
        List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // accepts, then sends nothing
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path clip = Files.createTempDirectory("ingest-short").resolve("short.mp4");
            TestVideo.h264(clip, 100, 25, 25);
            Ingest ingest = new Ingest(List.of(
                    CamerasFile.camera(Map.of("stream", "dead", "source",
                            "http://127.0.0.1:" + silent.getLocalPort() + "/cam.mjpg", "stall-timeout-s", 1.5)),
                    CamerasFile.camera(Map.of("stream", "good", "source", clip.toString()))),
                    FileIngestTest.settings(kafka.bootstrapServers(), "stall"), System.out);
            Thread run = runInBackground(ingest);
            try {
                await("the ingest to start", 10_000, () -> ingest.workers().size() == 2);
                CameraMetrics dead = ingest.workers().get(0).metrics();
                CameraMetrics good = ingest.workers().get(1).metrics();
                await("the good camera's file to end", 20_000, () -> good.state() == CameraMetrics.State.FINISHED);
                await("two stalls", 15_000, () -> dead.connectionDrops(ConnectionDrop.STALL) >= 2);
                assertTrue(dead.reconnects.get() >= 1);
                assertEquals(0, dead.published.get());
                await("the good camera's frames acknowledged", 10_000, () -> good.published.get() == 100);
                assertEquals(0, good.droppedTotal());
            } finally {
                ingest.stop();
                run.join(20_000);
                synchronized (held) {
                    for (Socket s : held) {
                        s.close();
                    }
                }
            }
        }
        List<Records.Published> r = Records.read(kafka.bootstrapServers(), "stall", Duration.ofSeconds(20),
                l -> l.size() >= 100);
        assertEquals(100, r.size());
        for (int i = 0; i < r.size(); i++) {
            assertEquals("good", r.get(i).stream());
            assertEquals(i, r.get(i).frame());
        }
    }

    /**
     * An HLS camera (a playlist of H.264 segments made by FFmpeg, served over HTTP by a server in the test): the
     * frames arrive in order, each once, numbered as in the source (the burnt-in counter equals the frame header).
     * A finished (VOD) playlist is read faster than real time, so the camera's queue drops the oldest frames: those
     * show as counted drops and gaps, never as reordering or renumbering.
     */
    @Test
    void hlsOverHttpIsReadInOrderWithSourceNumbers() throws Exception {
        Path dir = Files.createTempDirectory("ingest-hls");
        Process seg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-i",
                video.toString(), "-frames:v", "100", "-c:v", "copy", "-f", "hls", "-hls_time", "1",
                "-hls_playlist_type", "vod", dir.resolve("live.m3u8").toString()).inheritIO().start();
        assertEquals(0, seg.waitFor());
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            Path f = dir.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
            if (!f.startsWith(dir) || !Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
            } else {
                byte[] b = Files.readAllBytes(f);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            }
            ex.close();
        });
        http.start();
        kafka.createTopics(1, "hls");
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/live.m3u8";
        Ingest ingest = new Ingest(List.of(CamerasFile.camera(Map.of("stream", "hls-cam", "source", url))),
                FileIngestTest.settings(kafka.bootstrapServers(), "hls"), System.out);
        Thread run = runInBackground(ingest);
        try {
            await("the ingest to start", 10_000, () -> !ingest.workers().isEmpty());
            CameraMetrics m = ingest.workers().get(0).metrics();
            await("the playlist's frames", 30_000, () -> m.sampled.get() >= 100);
        } finally {
            ingest.stop();
            run.join(20_000);
            http.stop(0);
        }
        CameraMetrics m = ingest.workers().get(0).metrics();
        List<Records.Published> r = Records.read(kafka.bootstrapServers(), "hls", Duration.ofSeconds(20),
                l -> l.size() >= m.published.get());
        assertEquals(m.sampled.get(), m.published.get() + m.dropped(DropCause.QUEUE_FULL), "every frame sent or counted");
        assertTrue(r.size() >= 8, "frames published: " + r.size());
        assertEquals(0, r.get(0).frame());
        for (int i = 0; i < r.size() && r.get(i).frame() < 100; i++) {
            assertEquals(r.get(i).frame(), TestVideo.counter(r.get(i).jpeg()), "the picture is the frame its header says");
            if (i > 0) {
                assertTrue(r.get(i).frame() > r.get(i - 1).frame(), "in order, each once");
            }
        }
    }
}
