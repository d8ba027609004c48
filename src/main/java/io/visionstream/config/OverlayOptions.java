package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.util.Locale;
import org.apache.flink.configuration.ConfigOption;

/** Overlays: the result drawn on the image, its size, format and which frames get one. */
public final class OverlayOptions {
    public enum Format {
        JPEG, PNG;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum When {
        ALWAYS, DETECTIONS;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final ConfigOption<Boolean> ENABLED = key("overlay.enabled").booleanType().defaultValue(true)
            .withDescription("publish overlays (the result drawn on the image)");
    public static final ConfigOption<Format> FORMAT = key("overlay.format").enumType(Format.class)
            .defaultValue(Format.JPEG)
            .withDescription("`jpeg` (a 960-pixel overlay in ~3 ms, ~0.1 MB) or `png` (lossless, ~10× the time and size)");
    public static final ConfigOption<Integer> MAX_SIDE = key("overlay.max-side").intType().defaultValue(960)
            .withDescription("overlays are rendered at most this many pixels on the long side; also bounds how large "
                    + "a detector's frame is decoded when it gets an overlay");
    public static final ConfigOption<Long> EVERY_N = key("overlay.every-n").longType().defaultValue(1L)
            .withDescription("overlays only for frames whose number is a multiple of n (the same frames on every slot "
                    + "and after a restart)");
    public static final ConfigOption<When> WHEN = key("overlay.when").enumType(When.class).defaultValue(When.ALWAYS)
            .withDescription("`always`, or `detections`: only results that found something");

    public static final OptionGroup GROUP = new OptionGroup("overlay")
            .add(ENABLED).add(FORMAT).add(MAX_SIDE, Rule.positive()).add(EVERY_N, Rule.positive()).add(WHEN);

    private OverlayOptions() {
    }
}
