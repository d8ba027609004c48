package io.visionstream.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.TestImages;
import io.visionstream.io.ImageRecord;
import io.visionstream.output.Output;
import io.visionstream.output.OutputJson;
import io.visionstream.output.OutputSerializer;
import io.visionstream.output.Picture;
import io.visionstream.output.Reject;
import io.visionstream.output.Result;
import io.visionstream.output.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import io.visionstream.io.ZoneUpdate;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The guard and inference operators in Flink's operator test harness: real model, real images, real state. */
class InferenceOperatorHarnessTest {
    private final JobConfig config = JobConfig.builder().set("overlay.max-side", 640)
            .set("models.enabled", "nanodet-coco").build();
    /** Without tracking the slot draws detection overlays itself (with tracking the per-stream step does). */
    private final JobConfig untracked = JobConfig.builder().set("overlay.max-side", 640)
            .set("models.enabled", "nanodet-coco").set("tracking.enabled", false).build();

    private static ImageRecord record(String stream, long frame, byte[] value, String model) {
        return new ImageRecord(stream, frame, "images", 0, frame, model, null, value);
    }

    private OneInputStreamOperatorTestHarness<ImageRecord, Output> inference() throws Exception {
        return inference(config);
    }

    private static OneInputStreamOperatorTestHarness<ImageRecord, Output> inference(JobConfig cfg)
            throws Exception {
        var h = new OneInputStreamOperatorTestHarness<ImageRecord, Output>(
                new InferenceOperator(cfg.inferenceSettings(cfg.servedModels())));
        // the job's type for every output (the harness would otherwise take the first record's class)
        h.setup(TypeInformation.of(Output.class).createSerializer(new ExecutionConfig().getSerializerConfig()));
        return h;
    }

