package io.visionstream.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the frames ingest published back from the broker, as the job would. */
final class Records {
    record Published(String stream, long frame, long timestamp, String model, byte[] jpeg) {
    }

    private Records() {
    }

    /** Every record of {@code topic} (partition 0) until {@code done} holds or the timeout passes. */
    static List<Published> read(String bootstrap, String topic, Duration timeout, Predicate<List<Published>> done) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("max.partition.fetch.bytes", Integer.toString(20 << 20));
        List<Published> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(out)) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(new Published(new String(r.key(), StandardCharsets.UTF_8),
                            Long.parseLong(header(r, "frame")), r.timestamp(), header(r, "model"), r.value()));
                }
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
