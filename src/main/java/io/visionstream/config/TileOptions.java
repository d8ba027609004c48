package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.visionstream.runtime.SlotContext;
import org.apache.flink.configuration.ConfigOption;

/** Sliced inference of frames larger than a detector's input (README "Huge frames"). */
public final class TileOptions {
    public static final ConfigOption<Integer> MAX_RUNS = key("tile.max-runs").intType()
            .defaultValue(SlotContext.DEFAULT_MAX_RUNS)
            .withDescription("model runs per sliced frame at most (overview and slices); slices grow to fit; a "
                    + "registry entry's options.maxRuns wins");

    public static final OptionGroup GROUP = new OptionGroup("tile")
            .add(MAX_RUNS, Rule.positive());

    private TileOptions() {
    }
}
