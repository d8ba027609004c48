package io.visionstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.output.OutputJson;
import io.visionstream.io.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the job's output topics as a downstream user would ({@code read_committed}): only what a completed
 * checkpoint committed is visible.
 */
public final class Outputs implements AutoCloseable {
    /** One record read back. */
    public record Out(String topic, String key, byte[] value, Map<String, String> headers) {
        public JsonNode json() {
            try {
                return OutputJson.mapper().readTree(value);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("not JSON on " + topic + ": " + new String(value, StandardCharsets.UTF_8), e);
            }
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Out> records = new ArrayList<>();
    private final Map<String, Long> counts = new HashMap<>();
    private boolean keep = true;

    /** Counts records without keeping them (long runs). */
    public Outputs countOnly() {
        keep = false;
        return this;
    }

    public Outputs(String bootstrap, String... topics) {
        this(KafkaSettings.plain(bootstrap), topics);
    }

    /** With the job's Kafka settings: the same security properties and record size. */
    public Outputs(KafkaSettings kafka, String... topics) {
        Properties p = kafka.consumerProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics));
    }

    /** Polls until {@code done} holds or the timeout passes; returns whether it held. */
    public boolean pollUntil(BooleanSupplier done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pollOnce(Duration.ofMillis(500));
        }
        return true;
    }

    public void pollOnce(Duration wait) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
            counts.merge(r.topic(), 1L, Long::sum);
            if (!keep) {
                continue;
            }
            Map<String, String> headers = new HashMap<>();
            for (Header h : r.headers()) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
            records.add(new Out(r.topic(), r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                    r.value(), headers));
        }
    }

    public List<Out> on(String topic) {
        return records.stream().filter(o -> o.topic().equals(topic)).toList();
    }

    public long count(String... topics) {
        long n = 0;
        for (String t : topics) {
            n += counts.getOrDefault(t, 0L);
        }
        return n;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
