package io.visionstream.job;

import io.visionstream.render.OverlaySampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile, batch and overlay keys: parsed, derived, and bad values refused with the key named. */
class JobConfigTest {
    private static String error(String key, Object value) {
        return assertThrows(IllegalArgumentException.class, () -> JobConfig.builder().set(key, value).build())
                .getMessage();
    }

    @Test
    void streamProfilesAndBatchLimitsAreReadAndDerived() {
        JobConfig c = JobConfig.builder().set("profiles.streams", "scanner-1=id_card, desk = screenshot").build();
        assertEquals(Map.of("scanner-1", "id_card", "desk", "screenshot"), c.streamProfiles());
        BatchLimits none = c.inferenceSettings(null).batchLimits(0);
        assertEquals(new BatchLimits(8, 64L << 20, 20, 0), none);
        assertEquals(1800L << 20, c.inferenceSettings(null).batchLimits(2000L << 20).pressureRssBytes(), "90% of the TaskManager's process memory");
        assertEquals(512L << 20, JobConfig.builder().set("batch.pressure-rss-mb", 512).build()
                .inferenceSettings(null).batchLimits(2000L << 20).pressureRssBytes(), "an explicit mark wins");
    }

    @Test
    void badValuesNameTheKey() {
        String m = error("profiles.streams", "scanner-1:id_card");
        assertTrue(m.contains("profiles.streams") && m.contains("scanner-1:id_card"), m);
        m = error("batch.max-items", 0);
        assertTrue(m.contains("batch.max-items"), m);
        m = error("batch.max-wait-ms", "soon");
        assertTrue(m.contains("batch.max-wait-ms"), m);
        m = error("batch.pressure-rss-mb", -1);
        assertTrue(m.contains("batch.pressure-rss-mb"), m);
        m = error("overlay.format", "gif");
        assertTrue(m.contains("overlay.format") && m.contains("gif"), m);
        m = error("overlay.every-n", 0);
        assertTrue(m.contains("overlay.every-n"), m);
        m = error("overlay.when", "sometimes");
        assertTrue(m.contains("overlay.when"), m);
        m = error("tile.max-runs", 0);
        assertTrue(m.contains("tile.max-runs"), m);
        m = error("tile.max-runs", "many");
        assertTrue(m.contains("tile.max-runs"), m);
        m = error("tracking.max-jump", -1);
        assertTrue(m.contains("tracking.max-jump") && m.contains("0 or more"), m);
        JobConfig off = JobConfig.builder().set("tracking.max-jump", 0).build();
        assertEquals(0f, off.streamSettings(off.servedModels()).tracker().maxJump(), "0 turns it off");
        m = error("tracking.max-covered", 1.5);
        assertTrue(m.contains("tracking.max-covered") && m.contains("between 0 and 1"), m);
        JobConfig any = JobConfig.builder().set("tracking.max-covered", 1).build();
        assertEquals(1f, any.streamSettings(any.servedModels()).tracker().maxCovered(), "1: every box starts a track");
    }

    @Test
    void theRunsBoundOfSlicedFramesReachesEverySlot() {
        assertEquals(64, JobConfig.builder().build().inferenceSettings(null).slot(1, 1L << 30).maxRuns());
        assertEquals(12, JobConfig.builder().set("tile.max-runs", 12).build().inferenceSettings(null)
                .slot(1, 1L << 30).maxRuns());
    }

    @Test
    void overlaysAreJpegEveryFrameByDefaultAndCanBeSampled() {
        JobConfig c = JobConfig.builder().build();
        assertEquals(io.visionstream.render.OverlayRenderer.Format.JPEG, c.overlayFormat());
        assertEquals(new OverlaySampling(true, 1, false), c.overlaySampling());
        OverlaySampling every5 = JobConfig.builder().set("overlay.every-n", 5).set("overlay.when", "detections").build()
                .overlaySampling();
        assertTrue(every5.mayWant(10) && !every5.mayWant(11));
        var none = new io.visionstream.result.TaskResult.Detections(java.util.List.of());
        assertTrue(!every5.wants(10, none), "nothing found, no overlay under overlay.when=detections");
        assertTrue(!JobConfig.builder().set("overlay.enabled", false).build().overlaySampling().mayWant(0));
    }

    @Test
    void oneRecordSizeSetsTheGuardAndTheClientsAndKafkaPropertiesPassThroughWithoutTheirSecrets() {
        JobConfig c = JobConfig.builder()
                .set("kafka.max-record-bytes", 8 << 20)
                .set("kafka.properties.security.protocol", "SASL_SSL")
                .set("kafka.properties.sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"s3cret\";")
                .set("kafka.properties.ssl.truststore.password", "trust-me")
                .build();
        assertEquals(8L << 20, c.guardLimits().maxBytes(), "guard.max-bytes follows kafka.max-record-bytes");
        assertEquals(Integer.toString((8 << 20) + 65536), c.kafka().producerProperties().get("max.request.size"));
        assertEquals(Integer.toString((8 << 20) + 65536), c.kafka().consumerProperties().get("max.partition.fetch.bytes"));
        assertEquals("SASL_SSL", c.kafka().clientProperties().get("security.protocol"));
        for (String shown : java.util.List.of(c.toString(), c.kafka().toString())) {
            assertTrue(!shown.contains("s3cret") && !shown.contains("trust-me") && shown.contains("SASL_SSL"), shown);
        }
        assertEquals(1L << 20, JobConfig.builder().set("guard.max-bytes", 1 << 20).build().guardLimits().maxBytes());
        String m = error("guard.max-bytes", 32 << 20);
        assertTrue(m.contains("guard.max-bytes") && m.contains("kafka.max-record-bytes"), m);
        m = error("kafka.propertie.security.protocol", "SSL");
        assertTrue(m.contains("unknown config key") && m.contains("'kafka.properties.security.protocol'"), m);
    }

