package io.visionstream.cli;

import io.visionstream.serving.MemoryBudgetException;

import io.visionstream.config.ConfigArgs;
import io.visionstream.model.RegistryException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code visionstream} launcher: run | demo | publish | ingest | bench | config-table. Exit codes: 0
 * success, 1 failure at run time, 2 usage or configuration error.
 */
@Command(name = "visionstream", mixinStandardHelpOptions = true, versionProvider = VisionStreamCli.Version.class,
        description = "ONNX vision models over Kafka image streams in Apache Flink, bounded in memory.",
        footer = {"", "Exit codes: 0 success, 1 failure at run time, 2 usage or configuration error.",
                "`visionstream COMMAND --help` lists a command's options and their defaults."})
public final class VisionStreamCli implements Callable<Integer> {
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return USAGE;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line; answers its exit code. */
    public static int execute(String... args) {
        CommandLine cl = commandLine(Arrays.asList(args));
        return cl.execute(args);
    }

    static CommandLine commandLine(List<String> args) {
        CommandLine cl = new CommandLine(new VisionStreamCli());
        cl.addSubcommand("run", RunCommand.create());
        cl.addSubcommand(new Demo());
        cl.addSubcommand(new Publish());
        cl.addSubcommand(new IngestCommand());
        cl.addSubcommand(new BenchCommand());
        cl.addSubcommand(new ConfigTableCommand());
        for (String name : List.of("run", "publish", "ingest")) {
            ConfigArgs.addKafkaProperties(cl.getSubcommands().get(name).getCommandSpec(), args);
        }
        cl.setParameterExceptionHandler((e, a) -> {
            System.err.println(e.getCommandLine().getCommandSpec().qualifiedName(" ") + ": " + ConfigArgs.message(e));
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String name = cmd.getCommandSpec().qualifiedName(" ");
            if (e instanceof IllegalArgumentException || e instanceof RegistryException
                    || e instanceof MemoryBudgetException) {
                System.err.println(name + ": " + e.getMessage());
                return USAGE;
            }
            System.err.println(name + ": failed: " + e);
            e.printStackTrace();
            return FAILED;
        });
        return cl;
    }

    /** {@code --version}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = VisionStreamCli.class.getPackage().getImplementationVersion();
            return new String[] {"visionstream " + (v != null ? v : "0.1.0-SNAPSHOT") + " (Flink 2.2.1)"};
        }
    }
}
