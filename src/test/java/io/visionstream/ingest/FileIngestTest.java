package io.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.io.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A video file (H.264, 25 fps, frame numbers burnt in) through the real FFmpeg and a real broker, read back as
 * the job reads it: every frame once and in order, the header {@code frame} equal to the burnt-in number,
 * sampling to 5 fps keeping every fifth source frame at 5 frames a second, key frames only, scaling.
 */
class FileIngestTest {
    private static final int FRAMES = 100;
    private static EmbeddedKafka kafka;
    private static Path video;

    @BeforeAll
    static void start() throws Exception {
        TestVideo.assumeFfmpeg();
        video = TestVideo.h264(Files.createTempDirectory("ingest-file").resolve("clip.mp4"), FRAMES, 25, 25);
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    static IngestSettings settings(String bootstrap, String topic) {
        return new IngestSettings("ffmpeg", KafkaSettings.plain(bootstrap), topic, 1000, 32 << 20, 200, 2000, 0, 0, 0);
    }

    private static CameraConfig camera(String stream, Path source, Object... keyValues) {
        Map<String, Object> v = new HashMap<>(Map.of("stream", stream, "source", source.toString()));
        for (int i = 0; i < keyValues.length; i += 2) {
            v.put((String) keyValues[i], keyValues[i + 1]);
        }
        return CamerasFile.camera(v);
    }

    private static List<Records.Published> ingest(String topic, CameraConfig camera, int expected) throws Exception {
        kafka.createTopics(1, topic);
        Ingest ingest = new Ingest(List.of(camera), settings(kafka.bootstrapServers(), topic), System.out);
        ingest.run(); // a file without loop: returns at its end
        CameraMetrics m = ingest.workers().get(0).metrics();
        assertEquals(CameraMetrics.State.FINISHED, m.state());
        assertEquals(0, m.droppedTotal(), "no frame dropped");
        assertEquals(m.sampled.get(), m.published.get(), "every sampled frame published");
        return Records.read(kafka.bootstrapServers(), topic, Duration.ofSeconds(20), r -> r.size() >= expected);
    }

    @Test
    void everyFrameOnceInOrderWithItsNumber() throws Exception {
        List<Records.Published> r = ingest("every", camera("door", video, "model", "nanodet-coco"), FRAMES);
        assertEquals(FRAMES, r.size());
        for (int i = 0; i < r.size(); i++) {
            Records.Published p = r.get(i);
            assertEquals("door", p.stream());
            assertEquals("nanodet-coco", p.model());
            assertEquals(i, p.frame(), "frame header counts source frames, in order");
            assertEquals(i, TestVideo.counter(p.jpeg()), "the picture is the frame its header says");
            if (i > 0) {
                assertTrue(p.timestamp() >= r.get(i - 1).timestamp(), "capture times never go back");
            }
        }
    }

    @Test
    void fpsFiveFromTwentyFiveKeepsEveryFifthAtFivePerSecond() throws Exception {
        List<Records.Published> r = ingest("sampled", camera("yard", video, "fps", 5, "max-side", 160), FRAMES / 5);
        assertEquals(FRAMES / 5, r.size());
        Map<Long, Integer> perSecond = new TreeMap<>();
        for (int i = 0; i < r.size(); i++) {
            Records.Published p = r.get(i);
            assertEquals(i * 5L, p.frame(), "every fifth source frame, numbered as in the source");
            assertEquals(p.frame(), TestVideo.counter(p.jpeg()));
            perSecond.merge((p.timestamp() - r.get(0).timestamp()) / 1000, 1, Integer::sum);
        }
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.get(0).jpeg()));
        assertEquals(160, img.getWidth(), "scaled to --max-side");
        assertEquals(120, img.getHeight(), "aspect kept");
        // the file plays at its own rate: whole seconds of the run hold 5 frames, give or take one
        perSecond.remove(perSecond.keySet().stream().max(Long::compare).orElseThrow()); // the last, partial second
        assertTrue(perSecond.size() >= 2, "the run spans seconds: " + perSecond);
        perSecond.forEach((s, n) -> assertTrue(n >= 4 && n <= 6, "second " + s + " had " + n + " frames: " + perSecond));
    }

    @Test
    void keyframesOnlyNumbersKeyFramesAsSourceFrames() throws Exception {
        List<Records.Published> r = ingest("keys", camera("gate", video, "keyframes-only", true), FRAMES / 25);
        assertEquals(FRAMES / 25, r.size(), "one key frame a second (GOP 25)");
        for (int i = 0; i < r.size(); i++) {
            assertEquals(i * 25L, r.get(i).frame(), "key frames keep their source numbers");
            assertEquals(r.get(i).frame(), TestVideo.counter(r.get(i).jpeg()));
        }
    }

    /**
     * A directory of images in name order (JPEG, PNG and BMP, one too large for --max-side, one corrupt, one text
     * file): every image once, in order, numbered by its place; the unreadable ones skipped and counted, their numbers
     * left as gaps; each picture the file it says (its grey level).
     */
    @Test
    void aDirectoryOfImagesIsACameraOfItsFiles() throws Exception {
        Path dir = Files.createTempDirectory("ingest-dir");
        String[] formats = {"jpg", "png", "bmp", "png", "jpg"};
        for (int i = 0; i < formats.length; i++) {
            int w = i == 3 ? 3000 : 320;
            int h = i == 3 ? 2000 : 240;
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h,
                    java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D g = img.createGraphics();
            g.setColor(new java.awt.Color(40 * i + 20, 40 * i + 20, 40 * i + 20));
            g.fillRect(0, 0, w, h);
            g.dispose();
            javax.imageio.ImageIO.write(img, formats[i].equals("jpg") ? "jpeg" : formats[i],
                    dir.resolve(String.format("img-%02d.%s", i * 2, formats[i])).toFile());
        }
        Files.write(dir.resolve("img-01.jpg"), io.visionstream.TestImages.truncatedJpeg());
        Files.writeString(dir.resolve("img-03.txt"), "not an image");
        Files.writeString(dir.resolve(".hidden"), "skipped");
        kafka.createTopics(1, "dir");
        Ingest ingest = new Ingest(List.of(camera("scanner", dir, "max-side", 1000)),
                settings(kafka.bootstrapServers(), "dir"), System.out);
        ingest.run();
        CameraMetrics m = ingest.workers().get(0).metrics();
        assertEquals(CameraMetrics.State.FINISHED, m.state());
        assertEquals(7, m.read.get(), "seven files read");
        assertEquals(2, m.droppedTotal(), "the corrupt JPEG and the text file");
        List<Records.Published> r = Records.read(kafka.bootstrapServers(), "dir", Duration.ofSeconds(20),
                x -> x.size() >= 5);
        assertEquals(5, r.size());
        long[] numbers = r.stream().mapToLong(Records.Published::frame).toArray();
        assertEquals(List.of(0L, 2L, 4L, 5L, 6L), java.util.Arrays.stream(numbers).boxed().toList(),
                "numbered by place in name order, gaps where files were unreadable");
        for (int i = 0; i < r.size(); i++) {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(
                    new java.io.ByteArrayInputStream(r.get(i).jpeg()));
            int grey = img.getRGB(img.getWidth() / 2, img.getHeight() / 2) & 0xFF;
            assertTrue(Math.abs(grey - (40 * i + 20)) <= 4, "frame " + i + " grey " + grey);
            assertTrue(Math.max(img.getWidth(), img.getHeight()) <= 1000, "scaled to --max-side");
        }
    }
}
