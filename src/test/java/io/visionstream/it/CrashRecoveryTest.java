package io.visionstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.TestImages;
import io.visionstream.cli.ImagePublisher;
import io.visionstream.cli.Outputs;
import io.visionstream.fuzz.JobTaps;
import io.visionstream.job.JobConfig;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import io.visionstream.io.ImageRecord;
import java.util.function.UnaryOperator;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real failure mid-stream: the job throws once from inside (after some of its output is already committed),
 * Flink restores the last checkpoint, and a read_committed consumer still sees exactly one answer per input,
 * with each stream's {@code streamSeq} counting 1, 2, 3, ... without a gap or a repeat.
 */
class CrashRecoveryTest {
    private static final int STREAMS = 4;
    private static final int FIRST = 40;
    private static final int SECOND = 80;
    /** The failure: the 60th record through the job's first attempt, 20 records into the second burst. */
    private static final int FAIL_AT = 60;

    @RegisterExtension
    static final PipelineFixture PIPELINE = new PipelineFixture();

    @Test
    void afterAFailureEveryInputHasExactlyOneAnswerAndStreamSeqContinues() throws Exception {
        recoverFrom("a task throwing", JobTaps.failOnceAt(FAIL_AT), () -> { });
    }

    /** The TaskManager that runs every task is terminated mid-stream; a fresh one takes over. */
    @Test
    void afterTheTaskManagerIsKilledEveryInputHasExactlyOneAnswer(@InjectMiniCluster MiniCluster cluster) throws Exception {
        recoverFrom("the TaskManager terminated", JobTaps.countRestarts(), () -> {
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
        });
    }

    private interface Failure {
        void inject() throws Exception;
    }

    /**
     * Publishes a first burst, waits until part of its output is committed, injects the failure (the tap may
     * inject its own), publishes a second burst, and checks what a read_committed consumer sees.
     */
    private void recoverFrom(String what, UnaryOperator<DataStream<ImageRecord>> tap, Failure failure) throws Exception {
        JobConfig config = PIPELINE.config(c -> c
                .set("checkpoint.interval-ms", 300)
                .set("models.enabled", "nanodet-coco")
                .set("overlay.enabled", false));
        List<byte[]> images = smallImages();
        PIPELINE.start(config, tap);
        Map<String, String> sent = new HashMap<>(); // partition@offset -> stream
        publish(PIPELINE.publisher(), 0, FIRST, images, sent);
        // part of the output is committed before the failure: recovery must not repeat it
        assertTrue(PIPELINE.awaitAnswers(FIRST / 2, Duration.ofMinutes(2)), "first answers committed");
        long committedBeforeFailure = PIPELINE.answers().size();
        failure.inject();
        publish(PIPELINE.publisher(), FIRST, FIRST + SECOND, images, sent);
        int total = FIRST + SECOND;
        assertTrue(PIPELINE.awaitAnswers(total, Duration.ofMinutes(3)), "all inputs answered after recovery");
        PIPELINE.linger(Duration.ofSeconds(3)); // several more checkpoints

        Map<String, Integer> answers = new HashMap<>();
        Map<String, List<Long>> seqByStream = new TreeMap<>();
        int results = 0;
        int rejects = 0;
        for (Outputs.Out o : PIPELINE.answers()) {
            JsonNode r = o.json();
            answers.merge(r.get("source").get("partition").asInt() + "@" + r.get("source").get("offset").asLong(),
                    1, Integer::sum);
            if (r.has("reason")) {
                rejects++;
            } else {
                results++;
                seqByStream.computeIfAbsent(r.get("stream").asText(), s -> new ArrayList<>())
                        .add(r.get("streamSeq").asLong());
            }
        }
        long duplicates = answers.values().stream().filter(n -> n > 1).count();
        System.out.printf("crash recovery (%s): %d inputs, %d answers committed before the failure, restarts %d, "
                        + "results %d, rejects %d, duplicates %d%n", what, total, committedBeforeFailure,
                JobTaps.restarts(), results, rejects, duplicates);
        assertTrue(JobTaps.restarts() >= 1, "the failure restarted the job");
        assertEquals(sent.keySet(), answers.keySet(), "every input answered");
        assertEquals(0, duplicates, "no input answered twice");
        assertEquals(total, results + rejects);
        assertEquals(total / 10, rejects, "every tenth input is an empty record");
        for (Map.Entry<String, List<Long>> e : seqByStream.entrySet()) {
            List<Long> seqs = new ArrayList<>(e.getValue());
            seqs.sort(Long::compare);
            List<Long> expected = new ArrayList<>();
            for (long i = 1; i <= seqs.size(); i++) {
                expected.add(i);
            }
            assertEquals(expected, seqs, "streamSeq of " + e.getKey() + " continues across the restart");
        }
    }

    /** Inputs first..last-1, round robin over the streams; every tenth is empty (a reject). */
    private static void publish(ImagePublisher p, int first, int last, List<byte[]> images, Map<String, String> sent)
            throws Exception {
        for (int i = first; i < last; i++) {
            String stream = "cam-" + (i % STREAMS);
            byte[] value = i % 10 == 9 ? new byte[0] : images.get(i % images.size());
            RecordMetadata m = p.publish(stream, value, null, i, null);
            sent.put(m.partition() + "@" + m.offset(), stream);
        }
    }

    private static List<byte[]> smallImages() throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (String name : List.of("dog.jpg", "person.jpg", "horses.jpg")) {
            BufferedImage src = ImageIO.read(new ByteArrayInputStream(TestImages.sample(name)));
            BufferedImage small = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = small.createGraphics();
            g.drawImage(src, 0, 0, 320, 240, null);
            g.dispose();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ImageIO.write(small, "jpg", b);
            out.add(b.toByteArray());
        }
        return out;
    }
}
