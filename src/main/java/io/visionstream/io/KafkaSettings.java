package io.visionstream.io;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What every Kafka client of VisionStream shares: the brokers, the client properties the user passed through
 * ({@code kafka.properties.*}: security protocol, SASL, truststore, ...) and the largest image record.
 * The job's source and sink, the publish tool and the output reader are all built from this, so a secured
 * broker or a larger frame size is configured once.
 */
public record KafkaSettings(String bootstrap, Map<String, String> properties, int maxRecordBytes) implements Serializable {
    /** A 12-megapixel camera JPEG is 3–8 MB; 16 MiB leaves room for the larger ones. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 16 << 20;
    /** What a record batch adds to a record: batch header, record header, key and headers. */
    public static final int HEADROOM_BYTES = 64 << 10;

    public KafkaSettings {
        properties = Map.copyOf(properties);
    }

    public static KafkaSettings plain(String bootstrap) {
        return new KafkaSettings(bootstrap, Map.of(), DEFAULT_MAX_RECORD_BYTES);
    }

    /** Topic (and broker) {@code max.message.bytes} that admits a record of the largest image plus its headers. */
    public static int topicMaxMessageBytes(int maxRecordBytes) {
        return maxRecordBytes + HEADROOM_BYTES;
    }

    public int topicMaxMessageBytes() {
        return topicMaxMessageBytes(maxRecordBytes);
    }

    /** Brokers and the passed-through properties; the caller adds what its role needs. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(properties);
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /** Consumer fetch sizes that take one record of the largest image in one fetch. */
    public Properties consumerProperties() {
        Properties p = clientProperties();
        p.put("max.partition.fetch.bytes", Integer.toString(topicMaxMessageBytes()));
        p.put("fetch.max.bytes", Integer.toString(Math.max(50 << 20, topicMaxMessageBytes())));
        return p;
    }

    /** Producer request size that takes the largest record the topics accept. */
    public Properties producerProperties() {
        Properties p = clientProperties();
        p.put("max.request.size", Integer.toString(topicMaxMessageBytes()));
        return p;
    }

    /** Whether a client property holds a secret (passwords, JAAS configs with passwords, tokens, keys). */
    public static boolean secret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.contains("credential") || k.endsWith(".key") || k.contains("keystore.key");
    }

    /** Never prints a secret: these settings end up in logs and error messages. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((k, v) -> shown.put(k, secret(k) ? "[hidden]" : v));
        return "KafkaSettings{bootstrap=" + bootstrap + ", properties=" + shown + ", maxRecordBytes=" + maxRecordBytes + "}";
    }
}
