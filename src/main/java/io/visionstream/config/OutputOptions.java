package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** Bounds of what the job writes. */
public final class OutputOptions {
    public static final ConfigOption<Integer> MAX_RECORD_BYTES = key("output.max-record-bytes").intType()
            .defaultValue(1_000_000)
            .withDescription("largest output record; an overlay that does not fit is re-rendered smaller, then left out");

    public static final OptionGroup GROUP = new OptionGroup("output").add(MAX_RECORD_BYTES, Rule.positive());

    private OutputOptions() {
    }
}
