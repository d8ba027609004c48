package io.visionstream.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

/** Which registry, which of its models this job serves, and the input-size profile per stream. */
public final class ModelOptions {
    public static final ConfigOption<String> REGISTRY = key("registry").stringType()
            .defaultValue("classpath:models/models.yaml")
            .withDescription("model registry, a file path or `classpath:` resource");
    public static final ConfigOption<String> DEFAULT_MODEL = key("model.default").stringType().defaultValue("")
            .withDescription("model for records without a `model` header; empty = the registry's `default`");
    public static final ConfigOption<String> ENABLED = key("models.enabled").stringType().defaultValue("")
            .withDescription("comma list of registry names this job serves (each is opened in every slot); "
                    + "empty = all in the registry");
    public static final ConfigOption<String> STREAM_PROFILES = key("profiles.streams").stringType().defaultValue("")
            .withDescription("input-size profile per stream for records without a `profile` header: "
                    + "`STREAM=PROFILE,...`");

    public static final OptionGroup GROUP = new OptionGroup("models")
            .add(REGISTRY, v -> v.isBlank() ? "must name a registry" : null)
            .add(DEFAULT_MODEL)
            .add(ENABLED)
            .add(STREAM_PROFILES, v -> {
                try {
                    streamProfiles(v);
                    return null;
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            });

    private ModelOptions() {
    }

    /** models.enabled as a list; empty means all. */
    public static List<String> enabled(String value) {
        String v = value.trim();
        return v.isEmpty() ? List.of() : List.of(v.split("\\s*,\\s*"));
    }

    /** profiles.streams as STREAM → PROFILE, in the order given. */
    public static Map<String, String> streamProfiles(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        String v = value.trim();
        if (v.isEmpty()) {
            return out;
        }
        for (String pair : v.split("\\s*,\\s*")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("must be STREAM=PROFILE[,STREAM=PROFILE...], got '" + pair + "'");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }
}
