package io.visionstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.TestImages;
import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.cli.ImagePublisher;
import io.visionstream.cli.Outputs;
import io.visionstream.job.JobConfig;
import io.visionstream.job.VisionStreamJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade as the Kubernetes operator does it (upgradeMode: savepoint): the job stops with a savepoint, and a
 * new one starts from it with twice the parallelism and one more model in models.enabled. A read_committed
 * consumer sees one answer per input across both, streamSeq continuing per stream, and the records that named
 * the new model rejected before the upgrade and answered after it.
 */
class SavepointRescaleTest {
    private static final int STREAMS = 3;
    private static final int PER_PHASE = 24;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path savepoints;

    @Test
    void stopWithSavepointRescaleAndAddAModelKeepsOneAnswerPerInputAndStreamSeq() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            JobConfig before = config(kafka, 1, "nanodet-coco");
            JobConfig after = config(kafka, 2, "nanodet-coco,selfie-person");
            kafka.createTopics(2, before.imagesTopic());
            kafka.createTopics(1, before.detectionsTopic(), before.masksTopic(), before.rejectsTopic());
            Map<String, String> sent = new HashMap<>(); // partition@offset -> phase/model
            try (ImagePublisher p = new ImagePublisher(before.kafka(), before.imagesTopic());
                 Outputs out = new Outputs(before.kafka(), before.detectionsTopic(), before.rejectsTopic())) {
                JobClient first = start(before, null);
                publish(p, 0, sent);
                awaitAnswers(out, before, PER_PHASE);
                String savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(),
                        SavepointFormatType.CANONICAL).get();

                publish(p, 1, sent); // while no job runs
                JobClient second = start(after, savepoint);
                try {
                    awaitAnswers(out, before, 2 * PER_PHASE);
                    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    while (System.nanoTime() < until) {
                        out.pollOnce(Duration.ofMillis(300));
                    }
                } finally {
                    second.cancel().get();
                }

                Map<String, String> answers = new HashMap<>();
                Map<String, List<Long>> seq = new TreeMap<>();
                int duplicates = 0;
                for (String t : List.of(before.detectionsTopic(), before.rejectsTopic())) {
                    for (Outputs.Out o : out.on(t)) {
                        JsonNode r = o.json();
                        String origin = r.get("source").get("partition").asInt() + "@" + r.get("source").get("offset").asLong();
                        String outcome = r.has("reason") ? r.get("reason").asText() : r.get("task").asText();
                        if (answers.put(origin, outcome) != null) {
                            duplicates++;
                        }
                        if (!r.has("reason")) {
                            seq.computeIfAbsent(r.get("stream").asText(), s -> new ArrayList<>()).add(r.get("streamSeq").asLong());
                        }
                    }
                }
                assertEquals(0, duplicates);
                assertEquals(sent.keySet(), answers.keySet(), "every input answered");
                for (Map.Entry<String, String> e : sent.entrySet()) {
                    String expected = switch (e.getValue()) {
                        case "0/selfie-person" -> "UNKNOWN_MODEL";
                        case "1/selfie-person" -> "segment";
                        default -> "detect";
                    };
                    assertEquals(expected, answers.get(e.getKey()), e.getValue() + " at " + e.getKey());
                }
                for (Map.Entry<String, List<Long>> e : seq.entrySet()) {
                    List<Long> s = new ArrayList<>(e.getValue());
                    s.sort(Long::compare);
                    for (int i = 0; i < s.size(); i++) {
                        assertEquals(i + 1, s.get(i), "streamSeq of " + e.getKey() + " across the upgrade: " + s);
                    }
                }
                System.out.printf("savepoint upgrade: %d inputs, parallelism 1 -> 2, models +selfie-person, %d answers, "
                        + "0 duplicates, streamSeq per stream %s%n", sent.size(), answers.size(), seq.keySet());
            }
        }
    }

    private static JobConfig config(EmbeddedKafka kafka, int parallelism, String models) {
        return JobConfig.builder()
                .set("kafka.bootstrap", kafka.bootstrapServers())
                .set("checkpoint.interval-ms", 500)
                .set("parallelism", parallelism)
                .set("runtime.intra-op-threads", 1)
                .set("models.enabled", models)
                .set("model.default", "nanodet-coco")
                .set("overlay.enabled", false)
                .build();
    }

    private static JobClient start(JobConfig config, String savepoint) throws Exception {
        Configuration conf = new Configuration();
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        VisionStreamJob.build(env, config);
        return env.executeAsync("savepoint-it");
    }

    /** Each phase: every stream gets images for the detector, and every fourth record names selfie-person. */
    private static void publish(ImagePublisher p, int phase, Map<String, String> sent) throws Exception {
        byte[] image = TestImages.sample("dog.jpg");
        for (int i = 0; i < PER_PHASE; i++) {
            String model = i % 4 == 3 ? "selfie-person" : "nanodet-coco";
            RecordMetadata m = p.publish("cam-" + (i % STREAMS), image, model, phase * 1000L + i, null);
            sent.put(m.partition() + "@" + m.offset(), phase + "/" + model);
        }
    }

    private static void awaitAnswers(Outputs out, JobConfig c, int n) {
        assertTrue(out.pollUntil(() -> out.count(c.detectionsTopic(), c.rejectsTopic()) >= n, Duration.ofMinutes(3)),
                n + " answers in time");
    }
}
