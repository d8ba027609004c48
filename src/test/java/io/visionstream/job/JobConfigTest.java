package io.visionstream.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The profile and batch keys: parsed, derived, and bad values refused with the key named. */
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
    }
}
