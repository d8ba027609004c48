package io.visionstream.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

/** Every option of the job, by area, in the order of the configuration table. */
public final class VisionStreamOptions {
    public static final List<OptionGroup> GROUPS = List.of(KafkaOptions.GROUP, TopicOptions.GROUP, SourceOptions.GROUP,
            ModelOptions.GROUP, GuardOptions.GROUP, OverlayOptions.GROUP, OutputOptions.GROUP, StreamOptions.GROUP, JobOptions.GROUP,
            SinkOptions.GROUP, OnnxRuntimeOptions.GROUP, MemoryOptions.GROUP, BatchOptions.GROUP, TileOptions.GROUP);

    private static final Map<String, ConfigOption<?>> BY_KEY = new LinkedHashMap<>();

    static {
        for (OptionGroup g : GROUPS) {
            for (ConfigOption<?> o : g.options()) {
                if (BY_KEY.put(o.key(), o) != null) {
                    throw new IllegalStateException("config key declared twice: " + o.key());
                }
            }
        }
    }

    private VisionStreamOptions() {
    }

    public static List<ConfigOption<?>> all() {
        return List.copyOf(BY_KEY.values());
    }

    public static ConfigOption<?> byKey(String key) {
        return BY_KEY.get(key);
    }

    /** Is {@code key} an option or a passed-through Kafka client property? */
    public static boolean known(String key) {
        return BY_KEY.containsKey(key) || isKafkaProperty(key);
    }

    public static boolean isKafkaProperty(String key) {
        return key.startsWith(KafkaOptions.PROPERTIES_PREFIX) && key.length() > KafkaOptions.PROPERTIES_PREFIX.length();
    }

    /** The known key nearest to a mistyped one; a misspelt {@code kafka.properties.} prefix keeps its property. */
    public static String nearest(String key) {
        List<String> candidates = new ArrayList<>(BY_KEY.keySet());
        String[] parts = key.split("\\.", 3);
        if (parts.length == 3 && parts[0].equals("kafka") && Nearest.distance(parts[1], "properties") <= 3) {
            candidates.add(KafkaOptions.PROPERTIES_PREFIX + parts[2]);
        }
        return Nearest.of(key, candidates);
    }

    /** The option's default as it is written in a config file. */
    public static String shownDefault(ConfigOption<?> o) {
        if (o.defaultValue() instanceof java.time.Duration d) {
            return org.apache.flink.util.TimeUtils.formatWithHighestUnit(d); // "5 min", as the key is written
        }
        return String.valueOf(o.defaultValue());
    }

    /** The option's description as plain text (Markdown code spans kept). */
    public static String description(ConfigOption<?> o) {
        StringBuilder sb = new StringBuilder();
        o.description().getBlocks().forEach(b -> {
            if (b instanceof org.apache.flink.configuration.description.TextElement t) {
                sb.append(t.getFormat());
            }
        });
        return sb.toString();
    }
}
