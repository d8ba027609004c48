package io.visionstream.job;

import io.visionstream.model.ModelRegistry;
import java.util.ArrayList;
import java.util.List;

/** The registry entries this job serves and the default model, resolved and checked against the registry. */
public record ServedModels(ModelRegistry registry, List<String> names, String defaultModel) {

    public static ServedModels of(JobConfig config) {
        ModelRegistry registry = ModelRegistry.load(config.registry());
        List<String> names = new ArrayList<>(config.enabledModels().isEmpty()
                ? registry.names() : config.enabledModels());
        for (String n : names) {
            if (!registry.contains(n)) {
                throw new IllegalArgumentException("models.enabled names '" + n + "', which is not in "
                        + registry.location() + " " + registry.names());
            }
        }
        String def = config.defaultModel().isBlank() ? registry.defaultModel() : config.defaultModel();
        if (!names.contains(def)) {
            throw new IllegalArgumentException("model.default '" + def + "' is not among the served models " + names);
        }
        return new ServedModels(registry, List.copyOf(names), def);
    }

    public boolean serves(String model) {
        return names.contains(model);
    }
}
