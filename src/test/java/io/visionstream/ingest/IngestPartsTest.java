package io.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The parts of ingest that need no FFmpeg and no broker. */
class IngestPartsTest {
    private static byte[] jpeg(int w, int h, long seed) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt()); // noise: the scan data is full of FF bytes (stuffed)
            }
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", o);
        return o.toByteArray();
    }

    @Test
    void jpegStreamIsCutIntoWholeFramesWithTheirSizes() throws Exception {
        List<byte[]> frames = List.of(jpeg(64, 48, 1), jpeg(33, 17, 2), jpeg(200, 100, 3));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            stream.write(f);
        }
        JpegStreamReader r = new JpegStreamReader(new ByteArrayInputStream(stream.toByteArray()), 1 << 20);
        int[][] sizes = {{64, 48}, {33, 17}, {200, 100}};
        for (int i = 0; i < frames.size(); i++) {
            JpegStreamReader.Jpeg j = r.next();
            assertArrayEquals(frames.get(i), j.bytes(), "frame " + i + " byte for byte");
            assertEquals(sizes[i][0], j.width());
            assertEquals(sizes[i][1], j.height());
        }
        assertNull(r.next(), "end of stream");
    }

    @Test
    void truncatedFrameAtTheEndIsDroppedAndOversizedFails() throws Exception {
        byte[] f = jpeg(64, 48, 4);
        byte[] cut = java.util.Arrays.copyOf(f, f.length / 2);
        assertNull(new JpegStreamReader(new ByteArrayInputStream(cut), 1 << 20).next());
        assertThrows(java.io.IOException.class, () -> new JpegStreamReader(new ByteArrayInputStream(f), 100).next());
        assertThrows(java.io.IOException.class,
                () -> new JpegStreamReader(new ByteArrayInputStream(new byte[] {1, 2, 3}), 100).next());
    }

    @Test
    void showinfoLinesGiveNumberPtsAndSize() {
        ShowinfoLine l = ShowinfoLine.parse("[Parsed_showinfo_0 @ 0x55bd913b3fc0] n:  48 pts:  184320 pts_time:1.92    "
                + "pos:       -1 fmt:rgb24 sar:1/1 s:320x200 i:P iskey:1 type:I ");
        assertEquals(FfmpegCommand.DECODED, l.filter());
        assertEquals(48, l.n());
        assertEquals(184320, l.pts());
        assertEquals(1.92, l.ptsTime(), 1e-9);
        assertEquals("320x200", l.size());
        assertNull(ShowinfoLine.parse("[Parsed_showinfo_2 @ 0x55] config in time_base: 1/25, frame_rate: 25/1"));
        assertNull(ShowinfoLine.parse("Stream #0:0: Video: h264"));
        ShowinfoLine nan = ShowinfoLine.parse("[Parsed_showinfo_2 @ 0x1] n:   3 pts:      5 pts_time:NOPTS fmt:x");
        assertTrue(Double.isNaN(nan.ptsTime()));
    }

    @Test
    void sourceRateFromTheStreamLine() {
        assertEquals(25, SourceInfo.fps("  Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, "
                + "320x240, 25 fps, 25 tbr, 12800 tbn (default)"), 1e-9);
        assertEquals(29.97, SourceInfo.fps("  Stream #0:0: Video: h264, yuv420p, 1920x1080, 29.97 fps, 29.97 tbr, 90k tbn"),
                1e-9);
        assertEquals(25, SourceInfo.fps("  Stream #0:0: Video: mjpeg, yuvj420p, 320x240, 25 tbr, 25 tbn"), 1e-9);
        assertEquals(0, SourceInfo.fps("  Stream #0:1: Audio: aac"), 1e-9);
    }

    @Test
    void commandSamplesBeforeScalingAndEncoding() {
        CameraConfig c = CamerasFile.camera(Map.of("stream", "a", "source", "rtsp://u:secret@cam/1", "fps", 5,
                "max-side", 1280, "rtsp-transport", "UDP"));
        List<String> argv = FfmpegCommand.argv("ffmpeg", c);
        String line = String.join(" ", argv);
        assertTrue(line.contains("-rtsp_transport udp -i rtsp://u:secret@cam/1"), line);
        String vf = argv.get(argv.indexOf("-vf") + 1);
        assertTrue(vf.indexOf("select=") < vf.indexOf("scale="), "frames sampling drops are never scaled: " + vf);
        assertTrue(vf.startsWith("showinfo=checksum=0,select=") && vf.contains(",showinfo=checksum=0,scale="), vf);
        assertTrue(vf.contains("floor(t*5.000000+0.001)\\,floor(prev_selected_t*5.000000+0.001)"), vf);
        assertTrue(vf.contains("min(iw\\,1280)"), vf);
        assertEquals("rtsp://u:***@cam/1", c.shownSource());
        assertEquals("1", FfmpegCommand.select(0));
        assertEquals(4, FfmpegCommand.qscale(85));
        assertEquals(2, FfmpegCommand.qscale(100));
        assertEquals(21, FfmpegCommand.qscale(1));
        CameraConfig keys = CamerasFile.camera(Map.of("stream", "k", "source", "/tmp/x.mp4", "keyframes-only", true,
                "loop", true));
        String k = String.join(" ", FfmpegCommand.argv("ffmpeg", keys));
        assertTrue(k.contains("-re -stream_loop -1 -skip_frame nokey -i /tmp/x.mp4"), k);
    }

    @Test
    void backoffGrowsToItsBoundWithJitterAndResets() {
        Backoff b = new Backoff(500, 4000, new Random(7));
        long[] steps = {500, 1000, 2000, 4000, 4000, 4000};
        for (long step : steps) {
            long d = b.nextDelayMs();
            assertTrue(d >= step / 2 && d <= step, d + " within [" + step / 2 + ", " + step + "]");
        }
        b.reset();
        assertTrue(b.nextDelayMs() <= 500);
    }

    @Test
    void queueDropsTheOldestWhenFull() throws Exception {
        List<Integer> dropped = new ArrayList<>();
        DropOldestQueue<Integer> q = new DropOldestQueue<>(3, dropped::add);
        for (int i = 0; i < 5; i++) {
            q.put(i);
        }
        assertEquals(List.of(0, 1), dropped);
        assertEquals(3, q.size());
        assertEquals(2, q.poll(1, TimeUnit.MILLISECONDS));
        assertEquals(3, q.poll(1, TimeUnit.MILLISECONDS));
        assertEquals(4, q.poll(1, TimeUnit.MILLISECONDS));
        assertNull(q.poll(10, TimeUnit.MILLISECONDS));
    }

    @Test
    void camerasFileTakesDefaultsAndNamesMistypedKeys() {
        String yaml = """
                defaults:
                  fps: 5
                  model: nanodet-coco
                cameras:
                  - stream: gate
                    source: rtsp://10.0.0.5/1
                  - stream: yard
                    source: rtsp://10.0.0.6/1
                    fps: 2
                    max-side: 1280
                """;
        List<CameraConfig> cams = CamerasFile.parse(yaml, Map.of("quality", 70), "cameras.yaml");
        assertEquals(2, cams.size());
        assertEquals(5, cams.get(0).fps());
        assertEquals("nanodet-coco", cams.get(1).model());
        assertEquals(2, cams.get(1).fps());
        assertEquals(1280, cams.get(1).maxSide());
        assertEquals(70, cams.get(0).quality(), "the command line's options are the defaults of the defaults");
        assertEquals(CameraConfig.DEFAULT_MAX_SIDE, cams.get(0).maxSide());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CamerasFile.parse(
                "cameras:\n  - stream: a\n    source: x.mp4\n    maxside: 3\n", Map.of(), "c.yaml"));
        assertTrue(e.getMessage().contains("did you mean 'max-side'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CamerasFile.parse("cameras: []\n", Map.of(), "c.yaml"));
        assertThrows(IllegalArgumentException.class, () -> CamerasFile.parse(
                "cameras:\n  - source: x.mp4\n", Map.of(), "c.yaml"), "a camera needs a stream id");
    }

    @Test
    void outageShowsAsMissedFrames() {
        assertEquals(0, CameraWorker.missedFrames(0, 1000, 5000), "unknown rate: no estimate");
        assertEquals(4, CameraWorker.missedFrames(25, 1000, 1200), "the 4 frames sampling skipped at 5 of 25 fps");
        assertEquals(99, CameraWorker.missedFrames(25, 1000, 5000));
    }

    @Test
    void prometheusTextHasEveryCounterPerCamera() throws Exception {
        CameraWorker w = new CameraWorker(CamerasFile.camera(Map.of("stream", "cam \"1\"", "source", "x.mp4")),
                "ffmpeg", null, new Backoff(1, 1, new Random()), 1 << 20);
        w.metrics().drop(DropCause.QUEUE_FULL);
        w.metrics().connectionDrop(ConnectionDrop.STALL);
        String text = PrometheusEndpoint.text(List.of(w));
        assertTrue(text.contains("visionstream_ingest_frames_dropped_total{stream=\"cam \\\"1\\\"\",cause=\"queue_full\"} 1"),
                text);
        assertTrue(text.contains("visionstream_ingest_connection_drops_total{stream=\"cam \\\"1\\\"\",cause=\"stall\"} 1"));
        assertTrue(text.contains("# TYPE visionstream_ingest_fps gauge"));
        String table = MetricsTable.render(List.of(w));
        assertTrue(table.contains("1/0/0/0"), table);
    }
}
