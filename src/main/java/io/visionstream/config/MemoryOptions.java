package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** The native-memory budget of one slot. */
public final class MemoryOptions {
    public static final ConfigOption<Long> SLOT_BUDGET_MB = key("memory.slot-budget-mb").longType().defaultValue(0L)
            .withDescription("native memory per slot; 0 = task off-heap / slots from the Flink configuration, else 1024");

    public static final OptionGroup GROUP = new OptionGroup("memory")
            .add(SLOT_BUDGET_MB, Rule.atLeastZero("derived from the Flink configuration"));

    private MemoryOptions() {
    }
}
