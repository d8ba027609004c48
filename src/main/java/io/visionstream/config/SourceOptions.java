package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.util.Locale;
import org.apache.flink.configuration.ConfigOption;

/** Where the source starts reading. */
public final class SourceOptions {
    /** Where a job without a checkpoint starts; a restore always resumes where it was. */
    public enum StartingOffsets {
        COMMITTED, EARLIEST, LATEST;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS = key("source.starting-offsets")
            .enumType(StartingOffsets.class).defaultValue(StartingOffsets.COMMITTED)
            .withDescription("`committed` (earliest when none), `earliest` or `latest`; a restore from a checkpoint "
                    + "always resumes where it was");

    public static final OptionGroup GROUP = new OptionGroup("source").add(STARTING_OFFSETS);

    private SourceOptions() {
    }
}
