package io.visionstream.bench;

import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.job.JobConfig;
import io.visionstream.job.VisionStreamJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The whole pipeline as a user runs it: frames preloaded into a real broker's images topic (round-robin over
 * {@code streams} stream ids), then the job started on a MiniCluster with {@code parallelism} slots, and its
 * results read back read_committed. images/s counts results from the first committed batch to the last, so that
 * job start-up is left out; latency is from the frame's produce time (the input record's timestamp, which the
 * results carry) to the moment the result was read, so for a preloaded topic it includes the time the frame
 * waited in the topic.
 */
final class PipelineProbe {
    record Result(int results, double imagesPerS, double p50, double p99) { }

    private static int runs;

    private PipelineProbe() {
    }

    static Result run(EmbeddedKafka kafka, String registry, String model, List<byte[]> frames, int count, int streams,
                      int parallelism, Map<String, String> settings) throws Exception {
        String run = "t" + (++runs);
        JobConfig.Builder b = JobConfig.builder()
                .set("kafka.bootstrap", kafka.bootstrapServers())
                .set("kafka.group-id", "bench-" + run)
                .set("topics.images", run + "-images")
                .set("topics.detections", run + "-detections")
                .set("topics.masks", run + "-masks")
                .set("topics.rejects", run + "-rejects")
                .set("sink.transactional-id-prefix", "bench-" + run)
                .set("registry", registry)
                .set("models.enabled", model)
                .set("model.default", model)
                .set("checkpoint.interval-ms", 2000)
                .set("parallelism", parallelism);
        settings.forEach(b::set);
        JobConfig config = b.build();
        kafka.createTopics(2, config.imagesTopic(), config.detectionsTopic(), config.masksTopic(), config.rejectsTopic());
        preload(kafka.bootstrapServers(), config.imagesTopic(), frames, count, streams);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
        VisionStreamJob.build(env, config);
        JobClient job = env.executeAsync("visionstream-throughput-" + run);
        List<Double> latencies = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka.bootstrapServers(), config)) {
            long first = 0;
            int atFirst = 0;
            long last = 0;
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (seen < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + count + " results after 10 minutes");
                }
                var polled = consumer.poll(Duration.ofMillis(100));
                if (polled.isEmpty()) {
                    continue;
                }
                long now = System.nanoTime();
                long wall = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : polled) {
                    latencies.add((double) (wall - r.timestamp()));
                }
                seen += polled.count();
                if (first == 0) {
                    first = now;
                    atFirst = seen;
                }
                last = now;
            }
            double rate = last > first ? (seen - atFirst) / ((last - first) / 1e9) : Double.NaN;
            double[] lat = latencies.stream().mapToDouble(Double::doubleValue).toArray();
            return new Result(seen, rate, Stats.median(lat), Stats.percentile(lat, 99));
        } finally {
            job.cancel().get();
        }
    }

    private static void preload(String bootstrap, String topic, List<byte[]> frames, int count, int streams)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // one request in flight, no idempotence: a loaded broker times out big batches, and the idempotent
        // producer's retries then fail with out-of-order sequence numbers
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(EmbeddedKafka.MAX_MESSAGE_BYTES));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String stream = "cam-" + (i % streams);
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, stream.getBytes(StandardCharsets.UTF_8),
                        frames.get(i % frames.size()));
                r.headers().add("frame", Long.toString(i / streams).getBytes(StandardCharsets.UTF_8));
                producer.send(r);
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, JobConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        c.subscribe(List.of(config.detectionsTopic(), config.rejectsTopic()));
        return c;
    }
}
