package io.visionstream.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.TestImages;
import io.visionstream.job.JobConfig;
import io.visionstream.job.KafkaAccessCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.test.JaasUtils;
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
    static final PipelineFixture PIPELINE = new PipelineFixture(1, Pipeline.Broker.SASL_ACLS);

    @Test
    void rightCredentialsWorkAndWrongOnesFailAtStartWithAClearMessage() throws Exception {
        JobConfig good = config(PASSWORD);

        String noAcls = assertThrows(IllegalArgumentException.class, () -> KafkaAccessCheck.check(good)).getMessage();
        assertTrue(noAcls.contains("does not authorize"), noAcls);

        JobConfig wrong = config(WRONG);
        String refused = assertThrows(IllegalArgumentException.class, () -> KafkaAccessCheck.check(wrong)).getMessage();
        assertTrue(refused.contains("refused the job's credentials") && refused.contains("sasl.jaas.config"), refused);
        assertFalse(refused.contains(WRONG) || refused.contains(PASSWORD), "no password in: " + refused);
        assertFalse(wrong.toString().contains(WRONG), "a config prints without its secrets: " + wrong);

        grant(good);
        KafkaAccessCheck.check(good);
        PIPELINE.start(good);
        PIPELINE.publisher().publish("gate-1", TestImages.sample("dog.jpg"), null, 1, null);
        assertTrue(PIPELINE.awaitAnswers(1, Duration.ofMinutes(2)), "the result arrives through the secured listener");
        JsonNode r = PIPELINE.results().get(0).json();
        assertEquals("gate-1", r.get("stream").asText());
        assertTrue(r.get("detections").size() > 0, r.toString());
    }

    private static JobConfig config(String password) throws Exception {
        return PIPELINE.config(c -> c
                .set("kafka.properties.sasl.jaas.config", Pipeline.jaas(USER, password))
                .set("models.enabled", "nanodet-coco"));
    }

    /** What the README lists for the job's principal, plus what the publisher and the reader need. */
    private static void grant(JobConfig c) throws Exception {
        String principal = "User:" + USER;
        List<AclBinding> acls = new ArrayList<>();
        for (String t : List.of(c.imagesTopic(), c.detectionsTopic(), c.masksTopic(), c.rejectsTopic(),
                c.eventsTopic(), c.zonesTopic())) {
            for (AclOperation op : List.of(AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE)) {
                acls.add(allow(ResourceType.TOPIC, t, PatternType.LITERAL, op, principal));
            }
        }
        acls.add(allow(ResourceType.GROUP, c.groupId(), PatternType.LITERAL, AclOperation.READ, principal));
        acls.add(allow(ResourceType.GROUP, c.groupId() + "-zones", PatternType.LITERAL, AclOperation.READ, principal));
        acls.add(allow(ResourceType.GROUP, "reader-", PatternType.PREFIXED, AclOperation.READ, principal));
        for (AclOperation op : List.of(AclOperation.DESCRIBE, AclOperation.WRITE)) {
            acls.add(allow(ResourceType.TRANSACTIONAL_ID, c.transactionalIdPrefix(), PatternType.PREFIXED, op, principal));
        }
        try (Admin admin = PIPELINE.admin()) {
            admin.createAcls(acls).all().get();
        }
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation op, String principal) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }
}
