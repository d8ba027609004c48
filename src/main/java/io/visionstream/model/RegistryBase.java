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

/** The registry's own folder: relative model and label paths resolve against it. */
record RegistryBase(Path dir, String resourceDir, String fileName) {
    static RegistryBase of(String location) {
        if (location.startsWith(ModelRegistry.CLASSPATH_PREFIX)) {
            String res = location.substring(ModelRegistry.CLASSPATH_PREFIX.length());
            int slash = res.lastIndexOf('/');
            return new RegistryBase(null, slash < 0 ? "" : res.substring(0, slash + 1), res.substring(slash + 1));
        }
        Path p = Path.of(location).toAbsolutePath();
        return new RegistryBase(p.getParent(), null, p.getFileName().toString());
    }

    ModelSource resolve(String ref) {
        if (ref.startsWith(ModelRegistry.CLASSPATH_PREFIX)) {
            return ModelSource.ofResource(ref.substring(ModelRegistry.CLASSPATH_PREFIX.length()));
        }
        if (dir == null && !Path.of(ref).isAbsolute()) {
            return ModelSource.ofResource(resourceDir + ref);
        }
        return ModelSource.ofFile(dir == null ? Path.of(ref) : dir.resolve(ref));
    }

    String readText(String ref) throws IOException {
        ModelSource src = resolve(ref);
        if (src.isFile()) {
            return Files.readString(src.file(), StandardCharsets.UTF_8);
        }
        try (InputStream in = RegistryBase.class.getClassLoader().getResourceAsStream(src.resource())) {
            if (in == null) {
                throw new IOException("not found: " + src);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
