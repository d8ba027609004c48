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

/**
 * The model registry ({@code models/models.yaml}): names to validated {@link ModelSpec}s. Loading validates
 * every entry up front so that a typo fails the job at start-up, with the entry and the field in the message,
 * rather than on the first record that names the model.
 */
public final class ModelRegistry {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelRegistry.class);
    public static final String CLASSPATH_PREFIX = "classpath:";
    public static final String DEFAULT_LOCATION = CLASSPATH_PREFIX + "models/models.yaml";


    private final String location;
    private final String defaultModel;
    private final Map<String, ModelSpec> models;

    private ModelRegistry(String location, String defaultModel, Map<String, ModelSpec> models) {
        this.location = location;
        this.defaultModel = defaultModel;
        this.models = Collections.unmodifiableMap(models);
    }

    /** Loads a registry from a file path or {@code classpath:PATH}. */
    public static ModelRegistry load(String location) {
        RegistryBase base = RegistryBase.of(location);
        String text;
        try {
            text = base.readText(base.fileName());
        } catch (IOException e) {
            throw new RegistryException("cannot read model registry " + location + ": " + e.getMessage(), e);
        }
        return parse(location, base, text);
    }

    private static ModelRegistry parse(String location, RegistryBase base, String text) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new RegistryException(location + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("models") instanceof Map<?, ?> entries)) {
            throw new RegistryException(location + ": expected a top-level 'models:' map");
        }
        Map<String, InputProfile> shared = sharedProfiles(location, top.get("profiles"));
        Map<String, ModelSpec> specs = new LinkedHashMap<>();
        List<RegistryEntry> cascades = new ArrayList<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String name = String.valueOf(e.getKey());
            RegistryEntry entry = new RegistryEntry(location, name, e.getValue(), shared);
            if (entry.isCascade()) {
                cascades.add(entry);
                continue;
            }
            if (entry.optionalAndMissing(base)) {
                LOG.info("{}: optional model '{}' skipped, its file is not there ({})", location, name,
                        entry.file());
                continue;
            }
            specs.put(name, entry.toSpec(base));
        }
        Map<String, ModelSpec> plain = new LinkedHashMap<>(specs);
        for (RegistryEntry c : cascades) {
            specs.put(c.name(), c.toCascadeSpec(plain));
        }
        if (specs.isEmpty()) {
            throw new RegistryException(location + ": 'models:' is empty");
        }
        Object def = top.get("default");
        String defaultModel = def == null ? specs.keySet().iterator().next() : String.valueOf(def);
        if (!specs.containsKey(defaultModel)) {
            throw new RegistryException(location + ": 'default' names model '" + defaultModel
                    + "', which is not in 'models:' " + specs.keySet());
        }
        return new ModelRegistry(location, defaultModel, specs);
    }

    /** Top-level {@code profiles:} name to {width, height}, shared by the models with a dynamic input. */
    private static Map<String, InputProfile> sharedProfiles(String location, Object section) {
        Map<String, InputProfile> out = new LinkedHashMap<>();
        if (section == null) {
            return out;
        }
        if (!(section instanceof Map<?, ?> m)) {
            throw new RegistryException(location + ": 'profiles:' must be a map of name: {width, height}");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (name.equals(InputProfile.DEFAULT)) {
                throw new RegistryException(location + ": profile name 'default' is reserved (each model's input size)");
            }
            if (!(e.getValue() instanceof Map<?, ?> size) || !(size.get("width") instanceof Integer w)
                    || !(size.get("height") instanceof Integer h) || w <= 0 || h <= 0) {
                throw new RegistryException(location + ": profile '" + name
                        + "' must be {width: W, height: H} with positive integers, got " + e.getValue());
            }
            out.put(name, new InputProfile(name, w, h));
        }
        return out;
    }

    public String location() {
        return location;
    }

    public String defaultModel() {
        return defaultModel;
    }

    public boolean contains(String name) {
        return models.containsKey(name);
    }

    public ModelSpec get(String name) {
        ModelSpec spec = models.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no model '" + name + "' in " + location + "; known: " + models.keySet());
        }
        return spec;
    }

    public Set<String> names() {
        return models.keySet();
    }

    /** Resolves a file reference of an entry (model, labels, dictionary) against the registry's location. */
    static ModelSource resolve(String location, String ref) {
        return RegistryBase.of(location).resolve(ref);
    }

    static String readText(String location, String ref) throws IOException {
        return RegistryBase.of(location).readText(ref);
    }

}
