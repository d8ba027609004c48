package io.visionstream.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.io.KafkaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * The broker killed under a running ingest and started again a while later: frames are dropped and counted while
 * it is away (the producer's 1 MiB buffer fills, sends give up after max.block.ms, the camera's queue drops its
 * oldest), the queue never holds more than its bound, and publishing resumes by itself when the broker is back,
 * in order and without a duplicate (idempotent producer).
 */
class BrokerOutageIngestTest {
    @Test
    void dropsAreCountedWhileTheBrokerIsAwayAndPublishingResumes() throws Exception {
        TestVideo.assumeFfmpeg();
        Path clip = TestVideo.h264(Files.createTempDirectory("ingest-outage").resolve("clip.mp4"), 100, 25, 25);
        try (StandaloneKafka broker = new StandaloneKafka(ReconnectIngestTest.freePort(), ReconnectIngestTest.freePort())) {
            broker.start();
            Properties p = new Properties();
            p.put("bootstrap.servers", broker.bootstrap());
            try (Admin admin = Admin.create(p)) {
                admin.createTopics(List.of(new NewTopic("outage", 1, (short) 1))).all().get();
            }
            IngestSettings settings = new IngestSettings("ffmpeg", KafkaSettings.plain(broker.bootstrap()), "outage",
                    500, 1 << 20, 200, 2000, 0, 0, 0);
            Ingest ingest = new Ingest(List.of(CamerasFile.camera(Map.of("stream", "dock", "source", clip.toString(),
                    "loop", true, "queue-frames", 4))), settings, System.out);
            Thread run = new Thread(() -> {
                try {
                    ingest.run();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            run.start();
            try {
                long deadline = System.currentTimeMillis() + 30_000;
                while (ingest.workers().isEmpty() || ingest.workers().get(0).metrics().published.get() < 25) {
                    assertTrue(System.currentTimeMillis() < deadline, "frames published before the outage");
                    Thread.sleep(100);
                }
                CameraWorker w = ingest.workers().get(0);
                CameraMetrics m = w.metrics();
                broker.kill();
                long publishedAtKill = m.published.get();
                int maxQueued = 0;
                for (int i = 0; i < 120; i++) { // 12 s away
                    maxQueued = Math.max(maxQueued, w.queued());
                    Thread.sleep(100);
                }
                long droppedWhileAway = m.droppedTotal();
                System.out.println("while the broker was away: sampled " + m.sampled.get() + ", dropped "
                        + droppedWhileAway + " (queue " + m.dropped(DropCause.QUEUE_FULL) + ", blocked "
                        + m.dropped(DropCause.KAFKA_BLOCKED) + ", failed " + m.dropped(DropCause.KAFKA_FAILED)
                        + "), queue at most " + maxQueued);
                assertTrue(droppedWhileAway > 0, "frames are dropped and counted while Kafka is away");
                assertTrue(m.dropped(DropCause.KAFKA_BLOCKED) > 0, "a send that would block is a drop, not a hang");
                assertTrue(maxQueued <= 4, "the queue stays within its bound: " + maxQueued);
                assertEquals(CameraMetrics.State.STREAMING, m.state(), "the camera keeps decoding");
                broker.start();
                long back = System.currentTimeMillis();
                deadline = back + 40_000;
                while (m.published.get() < publishedAtKill + 25) {
                    assertTrue(System.currentTimeMillis() < deadline, "publishing resumes after the broker is back");
                    Thread.sleep(100);
                }
                System.out.println("publishing resumed " + (System.currentTimeMillis() - back) + " ms after the broker");
            } finally {
                ingest.stop();
                run.join(30_000);
            }
            long published = ingest.workers().get(0).metrics().published.get();
            List<Records.Published> r = Records.read(broker.bootstrap(), "outage", Duration.ofSeconds(20),
                    l -> l.size() >= published);
            assertEquals(published, r.size(), "what was acknowledged is what the topic holds");
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < r.size(); i++) {
                assertTrue(seen.add(r.get(i).frame()), "no frame twice: " + r.get(i).frame());
                if (i > 0) {
                    assertTrue(r.get(i).frame() > r.get(i - 1).frame(), "in order");
                }
            }
        }
    }
}
