package io.visionstream.cli;

import io.visionstream.config.ConfigDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code visionstream config-table}: README's configuration table, generated from the options. */
@Command(name = "config-table", mixinStandardHelpOptions = true, versionProvider = VisionStreamCli.Version.class,
        description = "Prints the configuration table (Markdown) generated from the job's options.")
final class ConfigTableCommand implements Callable<Integer> {
    @Option(names = "--write", paramLabel = "FILE",
            description = "replace the table between the config-table markers in FILE (README.md) instead")
    Path write;

    @Override
    public Integer call() throws Exception {
        if (write == null) {
            System.out.print(ConfigDocs.table());
        } else {
            Files.writeString(write, ConfigDocs.replaceIn(Files.readString(write)));
            System.out.println("wrote the configuration table into " + write);
        }
        return 0;
    }
}
