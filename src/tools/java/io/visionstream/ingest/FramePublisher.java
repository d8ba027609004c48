package io.visionstream.ingest;

import io.visionstream.io.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one Kafka producer, shared by its cameras. Idempotent with acks=all, so a retried batch is never
 * written twice and one camera's frames (one key, one partition, one sending thread) stay in order. Its buffer is
 * bounded ({@code buffer.memory}) and a send that would block longer than {@code max.block.ms} (buffer full,
 * broker unknown) is a counted drop, never a hang: while the broker is away frames are dropped and counted, and
 * when it is back the producer reconnects by itself, without a restart of ingest.
 */
public final class FramePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FramePublisher.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int maxRecordBytes;
    /** Cameras whose frames Kafka is not taking now: their outage is logged once, at its start and its end. */
    private final Map<String, Long> down = new ConcurrentHashMap<>();

    public FramePublisher(KafkaSettings kafka, String topic, long maxBlockMs, long bufferBytes) {
        this.topic = topic;
        this.maxRecordBytes = kafka.maxRecordBytes();
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5"); // the most idempotence keeps in order
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(maxBlockMs));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(bufferBytes));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // a frame not delivered within 30 s is stale for monitoring: count it dropped rather than retry on
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.putAll(kafka.producerProperties()); // kafka.properties.* (security, or the user's own tuning) win
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one frame; never blocks longer than max.block.ms; every frame ends published or dropped (counted). */
    public void send(Frame f, CameraMetrics m) {
        String stream = f.camera().stream();
        if (f.jpeg().length > maxRecordBytes) {
            m.drop(DropCause.TOO_LARGE);
            LOG.warn("{}: frame {} is {} bytes, over kafka.max-record-bytes {}: dropped (lower --max-side or --quality)",
                    stream, f.number(), f.jpeg().length, maxRecordBytes);
            return;
        }
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, f.captureMs(),
                stream.getBytes(StandardCharsets.UTF_8), f.jpeg());
        if (f.camera().model() != null) {
            r.headers().add("model", f.camera().model().getBytes(StandardCharsets.UTF_8));
        }
        r.headers().add("frame", Long.toString(f.number()).getBytes(StandardCharsets.UTF_8));
        if (f.camera().profile() != null) {
            r.headers().add("profile", f.camera().profile().getBytes(StandardCharsets.UTF_8));
        }
        Thread sender = Thread.currentThread();
        boolean[] inSend = {true};
        try {
            producer.send(r, (md, e) -> {
                if (e == null) {
                    m.published.incrementAndGet();
                    up(stream, m);
                } else {
                    // max.block.ms passing (no metadata, buffer full) completes the send at once, on the sending
                    // thread, inside send(); a delivery timeout or a broker's refusal comes later, on the I/O thread
                    boolean blocked = inSend[0] && Thread.currentThread() == sender && e instanceof TimeoutException;
                    m.drop(blocked ? DropCause.KAFKA_BLOCKED : DropCause.KAFKA_FAILED);
                    down(stream, e);
                }
            });
        } catch (TimeoutException e) {
            m.drop(DropCause.KAFKA_BLOCKED);
            down(stream, e);
        } catch (KafkaException e) {
            m.drop(DropCause.KAFKA_FAILED);
            down(stream, e);
        } finally {
            inSend[0] = false;
        }
    }

    private void down(String stream, Exception e) {
        if (down.putIfAbsent(stream, System.currentTimeMillis()) == null) {
            LOG.warn("{}: Kafka is not taking frames ({}); dropping and counting them until it is back", stream,
                    e.getMessage());
        }
    }

    private void up(String stream, CameraMetrics m) {
        Long since = down.remove(stream);
        if (since != null) {
            LOG.info("{}: Kafka takes frames again after {} s ({} dropped in all so far)", stream,
                    (System.currentTimeMillis() - since) / 1000, m.droppedTotal());
        }
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
