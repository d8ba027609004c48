package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** Micro-batches of models with a dynamic batch dimension. */
public final class BatchOptions {
    public static final ConfigOption<Integer> MAX_ITEMS = key("batch.max-items").intType().defaultValue(8)
            .withDescription("most records in one batched run (models with a dynamic batch dimension)");
    public static final ConfigOption<Long> MAX_BYTES = key("batch.max-bytes").longType().defaultValue(64L << 20)
            .withDescription("a batch runs once its waiting records hold this much (decoded images + input tensors)");
    public static final ConfigOption<Long> MAX_WAIT_MS = key("batch.max-wait-ms").longType().defaultValue(20L)
            .withDescription("longest a record waits for its batch to fill");
    public static final ConfigOption<Long> PRESSURE_RSS_MB = key("batch.pressure-rss-mb").longType().defaultValue(0L)
            .withDescription("above this RSS batches halve; 0 = 90% of `taskmanager.memory.process.size` where set, "
                    + "else none");

    public static final OptionGroup GROUP = new OptionGroup("batch")
            .add(MAX_ITEMS, Rule.positive())
            .add(MAX_BYTES, Rule.positive())
            .add(MAX_WAIT_MS, Rule.positive())
            .add(PRESSURE_RSS_MB, Rule.atLeastZero("90% of taskmanager.memory.process.size"));

    private BatchOptions() {
    }
}
