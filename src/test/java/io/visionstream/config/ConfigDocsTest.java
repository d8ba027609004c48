package io.visionstream.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** README's configuration table is the one generated from the options. */
class ConfigDocsTest {
    @Test
    void readmeTableMatchesTheOptions() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String current = ConfigDocs.current(readme);
        assertNotNull(current, "README.md has no " + ConfigDocs.START + " ... " + ConfigDocs.END + " region");
        assertEquals(ConfigDocs.table(), current, "README.md's configuration table differs from the options in "
                + "io.visionstream.config; regenerate it with `./visionstream config-table --write README.md`");
    }

    @Test
    void everyOptionHasADescriptionAndADefault() {
        assertEquals(54, VisionStreamOptions.all().size());
        for (ConfigOption<?> o : VisionStreamOptions.all()) {
            assertTrue(o.hasDefaultValue() && !VisionStreamOptions.description(o).isBlank(), o.key());
            assertTrue(ConfigDocs.table().contains("| `" + o.key() + "` |"), o.key());
        }
    }
}
