package io.visionstream.cli;

import io.visionstream.io.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes images to the input topic the way a camera gateway would: key = stream, headers model and frame. */
public final class ImagePublisher implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public ImagePublisher(String bootstrap, String topic) {
        this(KafkaSettings.plain(bootstrap), topic);
    }

    /** With the job's Kafka settings: the same security properties and record size. */
    public ImagePublisher(KafkaSettings kafka, String topic) {
        Properties p = kafka.producerProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** model and profile may be null (header left out). Returns where the record landed. */
    public RecordMetadata publish(String stream, byte[] image, String model, long frame, String profile) throws Exception {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        if (model != null) {
            headers.put("model", model.getBytes(StandardCharsets.UTF_8));
        }
        headers.put("frame", Long.toString(frame).getBytes(StandardCharsets.UTF_8));
        if (profile != null) {
            headers.put("profile", profile.getBytes(StandardCharsets.UTF_8));
        }
        return send(stream.getBytes(StandardCharsets.UTF_8), image, headers);
    }

    /** A record exactly as given: any key, value and headers (tools that replay or fuzz). */
    public RecordMetadata send(byte[] key, byte[] value, Map<String, byte[]> headers) throws Exception {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> r.headers().add(k, v));
        return producer.send(r).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
