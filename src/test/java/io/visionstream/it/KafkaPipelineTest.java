package io.visionstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.TestImages;
import io.visionstream.cli.ImagePublisher;
import io.visionstream.cli.Outputs;
import io.visionstream.job.JobConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job on a Flink MiniCluster (two slots) against a real in-process KRaft broker: real photos and the
 * bad inputs users send, every input accounted for exactly once on the output topics as a read_committed
 * consumer sees them.
 */
class KafkaPipelineTest {
    @RegisterExtension
    static final PipelineFixture PIPELINE = new PipelineFixture();

    @Test
    void everyInputGetsExactlyOneResultOrRejectAndTheJobKeepsRunning() throws Exception {
        JobConfig config = PIPELINE.config(c -> c.set("models.enabled", "nanodet-coco,ppocr,selfie-person,people-masks"));
        PIPELINE.start(config);
        ImagePublisher p = PIPELINE.publisher();
        Map<Long, String> expected = new HashMap<>(); // frame -> outcome
        p.publish("cam-a", TestImages.sample("dog.jpg"), null, 1, null);
        expected.put(1L, "detect");
        p.publish("cam-b", TestImages.sample("person.jpg"), "nanodet-coco", 2, null);
        expected.put(2L, "detect");
        p.publish("cam-c", new byte[0], null, 3, null);
        expected.put(3L, "EMPTY");
        p.publish("cam-c", TestImages.truncatedJpeg(), null, 4, null);
        expected.put(4L, "CORRUPT_IMAGE");
        p.publish("cam-c", TestImages.pngClaiming(100_000, 100_000), null, 5, null);
        expected.put(5L, "TOO_MANY_PIXELS");
        p.publish("cam-c", TestImages.textFile(), null, 6, null);
        expected.put(6L, "UNSUPPORTED_FORMAT");
        p.publish("cam-c", TestImages.sample("dog.jpg"), "yolov99", 7, null);
        expected.put(7L, "UNKNOWN_MODEL");
        // after all that, the same stream still gets its results
        p.publish("cam-c", TestImages.sample("horses.jpg"), null, 8, null);
        expected.put(8L, "detect");
        p.publish("scanner-1", TestImages.sample("imageTextN.png"), "ppocr", 9, null);
        expected.put(9L, "text");
        p.publish("cam-d", TestImages.sample("person.jpg"), "selfie-person", 10, null);
        expected.put(10L, "segment");
        // one busy stream: its frames spread over both slots, and still get streamSeq 1..4
        for (long f = 11; f <= 14; f++) {
            p.publish("cam-e", TestImages.sample("dog.jpg"), null, f, null);
            expected.put(f, "detect");
        }
        // a 4000x3000 camera frame with the photo small in it: sliced by default
        p.publish("cam-f", hugeFrame(), null, 15, null);
        expected.put(15L, "detect");
        // the person mask of a frame made of each person's crop
        p.publish("cam-g", TestImages.sample("person.jpg"), "people-masks", 16, null);
        expected.put(16L, "detect");

        assertTrue(PIPELINE.awaitAnswers(expected.size(), Duration.ofMinutes(3)), "all inputs accounted for in time");
        PIPELINE.linger(Duration.ofSeconds(4)); // several more checkpoints: anything duplicated would show up now

        Map<Long, String> seen = new HashMap<>();
        for (Outputs.Out o : PIPELINE.results()) {
            JsonNode r = o.json();
            String prev = seen.put(r.get("frame").asLong(), r.get("task").asText());
            assertEquals(null, prev, "duplicate result for frame " + r.get("frame"));
            assertEquals(o.key(), r.get("stream").asText());
            String payload = switch (r.get("task").asText()) {
                case "detect" -> "detections";
                case "text" -> "texts";
                default -> "segments";
            };
            assertTrue(r.get(payload).size() > 0, r.toString());
        }
        for (Outputs.Out o : PIPELINE.rejects()) {
            JsonNode r = o.json();
            String prev = seen.put(r.get("frame").asLong(), r.get("reason").asText());
            assertEquals(null, prev, "duplicate reject for frame " + r.get("frame"));
            assertTrue(r.get("message").asText().length() > 5, r.toString());
            assertEquals(config.imagesTopic(), r.get("source").get("topic").asText());
        }
        assertEquals(expected, seen);
        assertEquals(List.of(1L, 2L, 3L, 4L), PIPELINE.results().stream().map(Outputs.Out::json)
                .filter(r -> r.get("stream").asText().equals("cam-e")).map(r -> r.get("streamSeq").asLong())
                .sorted().toList(), "a stream's results are numbered without gaps or repeats");

        JsonNode huge = PIPELINE.results().stream().map(Outputs.Out::json)
                .filter(r -> r.get("frame").asLong() == 15).findFirst().orElseThrow();
        assertTrue(huge.get("tiles").asInt() > 1 && huge.get("tiles").asInt() <= 64, huge.toString());
        boolean bicycle = false;
        // NanoDet on dog.jpg alone: bicycle [122.0, 128.6, 569.6, 423.4]; the photo is drawn at (2000, 1500)
        io.visionstream.result.Detection there = new io.visionstream.result.Detection(1, "bicycle", 1f, 2122f, 1628.6f,
                2569.6f, 1923.4f);
        for (JsonNode d : huge.get("detections")) {
            JsonNode b = d.get("box");
            bicycle |= d.get("label").asText().equals("bicycle") && there.iou(new io.visionstream.result.Detection(1,
                    "bicycle", 1f, (float) b.get(0).asDouble(), (float) b.get(1).asDouble(), (float) b.get(2).asDouble(),
                    (float) b.get(3).asDouble())) >= 0.5f;
        }
        assertTrue(bicycle, "the bicycle where it was drawn: " + huge);
        JsonNode masked = PIPELINE.results().stream().map(Outputs.Out::json)
                .filter(r -> r.get("frame").asLong() == 16).findFirst().orElseThrow();
        assertEquals(config.masksTopic(), masked.get("mask").get("topic").asText(), masked.toString());

        List<Outputs.Out> pngs = PIPELINE.masks();
        assertEquals(13, pngs.size(), "one overlay per result, plus the two masks");
        Map<String, String> kinds = new HashMap<>();
        for (Outputs.Out o : pngs) {
            assertEquals(o.headers().get("kind"), kinds.merge(o.headers().get("frame") + "/" + o.headers().get("kind"),
                    o.headers().get("kind"), (a, b) -> a + "+dup"));
            String format = o.headers().get("kind").equals("mask") ? "png" : "jpeg";
            assertEquals(format, o.headers().get("format"), "masks are PNG, overlays JPEG by default");
            assertEquals(format.equals("png") ? 0x89 : 0xFF, o.value()[0] & 0xFF);
        }
        Map<String, String> expectedKinds = new HashMap<>(Map.of("10/mask", "mask", "16/mask", "mask"));
        for (long f : List.of(1L, 2L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L)) {
            expectedKinds.put(f + "/overlay", "overlay");
        }
        assertEquals(expectedKinds, kinds);
        JsonNode text = PIPELINE.results().stream().map(Outputs.Out::json)
                .filter(r -> r.get("frame").asLong() == 9).findFirst().orElseThrow();
        assertEquals("technical details are too complex to cover in the book itself.",
                text.get("texts").get(0).get("text").asText());
    }

    /** dog.jpg drawn at (2000, 1500) of a grey 4000x3000 frame, as JPEG. */
    private static byte[] hugeFrame() throws Exception {
        java.awt.image.BufferedImage frame = io.visionstream.model.Handlers.framed(
                io.visionstream.model.Handlers.sample("dog.jpg"), 4000, 3000, 2000, 1500);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(frame, "jpg", out);
        return out.toByteArray();
    }
}
