package io.visionstream.model;

import io.visionstream.result.Task;
import io.visionstream.preprocess.InputLayout;
import io.visionstream.runtime.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads one registry entry, naming the entry and the field in every complaint. */
final class RegistryEntry {
    private final String location;
    private final String name;
    private final Map<?, ?> map;
    private final Map<String, InputProfile> shared;

    RegistryEntry(String location, String name, Object value, Map<String, InputProfile> shared) {
        this.location = location;
        this.name = name;
        this.shared = shared;
        if (!(value instanceof Map<?, ?> m)) {
            throw fail("(entry)", "must be a map of fields");
        }
        this.map = m;
    }

    /** The entry's model file as written. */
    Object file() {
        return map.get("file");
    }

    /** Entries with {@code optional: true} (models fetched by a setup step) are left out until present. */
    boolean optionalAndMissing(RegistryBase base) {
        return Boolean.TRUE.equals(map.get("optional")) && map.get("file") != null
                && !base.resolve(String.valueOf(map.get("file"))).exists();
    }

    ModelSpec toSpec(RegistryBase base) {
        String file = string(map, "file", null);
        ModelSource source = base.resolve(file);
        if (!source.exists()) {
            throw fail("file", "model file not found: " + source);
        }
        Task task;
        try {
            task = Task.fromWire(string(map, "task", null));
        } catch (IllegalArgumentException e) {
            throw fail("task", "must be one of detect|text|segment|image2image|classify, got '" + map.get("task") + "'");
        }
        String family = string(map, "family", null).toLowerCase(Locale.ROOT);
        if (!Family.namesFor(task).contains(family)) {
            throw fail("family", task.wireName() + " models need one of " + Family.namesFor(task) + ", got '"
                    + family + "'");
        }
        Map<?, ?> input = section("input");
        int width = positiveInt(input, "input.width");
        int height = positiveInt(input, "input.height");
        InputLayout.Layout layout = enumValue(InputLayout.Layout.class, input, "input.layout", "NCHW");
        InputLayout.ColourOrder colour = enumValue(InputLayout.ColourOrder.class, input, "input.colour", "RGB");
        InputLayout.ResizeMode resize = enumValue(InputLayout.ResizeMode.class, input, "input.resize", "stretch");

        Map<?, ?> norm = map.containsKey("normalize") ? section("normalize") : Map.of();
        float scale = number(norm, "normalize.scale", 1.0f);
        float[] mean = triple(norm, "normalize.mean", 0f);
        float[] std = triple(norm, "normalize.std", 1f);
        for (float s : std) {
            if (s == 0f) {
                throw fail("normalize.std", "must not contain 0");
            }
        }

        List<String> labels = labels(base);
        Map<?, ?> th = map.containsKey("thresholds") ? section("thresholds") : Map.of();
        float score = unitInterval(th, "thresholds.score", 0.25f);
        float iou = unitInterval(th, "thresholds.iou", 0.45f);
        int maxDet = (int) number(th, "thresholds.maxDetections", 100);
        if (maxDet <= 0) {
            throw fail("thresholds.maxDetections", "must be positive");
        }
        Map<String, String> opts = new LinkedHashMap<>();
        if (map.containsKey("options")) {
            section("options").forEach((k, v) -> opts.put(String.valueOf(k), String.valueOf(v)));
        }
        if (input.containsKey("dynamic")) {
            opts.put("dynamic", String.valueOf(input.get("dynamic")));
        }
        boolean dynamic = Boolean.parseBoolean(opts.getOrDefault("dynamic", "false"));
        int maxSide = map.containsKey("maxSide") ? positiveInt(map, "maxSide") : Math.max(width, height);
        if (Math.max(width, height) > maxSide) {
            throw fail("maxSide", maxSide + " is below the input's long side " + Math.max(width, height));
        }
        return new ModelSpec(name, source, task, family,
                new InputLayout(name, width, height, layout, colour, resize, scale, mean, std), labels,
                new Thresholds(score, iou, maxDet), new ModelOptions(name, location, opts), maxSide, profiles(dynamic));
    }