    /** The keyed per-stream step after inference. */
    private KeyedBroadcastOperatorTestHarness<String, Output, ZoneUpdate, Output> streams() throws Exception {
        StreamFunction fn = new StreamFunction(config.streamSettings(config.servedModels()));
        var h = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(fn,
                List.of(StreamFunction.ZONES)), Output::stream, Types.STRING, 1, 1, 0);
        h.setup(TypeInformation.of(Output.class).createSerializer(new ExecutionConfig().getSerializerConfig()));
        return h;
    }

    private List<ImageRecord> guard(List<ImageRecord> in, List<JsonNode> rejects) throws Exception {
        return guard(config, in, rejects);
    }

    /** Runs records through the guard harness; returns what passed, and collects the guard's rejects. */
    private static List<ImageRecord> guard(JobConfig cfg, List<ImageRecord> in, List<JsonNode> rejects) throws Exception {
        try (OneInputStreamOperatorTestHarness<ImageRecord, ImageRecord> h =
                     new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new GuardFunction(cfg.guardLimits(), cfg.servedModels().specs().keySet())))) {
            h.open();
            for (ImageRecord r : in) {
                h.processElement(r, 0);
            }
            rejects.addAll(SinkRecord.json(SinkRecord.rejects(h.getSideOutput(GuardFunction.REJECTS))));
            return new ArrayList<>(h.extractOutputValues());
        }
    }

    /** What the inference operator published as results (main output, in order). */
    private static List<SinkRecord> resultRecords(OneInputStreamOperatorTestHarness<ImageRecord, Output> h) {
        return SinkRecord.of(h.extractOutputValues(), Result.class);
    }

    /** Its rejects, as JSON. */
    private static List<JsonNode> inferenceRejects(OneInputStreamOperatorTestHarness<ImageRecord, Output> h)
            throws Exception {
        return SinkRecord.json(SinkRecord.of(h.extractOutputValues(), Reject.class));
    }

    /** Its overlays, masks and output images. */
    private static List<SinkRecord> pictures(OneInputStreamOperatorTestHarness<ImageRecord, Output> h) {
        var side = h.getSideOutput(InferenceOperator.PICTURES);
        return side == null ? List.of() : SinkRecord.of(side.stream().map(StreamRecord::getValue).toList(), Picture.class);
    }

    @Test
    void goodImagesGiveResultsAndOverlaysBadOnesGiveRejects() throws Exception {
        List<JsonNode> rejects = new ArrayList<>();
        List<ImageRecord> passed = guard(List.of(
                record("cam-1", 1, TestImages.sample("dog.jpg"), "nanodet-coco"),
                record("cam-1", 2, new byte[0], "nanodet-coco"),
                record("cam-2", 7, TestImages.pngClaiming(100_000, 100_000), "nanodet-coco"),
                record("cam-2", 8, TestImages.textFile(), "nanodet-coco"),
                record("cam-2", 9, TestImages.sample("person.jpg"), "no-such-model"),
                record("cam-3", 3, TestImages.truncatedJpeg(), "nanodet-coco")), rejects);
        assertEquals(List.of("EMPTY", "TOO_MANY_PIXELS", "UNSUPPORTED_FORMAT", "UNKNOWN_MODEL"),
                rejects.stream().map(j -> j.get("reason").asText()).toList());
        assertEquals(2, passed.size());

        try (var h = inference(untracked)) {
            h.open();
            for (ImageRecord r : passed) {
                h.processElement(r, 0);
            }
            List<SinkRecord> results = resultRecords(h);
            assertEquals(1, results.size());
            assertEquals("detections", results.get(0).topic());
            JsonNode r = OutputJson.mapper().readTree(results.get(0).value());
            assertEquals("cam-1", r.get("stream").asText());
            assertEquals(1, r.get("frame").asLong());
            assertEquals("detect", r.get("task").asText());
            assertEquals(768, r.get("image").get("width").asInt());
            List<String> labels = new ArrayList<>();
            r.get("detections").forEach(d -> labels.add(d.get("label").asText()));
            assertTrue(labels.containsAll(List.of("bicycle", "dog", "truck")), labels.toString());

            List<SinkRecord> masks = pictures(h);
            assertEquals(1, masks.size());
            assertEquals("overlay", masks.get(0).kind());
            assertEquals("masks", masks.get(0).topic());
            byte[] overlayBytes = masks.get(0).value();
            assertEquals(0xFF, overlayBytes[0] & 0xFF, "overlays are JPEG by default");
            assertEquals(0xD8, overlayBytes[1] & 0xFF, "overlays are JPEG by default");
            assertEquals("jpeg", r.get("overlay").get("format").asText());
            var overlay = ImageIO.read(new ByteArrayInputStream(overlayBytes));
            assertEquals(640, overlay.getWidth(), "overlay.max-side bounds the overlay");

            List<JsonNode> inferenceRejects = inferenceRejects(h);
            assertEquals(1, inferenceRejects.size());
            assertEquals("CORRUPT_IMAGE", inferenceRejects.get(0).get("reason").asText());
            assertEquals("cam-3", inferenceRejects.get(0).get("stream").asText());
        }
    }

    @Test
    void perStreamStateSurvivesASnapshotAndRestore() throws Exception {
        List<ImageRecord> passed = guard(List.of(record("belt-3", 41, TestImages.sample("dog.jpg"), "nanodet-coco"),
                record("belt-3", 42, TestImages.sample("dog.jpg"), "nanodet-coco"),
                record("belt-4", 1, TestImages.sample("dog.jpg"), "nanodet-coco")), new ArrayList<>());
        List<Output> inferred;
        try (var h = inference()) {
            h.open();
            for (ImageRecord r : passed) {
                h.processElement(r, 0);
            }
            inferred = new ArrayList<>(h.extractOutputValues());
            assertTrue(inferred.stream().allMatch(o -> o instanceof Result), inferred.toString());
        }
        OperatorSubtaskState snapshot;
        try (var h = streams()) {
            h.open();
            h.processElement(inferred.get(0), 0);
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(1_000); // everything read before is through inference: the frame is released
            List<Output> first = new ArrayList<>(h.extractOutputValues());
            assertEquals(1, seq(SinkRecord.of(first, Result.class).get(0)));
            // tracked: the slot sent the frame undrawn, this step drew and published the overlay before the result
            assertTrue(first.get(0) instanceof Picture p && p.kind() == Picture.Kind.OVERLAY, first.toString());
            assertTrue(inferred.stream().allMatch(o -> ((Result) o).pictures().overlayPending()));
            assertTrue(first.stream().noneMatch(o -> o instanceof Result r && r.pictures().overlayPending()));
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = streams()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(inferred.get(1), 0);
            h.processElement(inferred.get(2), 0);
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(2_000);
            List<SinkRecord> out = SinkRecord.of(h.extractOutputValues(), Result.class);
            assertEquals(2, seq(out.get(0)), "belt-3 continues from the restored count");
            assertEquals(1, seq(out.get(1)), "belt-4 is a new stream");
            JsonNode r = OutputJson.mapper().readTree(out.get(0).value());
            assertEquals(42, r.get("frame").asLong(), "the rest of the result is unchanged");
            assertTrue(r.get("detections").size() > 0);
        }
    }

    @Test
    void overlaysCanBeSampledAndPng() throws Exception {
        JobConfig cfg = JobConfig.builder().set("overlay.max-side", 320).set("overlay.every-n", 2)
                .set("overlay.format", "png").set("models.enabled", "nanodet-coco").set("tracking.enabled", false)
                .build();
        List<ImageRecord> passed = guard(cfg, List.of(record("cam-1", 1, TestImages.sample("dog.jpg"), "nanodet-coco"),
                record("cam-1", 2, TestImages.sample("dog.jpg"), "nanodet-coco"),
                record("cam-1", 3, TestImages.sample("dog.jpg"), "nanodet-coco"),
                record("cam-1", 4, TestImages.sample("dog.jpg"), "nanodet-coco")), new ArrayList<>());
        try (var h = inference(cfg)) {
            h.open();
            for (ImageRecord r : passed) {
                h.processElement(r, 0);
            }
            List<SinkRecord> masks = pictures(h);
            assertEquals(List.of(2L, 4L), masks.stream().map(m -> m.frame()).toList(), "every 2nd frame");
            assertEquals(0x89, masks.get(0).value()[0] & 0xFF, "PNG when asked for");
            for (SinkRecord res : resultRecords(h)) {
                JsonNode j = OutputJson.mapper().readTree(res.value());
                assertEquals(j.get("frame").asLong() % 2 == 0, j.has("overlay"), "overlay field only where published");
                if (j.has("overlay")) {
                    assertEquals("png", j.get("overlay").get("format").asText());
                }
            }
        }
    }

    /** person.jpg with a tag reading "7315" on the chest, on a wider canvas, {@code dx} px to the right, as JPEG. */
    private static byte[] taggedPersonJpeg(int dx) throws Exception {
        java.awt.image.BufferedImage photo = ImageIO.read(new ByteArrayInputStream(TestImages.sample("person.jpg")));
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(photo.getWidth() + 120, photo.getHeight(),
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(photo, dx, 0, null);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(196 + dx, 170, 78, 30);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 22));
        g.drawString("7315", 201 + dx, 193);
        g.dispose();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(out, "jpg", bytes);
        return bytes.toByteArray();
    }

    /** readOnce through the operator: the record's stream reaches the cascade, later frames reuse the first read. */
    @Test
    void aReadOnceCascadeReadsAStreamsObjectOnceAndSaysSoInTheResult() throws Exception {
        JobConfig cfg = JobConfig.builder().set("registry", "src/test/resources/fixtures/models.yaml")
                .set("models.enabled", "person-tags-once").set("model.default", "person-tags-once")
                .set("overlay.enabled", false).build();
        List<ImageRecord> in = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            in.add(record("belt-1", f, taggedPersonJpeg(8 * f), "person-tags-once"));
        }
        in.add(record("belt-2", 0, taggedPersonJpeg(0), "person-tags-once"));
        List<ImageRecord> passed = guard(cfg, in, new ArrayList<>());
        try (var h = inference(cfg)) {
            h.open();
            for (ImageRecord r : passed) {
                h.processElement(r, 0);
            }
            h.prepareSnapshotPreBarrier(1); // flushes a waiting batch
            List<SinkRecord> results = resultRecords(h);
            assertEquals(4, results.size());
            List<String> seen = new ArrayList<>();
            for (SinkRecord res : results) {
                JsonNode j = OutputJson.mapper().readTree(res.value());
                JsonNode person = null;
                for (JsonNode d : j.get("detections")) {
                    if (d.has("then")) {
                        person = d.get("then");
                    }
                }
                assertTrue(person != null, j.toString());
                assertEquals("7315", person.get("texts").get(0).get("text").asText(), j.toString());
                seen.add(j.get("stream").asText() + "/" + j.get("frame").asLong() + ":"
                        + (person.path("reused").asBoolean() ? "reused" : "read") + ":"
                        + j.get("cascade").get("reused").asInt());
            }
            assertEquals(List.of("belt-1/0:read:0", "belt-1/1:reused:1", "belt-1/2:reused:1", "belt-2/0:read:0"), seen);
        }
    }

    private static long seq(SinkRecord r) throws Exception {
        return OutputJson.mapper().readTree(r.value()).get("streamSeq").asLong();
    }


    @Test
    void theProfileHeaderOrTheStreamsProfileSetsTheInputSize() throws Exception {
        JobConfig cfg = JobConfig.builder().set("overlay.enabled", false).set("models.enabled", "nanodet-coco,ppocr")
                .set("profiles.streams", "scanner=id_card").build();
        byte[] page = TestImages.sample("imageTextN.png");
        List<ImageRecord> in = List.of(
                new ImageRecord("desk", 1, "images", 0, 1, "ppocr", null, page),
                new ImageRecord("desk", 2, "images", 0, 2, "ppocr", "screenshot", page),
                new ImageRecord("scanner", 1, "images", 0, 3, "ppocr", null, page),
                new ImageRecord("scanner", 2, "images", 0, 4, "nanodet-coco", null, TestImages.sample("dog.jpg")),
                new ImageRecord("desk", 3, "images", 0, 5, "ppocr", "poster", page),
                new ImageRecord("desk", 4, "images", 0, 6, "nanodet-coco", "id_card", TestImages.sample("dog.jpg")));
        List<ImageRecord> passed = guard(cfg, in, new ArrayList<>());
        assertEquals(6, passed.size());
        try (var h = inference(cfg)) {
            h.open();
            for (ImageRecord r : passed) {
                h.processElement(r, 0);
            }
            List<JsonNode> results = results(h);
            assertEquals(4, results.size());
            // the 556x257 page fits every profile's box, so it is drawn at its own size rounded to 32; the box
            // decides only how far a larger page would be scaled down
            assertEquals("default", results.get(0).get("profile").asText());
            assertEquals("screenshot", results.get(1).get("profile").asText());
            assertEquals("id_card", results.get(2).get("profile").asText(), "the scanner stream's profile");
            assertEquals(13, results.get(2).get("texts").size());
            assertTrue(results.get(3).get("profile") == null, "nanodet has a fixed input: no profile");
            assertEquals("[416,416]", results.get(3).get("inputSize").toString());

            List<JsonNode> rejects = inferenceRejects(h);
            assertEquals(List.of("UNKNOWN_PROFILE", "UNKNOWN_PROFILE"), rejects.stream().map(j -> j.get("reason").asText()).toList());
            assertTrue(rejects.get(0).get("message").asText().contains("no profile 'poster'; its profiles: default, id_card"),
                    rejects.get(0).toString());
            assertTrue(rejects.get(1).get("message").asText().contains("fixed 416x416 input"), rejects.get(1).toString());
        }
    }

    @Test
    void aStreamProfileNoServedModelHasStopsTheJobAtStart() {
        JobConfig cfg = JobConfig.builder().set("models.enabled", "nanodet-coco")
                .set("profiles.streams", "scanner=id_card").build();
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VisionStreamJob.checkModels(cfg));
        assertTrue(e.getMessage().contains("'scanner'") && e.getMessage().contains("'id_card'"), e.getMessage());
    }

    /** Text lines cut from the page, upright and upside down, as PNG records of one scanner stream each. */
    private static List<ImageRecord> lineRecords(int count) throws Exception {
        java.awt.image.BufferedImage page = ImageIO.read(new ByteArrayInputStream(TestImages.sample("imageTextN.png")));
        int[][] boxes = {{29, 17, 324, 18}, {49, 36, 482, 18}, {29, 54, 500, 18}, {29, 235, 245, 18}};
        List<ImageRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] b = boxes[(i / 2) % boxes.length];
            java.awt.image.BufferedImage line = new java.awt.image.BufferedImage(b[2], b[3],
                    java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D g = line.createGraphics();
            if (i % 2 == 1) {
                g.rotate(Math.PI, b[2] / 2.0, b[3] / 2.0);
            }
            g.drawImage(page.getSubimage(b[0], b[1], b[2], b[3]), 0, 0, null);
            g.dispose();
            java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
            ImageIO.write(line, "png", png);
            out.add(new ImageRecord("scanner-" + (i % 3), i, "images", 0, i, "ppocr-cls", null, png.toByteArray()));
        }
        return out;
    }

    private static List<JsonNode> results(OneInputStreamOperatorTestHarness<ImageRecord, Output> h) throws Exception {
        return SinkRecord.json(resultRecords(h));
    }

    @Test
    void recordsOfABatchingModelRunInBatchesBoundedByCountTimeAndCheckpoints() throws Exception {
        JobConfig cfg = JobConfig.builder().set("overlay.enabled", false).set("models.enabled", "ppocr-cls")
                .set("model.default", "ppocr-cls").set("batch.max-items", 4).set("batch.max-wait-ms", 1000).build();
        List<ImageRecord> in = guard(cfg, lineRecords(11), new ArrayList<>());
        try (var h = inference(cfg)) {
            h.setProcessingTime(0);
            h.open();
            for (int i = 0; i < 3; i++) {
                h.processElement(in.get(i), 0);
            }
            assertEquals(0, resultRecords(h).size(), "three records wait for a fourth");
            h.processElement(in.get(3), 0);
            assertEquals(4, resultRecords(h).size(), "the fourth fills the batch");
            for (int i = 4; i < 6; i++) {
                h.processElement(in.get(i), 0);
            }
            h.setProcessingTime(999);
            assertEquals(4, resultRecords(h).size());
            h.setProcessingTime(1000);
            assertEquals(6, resultRecords(h).size(), "batch.max-wait-ms runs a partial batch");
            h.processElement(in.get(6), 0);
            h.prepareSnapshotPreBarrier(1L);
            assertEquals(7, resultRecords(h).size(), "no record waits across a checkpoint barrier");

            List<JsonNode> r = results(h);
            assertEquals(List.of(4, 4, 4, 4, 2, 2, 1), r.stream().map(j -> j.get("batch").asInt()).toList());
            for (int i = 0; i < r.size(); i++) {
                assertEquals(i, r.get(i).get("frame").asLong());
                assertEquals(i % 2 == 0 ? "0" : "180", r.get(i).get("classes").get(0).get("label").asText(), r.get(i).toString());
            }
        }
    }

    @Test
    void batchesShrinkWhileTheProcessIsAboveThePressureMark() throws Exception {
        // a mark of 1 MB: this JVM's real resident set is always above it
        JobConfig cfg = JobConfig.builder().set("overlay.enabled", false).set("models.enabled", "ppocr-cls")
                .set("model.default", "ppocr-cls").set("batch.max-items", 4).set("batch.pressure-rss-mb", 1).build();
        List<ImageRecord> in = guard(cfg, lineRecords(11), new ArrayList<>());
        try (var h = inference(cfg)) {
            h.open();
            for (ImageRecord r : in) {
                h.processElement(r, 0);
            }
            h.prepareSnapshotPreBarrier(1L);
            List<Integer> batches = results(h).stream().map(j -> j.get("batch").asInt()).toList();
            assertEquals(List.of(4, 4, 4, 4, 2, 2, 1, 1, 1, 1, 1), batches);
        }
    }
}
