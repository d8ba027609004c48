package io.visionstream.cli;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes images to the input topic the way a camera gateway would: key = stream, headers model and frame. */
public final class ImagePublisher implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public ImagePublisher(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(EmbeddedKafka.MAX_MESSAGE_BYTES));
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** model and profile may be null (header left out). */
    public void publish(String stream, byte[] image, String model, long frame, String profile) throws Exception {
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, stream.getBytes(StandardCharsets.UTF_8), image);
        if (model != null) {
            r.headers().add("model", model.getBytes(StandardCharsets.UTF_8));
        }
        r.headers().add("frame", Long.toString(frame).getBytes(StandardCharsets.UTF_8));
        if (profile != null) {
            r.headers().add("profile", profile.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(r).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
