package io.visionstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.TestImages;
import io.visionstream.cli.ImagePublisher;
import io.visionstream.cli.Outputs;
import io.visionstream.job.JobConfig;
import io.visionstream.job.KafkaAccessCheck;
import io.visionstream.job.VisionStreamJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real broker whose client listener takes SASL/PLAIN and enforces ACLs (StandardAuthorizer, nothing allowed
 * without an ACL). The job's kafka.properties.* reach its source, its sink, the publisher and the reader: with
 * the right credentials and ACLs the job answers; with a wrong password, or before the ACLs exist, it stops at
 * start with a message that says which, and never shows a password.
 */
class SecuredKafkaTest {
    private static final String USER = JaasUtils.KAFKA_PLAIN_USER1;
    private static final String PASSWORD = JaasUtils.KAFKA_PLAIN_USER1_PASSWORD;
    private static final String WRONG = "not-the-password-42";

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static JobConfig config(String bootstrap, String user, String password) {
        return JobConfig.builder()
                .set("kafka.bootstrap", bootstrap)
                .set("kafka.properties.security.protocol", "SASL_PLAINTEXT")
                .set("kafka.properties.sasl.mechanism", "PLAIN")
                .set("kafka.properties.sasl.jaas.config", jaas(user, password))
                .set("checkpoint.interval-ms", 500)
                .set("parallelism", 1)
                .set("runtime.intra-op-threads", 1)
                .set("models.enabled", "nanodet-coco")
                .build();
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    @Test
    void rightCredentialsWorkAndWrongOnesFailAtStartWithAClearMessage() throws Exception {
        String jaasBefore = System.getProperty("java.security.auth.login.config");
        try (KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build()) {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            String bootstrap = cluster.bootstrapServers();
            JobConfig good = config(bootstrap, USER, PASSWORD);
            createTopics(bootstrap, good);

            String noAcls = assertThrows(IllegalArgumentException.class, () -> KafkaAccessCheck.check(good)).getMessage();
            assertTrue(noAcls.contains("does not authorize"), noAcls);

            JobConfig wrong = config(bootstrap, USER, WRONG);
            String refused = assertThrows(IllegalArgumentException.class, () -> KafkaAccessCheck.check(wrong)).getMessage();
            assertTrue(refused.contains("refused the job's credentials") && refused.contains("sasl.jaas.config"), refused);
            assertFalse(refused.contains(WRONG) || refused.contains(PASSWORD), "no password in: " + refused);
            assertFalse(wrong.toString().contains(WRONG), "a config prints without its secrets: " + wrong);

            grant(bootstrap, good);
            KafkaAccessCheck.check(good);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            VisionStreamJob.build(env, good);
            JobClient job = env.executeAsync("secured-it");
            try {
                try (ImagePublisher p = new ImagePublisher(good.kafka(), good.imagesTopic())) {
                    p.publish("gate-1", TestImages.sample("dog.jpg"), null, 1, null);
                }
                try (Outputs out = new Outputs(good.kafka(), good.detectionsTopic())) {
                    assertTrue(out.pollUntil(() -> out.count(good.detectionsTopic()) >= 1, Duration.ofMinutes(2)),
                            "the result arrives through the secured listener");
                    JsonNode r = out.on(good.detectionsTopic()).get(0).json();
                    assertEquals("gate-1", r.get("stream").asText());
                    assertTrue(r.get("detections").size() > 0, r.toString());
                }
            } finally {
                job.cancel().get();
            }
        } finally {
            if (jaasBefore == null) {
                System.clearProperty("java.security.auth.login.config");
            } else {
                System.setProperty("java.security.auth.login.config", jaasBefore);
            }
        }
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", jaas(JaasUtils.KAFKA_PLAIN_ADMIN, JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD));
        return Admin.create(p);
    }

    private static void createTopics(String bootstrap, JobConfig c) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String t : List.of(c.imagesTopic(), c.detectionsTopic(), c.masksTopic(), c.rejectsTopic())) {
                topics.add(new NewTopic(t, 1, (short) 1).configs(Map.of("max.message.bytes",
                        Integer.toString(c.kafka().topicMaxMessageBytes()))));
            }
            admin.createTopics(topics).all().get();
        }
    }

    /** What the README lists for the job's principal, plus what the publisher and the reader need. */
    private static void grant(String bootstrap, JobConfig c) throws Exception {
        String principal = "User:" + USER;
        List<AclBinding> acls = new ArrayList<>();
        for (String t : List.of(c.imagesTopic(), c.detectionsTopic(), c.masksTopic(), c.rejectsTopic())) {
            for (AclOperation op : List.of(AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE)) {
                acls.add(allow(ResourceType.TOPIC, t, PatternType.LITERAL, op, principal));
            }
        }
        acls.add(allow(ResourceType.GROUP, c.groupId(), PatternType.LITERAL, AclOperation.READ, principal));
        acls.add(allow(ResourceType.GROUP, "reader-", PatternType.PREFIXED, AclOperation.READ, principal));
        for (AclOperation op : List.of(AclOperation.DESCRIBE, AclOperation.WRITE)) {
            acls.add(allow(ResourceType.TRANSACTIONAL_ID, c.transactionalIdPrefix(), PatternType.PREFIXED, op, principal));
        }
        try (Admin admin = admin(bootstrap)) {
            admin.createAcls(acls).all().get();
        }
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation op, String principal) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }
}