    /**
     * A dynamic-input model takes the shared profiles its {@code profiles:} list names (all of them when
     * there is no list); a fixed-input model takes none: its input size is part of the network.
     */
    private Map<String, InputProfile> profiles(boolean dynamic) {
        Object listed = map.get("profiles");
        if (listed == null) {
            return dynamic ? Collections.unmodifiableMap(new LinkedHashMap<>(shared)) : Map.of();
        }
        if (!dynamic) {
            throw fail("profiles", "only models with input.dynamic: true take profiles; this input is fixed");
        }
        if (!(listed instanceof List<?> names)) {
            throw fail("profiles", "must be a list of profile names from the top-level 'profiles:' "
                    + shared.keySet());
        }
        Map<String, InputProfile> out = new LinkedHashMap<>();
        for (Object n : names) {
            InputProfile p = shared.get(String.valueOf(n));
            if (p == null) {
                throw fail("profiles", "no profile '" + n + "' in the top-level 'profiles:' " + shared.keySet());
            }
            out.put(p.name(), p);
        }
        return Collections.unmodifiableMap(out);
    }

    private List<String> labels(RegistryBase base) {
        Object labels = map.get("labels");
        if (labels == null) {
            return List.of();
        }
        if (labels instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            list.forEach(o -> out.add(String.valueOf(o)));
            return List.copyOf(out);
        }
        try {
            String text = base.readText(String.valueOf(labels));
            return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw fail("labels", "cannot read labels file '" + labels + "': " + e.getMessage());
        }
    }

    private Map<?, ?> section(String key) {
        Object v = map.get(key);
        if (!(v instanceof Map<?, ?> m)) {
            throw fail(key, v == null ? "is required" : "must be a map");
        }
        return m;
    }

    private String string(Map<?, ?> m, String key, String dflt) {
        Object v = m.get(key);
        if (v == null) {
            if (dflt == null) {
                throw fail(key, "is required");
            }
            return dflt;
        }
        return String.valueOf(v);
    }

    private float number(Map<?, ?> m, String path, float dflt) {
        Object v = m.get(leaf(path));
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.floatValue();
        }
        throw fail(path, "must be a number, got '" + v + "'");
    }

    private int positiveInt(Map<?, ?> m, String path) {
        Object v = m.get(leaf(path));
        if (v instanceof Integer i && i > 0) {
            return i;
        }
        throw fail(path, "must be a positive integer, got '" + v + "'");
    }

    private float unitInterval(Map<?, ?> m, String path, float dflt) {
        float f = number(m, path, dflt);
        if (f < 0f || f > 1f) {
            throw fail(path, "must lie in [0, 1], got " + f);
        }
        return f;
    }

    private float[] triple(Map<?, ?> m, String path, float dflt) {
        Object v = m.get(leaf(path));
        if (v == null) {
            return new float[] {dflt, dflt, dflt};
        }
        if (v instanceof Number n) {
            return new float[] {n.floatValue(), n.floatValue(), n.floatValue()};
        }
        if (v instanceof List<?> list && list.size() == 3 && list.stream().allMatch(o -> o instanceof Number)) {
            float[] out = new float[3];
            for (int i = 0; i < 3; i++) {
                out[i] = ((Number) list.get(i)).floatValue();
            }
            return out;
        }
        throw fail(path, "must be a number or a list of 3 numbers, got '" + v + "'");
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, Map<?, ?> m, String path, String dflt) {
        String v = string(m, leaf(path), dflt);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                allowed.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw fail(path, "must be one of " + allowed + ", got '" + v + "'");
        }
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private RegistryException fail(String field, String problem) {
        return new RegistryException(location + ": model '" + name + "', field '" + field + "': " + problem);
    }
}
