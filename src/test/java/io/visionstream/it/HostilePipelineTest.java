package io.visionstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.TestImages;
import io.visionstream.cli.ImagePublisher;
import io.visionstream.cli.Outputs;
import io.visionstream.fuzz.FuzzRun;
import io.visionstream.fuzz.HostileInputs;
import io.visionstream.fuzz.JobTaps;
import io.visionstream.reject.Echo;
import io.visionstream.io.KafkaSettings;
import io.visionstream.job.JobConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import javax.imageio.ImageIO;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile traffic and huge camera frames through the real pipeline: in-process KRaft broker, Flink MiniCluster
 * (two slots), the job, and a read_committed reader.
 */
class HostilePipelineTest {
    @RegisterExtension
    static final PipelineFixture PIPELINE = new PipelineFixture();

    private static JobConfig config() throws Exception {
        return PIPELINE.config(c -> c.set("models.enabled", HostileInputs.MODEL).set("model.default", HostileInputs.MODEL));
    }

    @Test
    void hostileInputsAreEachAnsweredOnceWithoutARestart() throws Exception {
        JobConfig config = config();
        List<HostileInputs.Input> inputs = HostileInputs.sample(12, 4);
        PIPELINE.start(config, JobTaps.countRestarts());
        FuzzRun.Tally tally = FuzzRun.run(PIPELINE, config, inputs, Duration.ofMinutes(4));
        tally.print(System.out, JobTaps.restarts(), io.visionstream.runtime.ProcessMemory.peakRssBytes() >> 20);
        assertTrue(inputs.size() >= 250, "a few hundred inputs: " + inputs.size());
        assertEquals(List.of(), tally.unexpected());
        assertEquals(0, tally.missing());
        assertEquals(0, tally.duplicates());
        assertEquals(0, JobTaps.restarts(), "no input may restart the job");
        assertTrue(tally.results() > 50 && tally.rejects().size() >= 5, tally.toString());
        assertTrue(tally.longestRejectMessage() <= Echo.MAX_MESSAGE_CHARS + 20, "bounded: " + tally.longestRejectMessage());
        assertTrue(tally.longestRejectModel() <= Echo.MAX_HEADER_CHARS + 20, "bounded: " + tally.longestRejectModel());
    }

    @Test
    void aTenMegabyteFrameGetsItsResultAndOneAboveTheCapIsRejectedNotStuck() throws Exception {
        JobConfig config = config();
        int cap = config.kafka().maxRecordBytes();
        assertEquals(KafkaSettings.DEFAULT_MAX_RECORD_BYTES, cap);
        assertEquals(cap, config.guardLimits().maxBytes(), "one value sets the guard's byte limit too");
        byte[] frame = noisePng(1900, 1800, 7);
        assertTrue(frame.length > 10_000_000, "a 10 MB frame: " + frame.length);
        byte[] oversized = Arrays.copyOf(TestImages.sample("dog.jpg"), cap + 1);

        PIPELINE.start(config, JobTaps.countRestarts());
        ImagePublisher p = PIPELINE.publisher();
        p.publish("cam-12mp", frame, null, 1, null);
        p.publish("cam-12mp", oversized, null, 2, null);
        // past the topic's max.message.bytes the broker refuses it: it never reaches the partition
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> p.publish("cam-12mp", new byte[config.kafka().topicMaxMessageBytes() + 1], null, 3, null));
        assertTrue(refused.getCause() instanceof RecordTooLargeException, refused.toString());
        p.publish("cam-12mp", TestImages.sample("dog.jpg"), null, 4, null);

        assertTrue(PIPELINE.awaitAnswers(3, Duration.ofMinutes(3)), "all three answered");
        Map<Long, String> seen = new HashMap<>();
        for (Outputs.Out o : PIPELINE.answers()) {
            JsonNode r = o.json();
            seen.put(r.get("frame").asLong(), r.has("reason") ? r.get("reason").asText() : "result "
                    + r.get("image").get("width").asInt() + "x" + r.get("image").get("height").asInt());
            if (r.has("reason")) {
                assertTrue(r.get("message").asText().contains("kafka.max-record-bytes"), r.toString());
            }
        }
        assertEquals(Map.of(1L, "result 1900x1800", 2L, "TOO_LARGE_BYTES", 4L, "result 768x576"), seen);
        assertEquals(0, JobTaps.restarts());
    }

    /** Random pixels do not compress: the PNG is about 3 bytes per pixel, like a high-quality camera frame. */
    private static byte[] noisePng(int w, int h, long seed) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rnd.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(img, "png", b);
        return b.toByteArray();
    }
}
