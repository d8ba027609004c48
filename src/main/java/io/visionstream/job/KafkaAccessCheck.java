package io.visionstream.job;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to Kafka with the job's own client settings before the job is submitted. Wrong credentials or
 * missing ACLs then stop the job at start with a message that says which, instead of a source that fails in
 * its enumerator and restarts forever. Secrets are never part of the message.
 */
public final class KafkaAccessCheck {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaAccessCheck.class);
    private static final long TIMEOUT_S = 30;

    private KafkaAccessCheck() {
    }

    /** Throws IllegalArgumentException (a configuration problem) when Kafka refuses this client. */
    public static void check(JobConfig config) {
        Properties p = config.kafka().clientProperties();
        p.put("request.timeout.ms", Long.toString(TIMEOUT_S * 1000 / 2));
        p.put("default.api.timeout.ms", Long.toString(TIMEOUT_S * 1000));
        List<String> topics = List.of(config.imagesTopic(), config.detectionsTopic(), config.masksTopic(),
                config.rejectsTopic(), config.eventsTopic());
        String where = "Kafka at " + config.bootstrap();
        try (Admin admin = Admin.create(p)) {
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthenticationException) {
                throw new IllegalArgumentException(where + " refused the job's credentials: " + cause.getMessage()
                        + ". Check kafka.properties.security.protocol, sasl.mechanism and sasl.jaas.config (or the SSL "
                        + "key and trust stores)", cause);
            }
            if (cause instanceof AuthorizationException) {
                throw new IllegalArgumentException(where + " accepted the job's credentials but does not authorize it: "
                        + cause.getMessage() + ". The job's principal needs Describe and Read on topic " + config.imagesTopic()
                        + " and group " + config.groupId() + ", Describe and Read on topic " + config.zonesTopic()
                        + " and group " + config.groupId() + "-zones, Describe and Write on topics " + topics.subList(1, 5)
                        + ", and Describe and Write on transactional ids with prefix " + config.transactionalIdPrefix(), cause);
            }
            if (cause instanceof UnknownTopicOrPartitionException) {
                LOG.warn("{}: not all of the topics {} exist yet ({}); kafka/create-topics.sh creates them", where, topics,
                        cause.getMessage());
                return;
            }
            throw new IllegalArgumentException(where + " cannot be used: " + cause, cause);
        } catch (TimeoutException e) {
            throw new IllegalArgumentException(where + " did not answer within " + TIMEOUT_S + " s: check kafka.bootstrap "
                    + "and that kafka.properties.security.protocol matches the broker's listener", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