    @Test
    void anUnknownKeyNamesTheNearestAndTypedValuesNameTheirKey() {
        assertEquals("unknown config key 'overlay.max-sid'; did you mean 'overlay.max-side'?", error("overlay.max-sid", 5));
        String m = error("overlay.enabled", "yes");
        assertTrue(m.contains("overlay.enabled") && m.contains("true or false"), m);
        m = error("runtime.device", "tpu");
        assertTrue(m.contains("runtime.device") && m.contains("auto, cpu, cuda"), m);
        m = error("source.starting-offsets", "newest");
        assertTrue(m.contains("source.starting-offsets") && m.contains("committed, earliest, latest"), m);
        m = error("sink.transaction-timeout-ms", 1_000_000);
        assertTrue(m.contains("sink.transaction-timeout-ms") && m.contains("transaction.max.timeout.ms"), m);
        m = error("checkpoint.interval-ms", 600_000);
        assertTrue(m.contains("checkpoint.interval-ms") && m.contains("sink.transaction-timeout-ms"), m);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        JobConfig c = JobConfig.builder().build();
        assertEquals("localhost:9092", c.bootstrap());
        assertEquals(List.of("images", "detections", "masks", "rejects"),
                List.of(c.imagesTopic(), c.detectionsTopic(), c.masksTopic(), c.rejectsTopic()));
        assertEquals("committed", c.startingOffsets());
        assertEquals("classpath:models/models.yaml", c.registry());
        assertEquals("", c.defaultModel());
        assertEquals(List.of(), c.enabledModels());
        assertEquals(16L << 20, c.guardLimits().maxBytes());
        assertEquals(50_000_000L, c.guardLimits().maxPixels());
        assertEquals(960, c.overlayMaxSide());
        assertEquals(1_000_000, c.maxOutputRecordBytes());
        assertEquals(10_000, c.checkpointIntervalMs());
        assertEquals(600_000, c.transactionTimeoutMs());
        assertEquals("visionstream", c.transactionalIdPrefix());
        assertEquals(0, c.parallelism());
        assertEquals(new io.visionstream.runtime.RuntimeOptions(io.visionstream.runtime.RuntimeOptions.Device.AUTO, 0,
                2048L << 20, 3, 60_000), c.runtimeOptions());
        assertEquals("960", c.get("overlay.max-side"));
        DerivedValues.log(c);
    }

    @Test
    void flagsWinOverTheFileWhichWinsOverFlinksConfiguration(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, "overlay:\n  max-side: 640\n  format: png\nmodels.enabled: [ppocr, nanodet-coco]\n"
                + "kafka:\n  properties:\n    security.protocol: SSL\n");
        Configuration flink = new Configuration();
        flink.setString("overlay.max-side", "320");
        flink.setString("batch.max-items", "4");
        flink.setString("taskmanager.numberOfTaskSlots", "2");
        JobConfig c = JobConfig.builder().flinkConfiguration(flink).file(file).set("overlay.format", "jpeg").build();
        assertEquals(640, c.overlayMaxSide(), "the file wins over Flink's configuration");
        assertEquals(io.visionstream.render.OverlayRenderer.Format.JPEG, c.overlayFormat(), "a flag wins over the file");
        assertEquals(4, c.inferenceSettings(null).batchLimits(0).maxItems(), "a job key in Flink's configuration is read");
        assertEquals(List.of("ppocr", "nanodet-coco"), c.enabledModels());
        assertEquals("SSL", c.kafka().clientProperties().get("security.protocol"));

        JobConfig args = JobConfig.fromArgs(List.of("--overlay.format", "jpeg", "--config", file.toString(),
                "--bootstrap", "broker:9093", "--kafka.properties.sasl.mechanism", "PLAIN", "--overlay.every-n=3"));
        assertEquals("broker:9093", args.bootstrap());
        assertEquals(io.visionstream.render.OverlayRenderer.Format.JPEG, args.overlayFormat(), "flags win wherever --config is");
        assertEquals(640, args.overlayMaxSide());
        assertEquals("PLAIN", args.kafka().clientProperties().get("sasl.mechanism"));
        assertEquals("SSL", args.kafka().clientProperties().get("security.protocol"));
        assertTrue(args.overlaySampling().mayWant(3) && !args.overlaySampling().mayWant(4));
        String m = assertThrows(IllegalArgumentException.class,
                () -> JobConfig.fromArgs(List.of("--overlay.max-sid", "5"))).getMessage();
        assertEquals("unknown option '--overlay.max-sid'; did you mean '--overlay.max-side'?", m);
        m = assertThrows(IllegalArgumentException.class, () -> JobConfig.fromArgs(List.of("--overlay.max-side")))
                .getMessage();
        assertTrue(m.contains("--overlay.max-side") && !m.contains("\n"), m);
    }

    @Test
    void travelsInsideAnOperator() throws Exception {
        JobConfig c = JobConfig.builder().set("overlay.format", "png").set("kafka.properties.security.protocol", "SSL")
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        JobConfig back = (JobConfig) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
        assertEquals(c.toString(), back.toString());
        assertEquals(io.visionstream.render.OverlayRenderer.Format.PNG, back.overlayFormat());
    }
}
