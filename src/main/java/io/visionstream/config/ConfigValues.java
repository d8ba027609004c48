package io.visionstream.config;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The resolved, checked value of every option (default or set) and the passed-through Kafka client properties;
 * immutable and serializable, so that it can travel inside the job's operators.
 */
public final class ConfigValues implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Object> values;
    private final Map<String, String> kafkaProperties;

    private ConfigValues(Map<String, Object> values, Map<String, String> kafkaProperties) {
        this.values = Map.copyOf(values);
        this.kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /**
     * Parses every option through Flink's {@link Configuration} and checks it by its group's rules.
     *
     * @throws IllegalArgumentException naming the key: an unknown key (with the nearest known one), a value of the
     *                                  wrong type or one its rule refuses
     */
    public static ConfigValues resolve(Map<String, String> raw) {
        Map<String, String> options = new HashMap<>();
        Map<String, String> kafka = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (VisionStreamOptions.isKafkaProperty(k)) {
                kafka.put(k.substring(KafkaOptions.PROPERTIES_PREFIX.length()), v);
            } else if (VisionStreamOptions.byKey(k) != null) {
                options.put(k, v);
            } else {
                throw new IllegalArgumentException("unknown config key '" + k + "'; did you mean '"
                        + VisionStreamOptions.nearest(k) + "'?");
            }
        });
        Configuration conf = Configuration.fromMap(options);
        Map<String, Object> typed = new LinkedHashMap<>();
        for (OptionGroup g : VisionStreamOptions.GROUPS) {
            for (ConfigOption<?> o : g.options()) {
                typed.put(o.key(), read(conf, g, o, options.get(o.key())));
            }
        }
        ConfigValues resolved = new ConfigValues(typed, kafka);
        for (OptionGroup g : VisionStreamOptions.GROUPS) {
            for (Function<ConfigValues, String> check : g.crossChecks()) {
                String error = check.apply(resolved);
                if (error != null) {
                    throw new IllegalArgumentException(error);
                }
            }
        }
        return resolved;
    }

    private static <T> T read(Configuration conf, OptionGroup group, ConfigOption<T> option, String raw) {
        T value;
        try {
            value = conf.get(option);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("config '" + option.key() + "' must be " + expected(option)
                    + ", got '" + raw + "'", e);
        }
        if (value instanceof String s) {
            @SuppressWarnings("unchecked")
            T trimmed = (T) s.trim();
            value = trimmed;
        }
        String error = group.check(option, value);
        if (error != null) {
            throw new IllegalArgumentException("config '" + option.key() + "' " + error + ", got '"
                    + (raw != null ? raw : value) + "'");
        }
        return value;
    }

    private static String expected(ConfigOption<?> option) {
        Object d = option.defaultValue();
        if (d instanceof Enum<?> e) {
            return "one of " + String.join(", ", Arrays.stream(e.getDeclaringClass().getEnumConstants())
                    .map(String::valueOf).toList());
        }
        if (d instanceof Boolean) {
            return "true or false";
        }
        return d instanceof Integer || d instanceof Long ? "an integer" : "a " + d.getClass().getSimpleName();
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigOption<T> option) {
        Object v = values.get(option.key());
        if (v == null) {
            throw new IllegalArgumentException("not an option of the job: " + option.key());
        }
        return (T) v;
    }

    /** A value as it would be written in a config file; a Kafka property by its full key. */
    public String raw(String key) {
        if (VisionStreamOptions.isKafkaProperty(key)) {
            return kafkaProperties.get(key.substring(KafkaOptions.PROPERTIES_PREFIX.length()));
        }
        Object v = values.get(key);
        return v == null ? null : String.valueOf(v);
    }

    /** The passed-through Kafka client properties, without their {@code kafka.properties.} prefix. */
    public Map<String, String> kafkaProperties() {
        return kafkaProperties;
    }

    /** Every key with its value, sorted; {@code hide} decides which Kafka properties are secrets. */
    public Map<String, String> shown(java.util.function.Predicate<String> hide) {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, String.valueOf(v)));
        kafkaProperties.forEach((k, v) -> {
            String key = KafkaOptions.PROPERTIES_PREFIX + k;
            shown.put(key, hide.test(key) ? "[hidden]" : v);
        });
        return shown;
    }
}
