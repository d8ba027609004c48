package io.visionstream.serving;

import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.cascade.CascadeSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry entries a job serves and its default model: resolved once, on the client, from the registry
 * file, checked, and shipped to the operators with the job (they never read the registry again).
 */
public record ServedModels(Map<String, ModelSpec> specs, String defaultModel, String location) implements Serializable {

    public ServedModels {
        specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
    }

    /**
     * The entries of {@code registryLocation} named by {@code enabled} (all when empty); {@code defaultModel}
     * blank means the registry's default.
     */
    public static ServedModels resolve(String registryLocation, List<String> enabled, String defaultModel) {
        ModelRegistry registry = ModelRegistry.load(registryLocation);
        List<String> names = new ArrayList<>(enabled.isEmpty() ? registry.names() : enabled);
        Map<String, ModelSpec> specs = new LinkedHashMap<>();
        for (String n : names) {
            if (!registry.contains(n)) {
                throw new IllegalArgumentException("models.enabled names '" + n + "', which is not in "
                        + registry.location() + " " + registry.names());
            }
            specs.put(n, registry.get(n));
        }
        // A cascade serves its two models too (the slot opens and budgets them like the others).
        for (ModelSpec spec : List.copyOf(specs.values())) {
            if (CascadeSettings.isCascade(spec)) {
                CascadeSettings c = CascadeSettings.of(spec);
                specs.putIfAbsent(c.first(), registry.get(c.first()));
                specs.putIfAbsent(c.then(), registry.get(c.then()));
            }
        }
        String def = defaultModel == null || defaultModel.isBlank() ? registry.defaultModel() : defaultModel;
        if (!specs.containsKey(def)) {
            throw new IllegalArgumentException("model.default '" + def + "' is not among the served models " + names);
        }
        return new ServedModels(specs, def, registry.location());
    }

    public List<String> names() {
        return List.copyOf(specs.keySet());
    }

    public ModelSpec get(String name) {
        return specs.get(name);
    }

    public boolean serves(String model) {
        return specs.containsKey(model);
    }
}
