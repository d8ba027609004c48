package io.visionstream.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Where keys come from besides flags: a YAML file ({@code --config}) and Flink's own configuration. */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    /** The keys of a YAML file: nested maps or dotted keys; a list becomes a comma list. */
    public static Map<String, String> read(Path file) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (root != null && !(root instanceof Map)) {
            throw new IllegalArgumentException("config file " + file + " must be a YAML map");
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root != null) {
            flatten("", (Map<?, ?>) root, out);
        }
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, out);
            } else if (e.getValue() instanceof List<?> list) {
                out.put(key, String.join(",", list.stream().map(String::valueOf).toList()));
            } else {
                out.put(key, e.getValue() == null ? "" : String.valueOf(e.getValue()));
            }
        }
    }

    /**
     * The job's keys found in a Flink configuration (config.yaml of FLINK_CONF_DIR): only keys that are options
     * of this job or {@code kafka.properties.*}; Flink's own keys are left to Flink.
     */
    public static Map<String, String> fromFlink(Configuration flink) {
        Map<String, String> out = new LinkedHashMap<>();
        flink.toMap().forEach((k, v) -> {
            if (VisionStreamOptions.known(k)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
