package io.visionstream.job;

import io.visionstream.render.OverlaySampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
        BatchLimits none = c.batchLimits(0);
        assertEquals(new BatchLimits(8, 64L << 20, 20, 0), none);
        assertEquals(1800L << 20, c.batchLimits(2000L << 20).pressureRssBytes(), "90% of the TaskManager's process memory");
        assertEquals(512L << 20, JobConfig.builder().set("batch.pressure-rss-mb", 512).build()
                .batchLimits(2000L << 20).pressureRssBytes(), "an explicit mark wins");
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
        assertTrue(m.contains("unknown config key"), m);
    }
}
