package io.visionstream.it;

import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.cli.ImagePublisher;
import io.visionstream.cli.Outputs;
import io.visionstream.io.ImageRecord;
import io.visionstream.job.JobConfig;
import io.visionstream.job.VisionStreamJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * What a pipeline test runs against, without JUnit so that {@code bench fuzz} can use it too: an in-process KRaft
 * broker, topics of its own for each run, the job's config for them, the job started and cancelled, and a
 * publisher and a read_committed reader on the run's topics. {@link PipelineFixture} puts it under JUnit with a
 * MiniCluster (one run per test); elsewhere the job runs in a local one.
 */
public class Pipeline implements AutoCloseable {
    /** The broker's client listener. */
    public enum Broker {
        PLAINTEXT,
        /** SASL/PLAIN with ACLs enforced (nothing allowed without one); the job connects as user1, topics are made as admin. */
        SASL_ACLS
    }

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final int parallelism;
    private final Broker brokerKind;
    private AutoCloseable broker;
    private String bootstrap;
    private String jaasBefore;

    // the current run
    private String suffix;
    private JobConfig base;
    private JobClient job;
    private ImagePublisher publisher;
    private Outputs reader;

    public Pipeline(int parallelism, Broker broker) {
        this.parallelism = parallelism;
        this.brokerKind = broker;
    }

    /** Starts the broker. */
    public Pipeline open() throws Exception {
        if (brokerKind == Broker.PLAINTEXT) {
            EmbeddedKafka kafka = EmbeddedKafka.start();
            broker = kafka;
            bootstrap = kafka.bootstrapServers();
            return this;
        }
        jaasBefore = System.getProperty("java.security.auth.login.config"); // the test kit sets it
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        broker = cluster;
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        bootstrap = cluster.bootstrapServers();
        return this;
    }

