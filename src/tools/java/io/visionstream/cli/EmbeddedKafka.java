package io.visionstream.cli;

import io.visionstream.io.KafkaSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker (combined broker and controller) inside this JVM, from Kafka's own test kit.
 * For the demo and the tests only; {@code kafka/} starts a standalone one.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** Topics accept records up to this size: images up to the job's default kafka.max-record-bytes, and headers. */
    public static final int MAX_MESSAGE_BYTES = KafkaSettings.topicMaxMessageBytes(KafkaSettings.DEFAULT_MAX_RECORD_BYTES);

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static EmbeddedKafka start() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES))
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public void createTopics(int partitions, String... names) throws Exception {
        createTopics(partitions, Map.of(), names);
    }

    /** Topics with further topic configs (for example retention for long runs). */
    public void createTopics(int partitions, Map<String, String> configs, String... names) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String n : names) {
                topics.add(new NewTopic(n, partitions, (short) 1)
                        .configs(withMaxMessageBytes(configs)));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private static Map<String, String> withMaxMessageBytes(Map<String, String> configs) {
        Map<String, String> all = new java.util.HashMap<>(configs);
        all.put("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        return all;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
