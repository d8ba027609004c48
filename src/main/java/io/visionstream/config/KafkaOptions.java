package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** Brokers, consumer group and the largest image record; {@code kafka.properties.*} pass through to every client. */
public final class KafkaOptions {
    /** Client properties passed to every Kafka client as they are: {@code kafka.properties.security.protocol} etc. */
    public static final String PROPERTIES_PREFIX = "kafka.properties.";
    /** The room a record needs above its value on a topic (headers, batch overhead). */
    public static final int HEADROOM_BYTES = 64 << 10;

    public static final ConfigOption<String> BOOTSTRAP = key("kafka.bootstrap").stringType()
            .defaultValue("localhost:9092")
            .withDescription("brokers; `--bootstrap` is short for `--kafka.bootstrap`");
    public static final ConfigOption<String> GROUP_ID = key("kafka.group-id").stringType()
            .defaultValue("visionstream")
            .withDescription("consumer group of the source");
    public static final ConfigOption<Integer> MAX_RECORD_BYTES = key("kafka.max-record-bytes").intType()
            .defaultValue(16 << 20)
            .withDescription("the largest image record (16 MiB): sets the source's fetch sizes, the producers' "
                    + "`max.request.size` and the default of `guard.max-bytes`; topics need `max.message.bytes` "
                    + "= this + 64 KiB");

    public static final OptionGroup GROUP = new OptionGroup("kafka")
            .add(BOOTSTRAP, v -> v.isBlank() ? "must name at least one broker" : null)
            .add(GROUP_ID, v -> v.isBlank() ? "must not be empty" : null)
            .add(MAX_RECORD_BYTES, Rule.between(1, Integer.MAX_VALUE - HEADROOM_BYTES));

    /** The row of the configuration table for the passed-through client properties. */
    static final String PROPERTIES_DESCRIPTION = "Kafka client properties passed as they are to the source, the "
            + "sink, the start-up access check and `publish` (`kafka.properties.security.protocol`, "
            + "`.sasl.jaas.config`, `.ssl.truststore.location`, ...); values naming a password, secret, token, key "
            + "or JAAS config are printed as `[hidden]`";

    private KafkaOptions() {
    }
}