    public static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** An admin client of the broker (on the secured broker, as its super user). */
    public Admin admin() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        if (brokerKind == Broker.SASL_ACLS) {
            p.put("security.protocol", "SASL_PLAINTEXT");
            p.put("sasl.mechanism", "PLAIN");
            p.put("sasl.jaas.config", jaas(JaasUtils.KAFKA_PLAIN_ADMIN, JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD));
        }
        return Admin.create(p);
    }

    /** The job's config for this run's topics (created on the first call of a run); {@code extra} adds or overrides keys. */
    public JobConfig config(UnaryOperator<JobConfig.Builder> extra) throws Exception {
        if (base == null) {
            suffix = "r" + RUNS.incrementAndGet();
            base = defaults().build();
            createTopics(base);
        }
        return extra.apply(defaults()).build();
    }

    private JobConfig.Builder defaults() {
        JobConfig.Builder b = JobConfig.builder()
                .set("kafka.bootstrap", bootstrap)
                .set("kafka.group-id", "vs-" + suffix)
                .set("sink.transactional-id-prefix", "vs-" + suffix)
                .set("topics.images", "images-" + suffix)
                .set("topics.detections", "detections-" + suffix)
                .set("topics.masks", "masks-" + suffix)
                .set("topics.rejects", "rejects-" + suffix)
                .set("topics.events", "events-" + suffix)
                .set("topics.zones", "zones-" + suffix)
                .set("checkpoint.interval-ms", 500)
                .set("parallelism", parallelism)
                .set("runtime.intra-op-threads", 1);
        if (brokerKind == Broker.SASL_ACLS) {
            b.set("kafka.properties.security.protocol", "SASL_PLAINTEXT")
                    .set("kafka.properties.sasl.mechanism", "PLAIN")
                    .set("kafka.properties.sasl.jaas.config",
                            jaas(JaasUtils.KAFKA_PLAIN_USER1, JaasUtils.KAFKA_PLAIN_USER1_PASSWORD));
        }
        return b;
    }

    private void createTopics(JobConfig c) throws Exception {
        Map<String, String> size = Map.of("max.message.bytes", Integer.toString(c.kafka().topicMaxMessageBytes()));
        List<NewTopic> topics = new ArrayList<>(List.of(new NewTopic(c.imagesTopic(), 2, (short) 1).configs(size)));
        for (String t : List.of(c.detectionsTopic(), c.masksTopic(), c.rejectsTopic(), c.eventsTopic())) {
            topics.add(new NewTopic(t, 1, (short) 1).configs(size));
        }
        topics.add(new NewTopic(c.zonesTopic(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get();
        }
    }

    public JobClient start(JobConfig config) throws Exception {
        return start(config, UnaryOperator.identity(), null);
    }

    public JobClient start(JobConfig config, UnaryOperator<DataStream<ImageRecord>> tap) throws Exception {
        return start(config, tap, null);
    }

    /** Starts the job ({@code tap} between its source and guard), from {@code savepoint} unless null; cancelled at the run's end. */
    public JobClient start(JobConfig config, UnaryOperator<DataStream<ImageRecord>> tap, String savepoint) throws Exception {
        Configuration conf = new Configuration();
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        VisionStreamJob.build(env, config, tap);
        job = env.executeAsync("pipeline-" + suffix);
        return job;
    }

    /** Stops the running job with a savepoint under {@code dir}; returns its path, for {@link #start(JobConfig, UnaryOperator, String)}. */
    public String stopWithSavepoint(Path dir) throws Exception {
        String path = job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL).get();
        job = null;
        return path;
    }

    /** A publisher to this run's image topic. */
    public ImagePublisher publisher() {
        if (publisher == null) {
            publisher = new ImagePublisher(base.kafka(), base.imagesTopic());
        }
        return publisher;
    }

    private Outputs reader() {
        if (reader == null) {
            reader = new Outputs(base.kafka(), base.detectionsTopic(), base.rejectsTopic(), base.masksTopic(),
                    base.eventsTopic());
        }
        return reader;
    }

    /** Reads until results and rejects together number at least {@code n}; false when the timeout passed first. */
    public boolean awaitAnswers(long n, Duration timeout) {
        Outputs out = reader();
        return out.pollUntil(() -> out.count(base.detectionsTopic(), base.rejectsTopic()) >= n, timeout);
    }

    /** Keeps reading for a while (several checkpoints: whatever was duplicated would show up). */
    public void linger(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < until) {
            reader().pollOnce(Duration.ofMillis(200));
        }
    }

    public List<Outputs.Out> results() {
        return reader().on(base.detectionsTopic());
    }

    public List<Outputs.Out> rejects() {
        return reader().on(base.rejectsTopic());
    }

    public List<Outputs.Out> events() {
        return reader().on(base.eventsTopic());
    }

    /** A producer to this run's zones topic (key = stream, value = entry text; null removes). */
    public void publishZones(String stream, String entry) throws Exception {
        Map<String, byte[]> none = Map.of();
        try (ImagePublisher p = new ImagePublisher(base.kafka(), base.zonesTopic())) {
            p.send(stream.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    entry == null ? null : entry.getBytes(java.nio.charset.StandardCharsets.UTF_8), none);
        }
    }

    public List<Outputs.Out> masks() {
        return reader().on(base.masksTopic());
    }

    /** Results, then rejects. */
    public List<Outputs.Out> answers() {
        List<Outputs.Out> all = new ArrayList<>(results());
        all.addAll(rejects());
        return all;
    }

    /** Cancels the job (unless it already ended) and closes the run's clients; the next run gets new topics. */
    public void endRun() throws Exception {
        JobClient j = job;
        job = null;
        base = null;
        try {
            if (j != null && !j.getJobStatus().get().isGloballyTerminalState()) {
                j.cancel().get();
            }
        } finally {
            if (publisher != null) {
                publisher.close();
                publisher = null;
            }
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            endRun();
        } finally {
            if (broker != null) {
                broker.close();
                broker = null;
            }
            if (brokerKind == Broker.SASL_ACLS) {
                if (jaasBefore == null) {
                    System.clearProperty("java.security.auth.login.config");
                } else {
                    System.setProperty("java.security.auth.login.config", jaasBefore);
                }
            }
        }
    }
}
