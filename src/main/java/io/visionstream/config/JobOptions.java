package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;

/** Checkpoints and parallelism of the job. */
public final class JobOptions {
    public static final ConfigOption<Long> CHECKPOINT_INTERVAL_MS = key("checkpoint.interval-ms").longType()
            .defaultValue(10_000L)
            .withDescription("results become visible to `read_committed` consumers at each checkpoint");
    public static final ConfigOption<Integer> PARALLELISM = key("parallelism").intType().defaultValue(0)
            .withDescription("operator parallelism (slots used); 0 = the environment's default");

    public static final OptionGroup GROUP = new OptionGroup("job")
            .add(CHECKPOINT_INTERVAL_MS, Rule.positive())
            .add(PARALLELISM, Rule.atLeastZero("the environment's default"));

    private JobOptions() {
    }
}
