package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** What the guard rejects before anything is decoded. */
public final class GuardOptions {
    public static final ConfigOption<Long> MAX_BYTES = key("guard.max-bytes").longType().defaultValue(0L)
            .withDescription("larger records are rejected `TOO_LARGE_BYTES`; 0 = `kafka.max-record-bytes`, "
                    + "at most that");
    public static final ConfigOption<Long> MAX_PIXELS = key("guard.max-pixels").longType().defaultValue(50_000_000L)
            .withDescription("images whose header claims more are rejected `TOO_MANY_PIXELS` before decoding");

    public static final OptionGroup GROUP = new OptionGroup("guard")
            .add(MAX_BYTES, Rule.atLeastZero("kafka.max-record-bytes"))
            .add(MAX_PIXELS, Rule.positive())
            .crossCheck(c -> c.get(MAX_BYTES) > c.get(KafkaOptions.MAX_RECORD_BYTES)
                    ? "config 'guard.max-bytes' must be between 0 (= kafka.max-record-bytes) and kafka.max-record-bytes ("
                    + c.get(KafkaOptions.MAX_RECORD_BYTES) + "), got " + c.get(MAX_BYTES) : null);

    private GuardOptions() {
    }

    /** guard.max-bytes, with 0 resolved to kafka.max-record-bytes. */
    public static long maxBytes(ConfigValues c) {
        long bytes = c.get(MAX_BYTES);
        return bytes == 0 ? c.get(KafkaOptions.MAX_RECORD_BYTES) : bytes;
    }
}
