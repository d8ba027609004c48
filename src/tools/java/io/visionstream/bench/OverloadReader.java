package io.visionstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstream.job.JobConfig;
import io.visionstream.output.OutputJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a run's results, rejects and events {@code read_committed}, as a downstream user sees them, and keeps
 * only what the verdict needs, so that the bench's own memory does not grow with the run (cli.Outputs keeps
 * every record): how often each stream/frame was answered, each result's track ids, and each event without its
 * capture timestamp (the one field that differs between runs of the same frames).
 */
final class OverloadReader implements AutoCloseable {
    private final JobConfig config;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** "stream:frame" -> times answered (result or reject). */
    final Map<String, Integer> answers = new HashMap<>();
    /** Per stream, "frame:[track ids]" of every result. */
    final Map<String, List<String>> tracks = new TreeMap<>();
    /** Per stream, its events in the order of the events topic (one partition: the order the job wrote them). */
    final Map<String, List<String>> events = new TreeMap<>();
    /** Per stream, "shape/label" -> the counts of its latest event: lines [+, −], zones [entries]. */
    final Map<String, Map<String, long[]>> counts = new TreeMap<>();
    private long answered;

    OverloadReader(JobConfig config) {
        this.config = config;
        Properties p = config.kafka().consumerProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "overload-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(config.detectionsTopic(), config.rejectsTopic(), config.eventsTopic()));
    }

    /** Results and rejects read so far, duplicates included. */
    long answered() {
        return answered;
    }

    void poll(Duration wait) throws Exception {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
            JsonNode j = OutputJson.mapper().readTree(r.value());
            String stream = j.path("stream").asText();
            if (r.topic().equals(config.eventsTopic())) {
                events.computeIfAbsent(stream, s -> new ArrayList<>()).add(((ObjectNode) j).without("timestamp").toString());
                JsonNode c = j.get("counts");
                String key = j.get("zone").asText() + "/" + j.get("label").asText();
                counts.computeIfAbsent(stream, s -> new TreeMap<>()).put(key, j.get("type").asText().equals("cross")
                        ? new long[] {c.get("+").asLong(), c.get("-").asLong()} : new long[] {c.get("enter").asLong()});
                continue;
            }
            answered++;
            long frame = j.path("frame").asLong();
            answers.merge(stream + ":" + frame, 1, Integer::sum);
            if (r.topic().equals(config.detectionsTopic())) {
                List<String> ids = new ArrayList<>();
                j.path("detections").forEach(d -> ids.add(d.path("track").isNull() ? "-" : d.path("track").asText()));
                tracks.computeIfAbsent(stream, s -> new ArrayList<>()).add(frame + ":" + ids);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
