package io.visionstream.model;

import io.visionstream.runtime.ModelSource;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The {@code options:} map of a registry entry: settings of one task family (text thresholds, tile sizes,
 * a recognizer model). Read by the family's handler when it opens, which is at start-up, so a bad value still
 * fails early with the entry and the field named.
 */
public final class ModelOptions implements Serializable {
    private final String model;
    private final String registryLocation;
    private final Map<String, String> values;

    public ModelOptions(String model, String registryLocation, Map<String, String> values) {
        this.model = model;
        this.registryLocation = registryLocation;
        this.values = Map.copyOf(values);
    }

    /** These options with one more (or a replaced) setting. */
    public ModelOptions with(String key, String value) {
        Map<String, String> v = new java.util.HashMap<>(values);
        v.put(key, value);
        return new ModelOptions(model, registryLocation, v);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public String string(String key, String dflt) {
        String v = values.get(key);
        if (v == null) {
            if (dflt == null) {
                throw fail(key, "is required");
            }
            return dflt;
        }
        return v;
    }

    public double number(String key, double dflt) {
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw fail(key, "must be a number, got '" + v + "'");
        }
    }

    public int positiveInt(String key, int dflt) {
        double d = number(key, dflt);
        if (d <= 0 || d != Math.rint(d)) {
            throw fail(key, "must be a positive integer, got '" + values.get(key) + "'");
        }
        return (int) d;
    }

    public boolean bool(String key, boolean dflt) {
        String v = values.get(key);
        return v == null ? dflt : Boolean.parseBoolean(v);
    }

    /** A model or data file named by an option, resolved like the entry's own file. */
    public ModelSource source(String key) {
        ModelSource src = ModelRegistry.resolve(registryLocation, string(key, null));
        if (!src.exists()) {
            throw fail(key, "file not found: " + src);
        }
        return src;
    }

    /** A text file named by an option, one entry per line (blank lines kept: dictionaries index by line). */
    public List<String> lines(String key) {
        try {
            return ModelRegistry.readText(registryLocation, string(key, null)).lines().toList();
        } catch (IOException e) {
            throw fail(key, "cannot read '" + values.get(key) + "': " + e.getMessage());
        }
    }

    public RegistryException fail(String key, String problem) {
        return new RegistryException(registryLocation + ": model '" + model + "', field 'options." + key + "': " + problem);
    }
}
