package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** The exactly-once Kafka sink's transactions. */
public final class SinkOptions {
    /** Kafka brokers' default transaction.max.timeout.ms; a longer sink transaction makes the job restart-loop. */
    public static final long BROKER_MAX_TRANSACTION_TIMEOUT_MS = 900_000L;

    public static final ConfigOption<Long> TRANSACTION_TIMEOUT_MS = key("sink.transaction-timeout-ms").longType()
            .defaultValue(600_000L)
            .withDescription("must not exceed the broker's `transaction.max.timeout.ms` (default 900000)");
    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = key("sink.transactional-id-prefix").stringType()
            .defaultValue("visionstream")
            .withDescription("unique per job on a shared broker");

    public static final OptionGroup GROUP = new OptionGroup("sink")
            .add(TRANSACTION_TIMEOUT_MS, v -> v <= 0 ? "must be positive"
                    : v > BROKER_MAX_TRANSACTION_TIMEOUT_MS ? "exceeds the Kafka broker's default transaction.max.timeout.ms ("
                    + BROKER_MAX_TRANSACTION_TIMEOUT_MS + "); the sink could not open transactions and the job would "
                    + "restart in a loop" : null)
            .add(TRANSACTIONAL_ID_PREFIX, v -> v.isBlank() ? "must not be empty" : null)
            .crossCheck(c -> c.get(JobOptions.CHECKPOINT_INTERVAL_MS) >= c.get(TRANSACTION_TIMEOUT_MS)
                    ? "config 'checkpoint.interval-ms' (" + c.get(JobOptions.CHECKPOINT_INTERVAL_MS)
                    + ") must be well below sink.transaction-timeout-ms (" + c.get(TRANSACTION_TIMEOUT_MS) + ")" : null);

    private SinkOptions() {
    }
}
