package io.visionstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.TestImages;
import io.visionstream.cli.ImagePublisher;
import io.visionstream.cli.Outputs;
import io.visionstream.job.JobConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
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
    static final PipelineFixture PIPELINE = new PipelineFixture();

    @TempDir
    Path savepoints;

    @Test
    void stopWithSavepointRescaleAndAddAModelKeepsOneAnswerPerInputAndStreamSeq() throws Exception {
        JobConfig before = config(1, "nanodet-coco");
        JobConfig after = config(2, "nanodet-coco,selfie-person");
        Map<String, String> sent = new HashMap<>(); // partition@offset -> phase/model
        PIPELINE.start(before);
        publish(PIPELINE.publisher(), 0, sent);
        awaitAnswers(PER_PHASE);
        String savepoint = PIPELINE.stopWithSavepoint(savepoints);

        publish(PIPELINE.publisher(), 1, sent); // while no job runs
        PIPELINE.start(after, UnaryOperator.identity(), savepoint);
        awaitAnswers(2 * PER_PHASE);
        PIPELINE.linger(Duration.ofSeconds(2));

        Map<String, String> answers = new HashMap<>();
        Map<String, List<Long>> seq = new TreeMap<>();
        int duplicates = 0;
        for (Outputs.Out o : PIPELINE.answers()) {
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

    private static JobConfig config(int parallelism, String models) throws Exception {
        return PIPELINE.config(c -> c
                .set("parallelism", parallelism)
                .set("models.enabled", models)
                .set("model.default", "nanodet-coco")
                .set("overlay.enabled", false));
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

    private static void awaitAnswers(int n) {
        assertTrue(PIPELINE.awaitAnswers(n, Duration.ofMinutes(3)), n + " answers in time");
    }
}
