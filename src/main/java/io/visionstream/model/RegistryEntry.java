package io.visionstream.model;

import io.visionstream.result.Task;
import io.visionstream.model.cascade.CascadeSettings;
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

    String name() {
        return name;
    }

    /** Whether this entry is a cascade of two other entries rather than a model file of its own. */
    boolean isCascade() {
        return map.containsKey("cascade");
    }

    /**
     * A cascade entry as a spec: the first model's spec (a detector: its input, labels and thresholds) under this
     * entry's name, family {@code cascade}, with the cascade's settings as options. Both models must be plain
     * entries of the same registry, read before this one.
     */
    ModelSpec toCascadeSpec(Map<String, ModelSpec> plain) {
        Map<?, ?> c = section("cascade");
        Set<String> known = Set.of("first", "then", "labels", "minScore", "pad", "maxCrops", "maxCropPixels",
                "minCropSide", "readOnce");
        for (Object k : c.keySet()) {
            if (!known.contains(String.valueOf(k))) {
                throw fail("cascade." + k, "unknown key; a cascade takes " + new java.util.TreeSet<>(known));
            }
        }
        if (map.size() != 1) {
            throw fail("cascade", "a cascade entry has only its 'cascade:' section, got also "
                    + new java.util.TreeSet<>(map.keySet().stream().map(String::valueOf).filter(k -> !k.equals("cascade"))
                    .toList()));
        }
        ModelSpec first = stage(c, "first", plain);
        ModelSpec then = stage(c, "then", plain);
        if (first.task() != Task.DETECT) {
            throw fail("cascade.first", "must be a detection model, '" + first.name() + "' is " + first.task().wireName());
        }
        List<String> names = new ArrayList<>();
        Object labels = c.get("labels");
        if (labels != null) {
            if (!(labels instanceof List<?> list) || list.isEmpty()) {
                throw fail("cascade.labels", "must be a non-empty list of " + first.name() + "'s labels");
            }
            for (Object l : list) {
                String label = String.valueOf(l);
                if (!first.labels().isEmpty() && !first.labels().contains(label)) {
                    throw fail("cascade.labels", "'" + label + "' is not a label of '" + first.name() + "'");
                }
                names.add(label);
            }
        }
        float minScore = unitInterval(c, "cascade.minScore", 0f);
        float pad = number(c, "cascade.pad", CascadeSettings.DEFAULT_PAD);
        if (pad < 0f || pad > 2f) {
            throw fail("cascade.pad", "must lie in [0, 2] (a share of the box), got " + pad);
        }
        int maxCrops = c.containsKey("maxCrops") ? positiveInt(c, "cascade.maxCrops") : CascadeSettings.DEFAULT_MAX_CROPS;
        long maxCropPixels = CascadeSettings.DEFAULT_MAX_CROP_PIXELS;
        if (c.containsKey("maxCropPixels")) {
            Object v = c.get("maxCropPixels");
            if (!(v instanceof Number n) || n.longValue() < 1024) {
                throw fail("cascade.maxCropPixels", "must be a number of pixels, at least 1024, got '" + v + "'");
            }
            maxCropPixels = n.longValue();
        }
        int minCropSide = c.containsKey("minCropSide") ? positiveInt(c, "cascade.minCropSide")
                : CascadeSettings.DEFAULT_MIN_CROP_SIDE;
        Object readOnce = c.containsKey("readOnce") ? c.get("readOnce") : Boolean.FALSE;
        if (!(readOnce instanceof Boolean)) {
            throw fail("cascade.readOnce", "must be true or false, got '" + readOnce + "'");
        }
        if ((Boolean) readOnce && then.task() == Task.SEGMENT) {
            throw fail("cascade.readOnce", "'" + then.name() + "' segments: a reused read would need its mask's pixels "
                    + "kept per object; readOnce is for second models that answer in numbers (text, classes, boxes)");
        }
        return new CascadeSettings(first.name(), then.name(), names, minScore, pad, maxCrops, maxCropPixels, minCropSide,
                (Boolean) readOnce).toSpec(name, first, location);
    }

    private ModelSpec stage(Map<?, ?> c, String key, Map<String, ModelSpec> plain) {
        Object v = c.get(key);
        if (v == null) {
            throw fail("cascade." + key, "is required: the name of a model in this registry");
        }
        ModelSpec spec = plain.get(String.valueOf(v));
        if (spec == null) {
            throw fail("cascade." + key, "no plain model '" + v + "' in this registry (cascades cannot nest); known: "
                    + plain.keySet());
        }
        return spec;
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
        if (family.equals("cascade")) {
            throw fail("family", "a cascade is written as a 'cascade: {first, then, ...}' section, not a family");
        }
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
