package io.visionstream.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The job's keys as command-line options, generated from the {@link ConfigOption}s: {@code --KEY VALUE} for every
 * key (with its default and description in {@code --help}), {@code --config FILE}, {@code --bootstrap} for
 * {@code --kafka.bootstrap}, and {@code --kafka.properties.NAME VALUE} for any Kafka client property. Used by
 * {@code visionstream run}, {@code publish} and {@code VisionStreamJob.main} ({@code flink run}).
 */
public final class ConfigArgs {
    public static final String CONFIG = "--config";

    /** The file given with {@code --config} (or null) and the keys given as flags, in order. */
    public record Parsed(Path file, Map<String, String> values) {
    }

    private ConfigArgs() {
    }

    /** A command with one option per key of the job. */
    public static CommandSpec spec(String name) {
        CommandSpec spec = CommandSpec.create().name(name).mixinStandardHelpOptions(true);
        addConfigOptions(spec);
        return spec;
    }

    /** Adds {@code --config} and one option per key of the job to {@code spec}. */
    public static void addConfigOptions(CommandSpec spec) {
        spec.usageMessage().sortOptions(false).width(120).abbreviateSynopsis(true);
        spec.addOption(OptionSpec.builder(CONFIG).paramLabel("FILE").type(Path.class)
                .description("YAML file of keys (nested maps or dotted keys); flags win over it").build());
        for (ConfigOption<?> o : VisionStreamOptions.all()) {
            String[] names = o == KafkaOptions.BOOTSTRAP ? new String[] {"--" + o.key(), "--bootstrap"}
                    : o == StreamOptions.ZONES_FILE ? new String[] {"--" + o.key(), "--zones"}
                    : new String[] {"--" + o.key()};
            OptionSpec.Builder b = OptionSpec.builder(names).paramLabel(label(o)).type(String.class).arity("1")
                    .description(VisionStreamOptions.description(o).replace("`", "").replace("%", "%%") + " (default: "
                            + (VisionStreamOptions.shownDefault(o).isEmpty() ? "empty" : VisionStreamOptions.shownDefault(o))
                            + ")");
            spec.addOption(b.build());
        }
        spec.usageMessage().footer("",
                "  --kafka.properties.NAME VALUE   any Kafka client property, passed as it is to the source, the sink and",
                "                                  publish (security.protocol, sasl.*, ssl.*); secrets are logged as [hidden]",
                "",
                "Keys: defaults < the job's keys in FLINK_CONF_DIR's config.yaml < --config FILE < flags.",
                "Exit codes: 0 success, 1 failure at run time, 2 usage or configuration error.");
    }

    /**
     * Adds a hidden option for each {@code --kafka.properties.NAME} among {@code args}, so that the parser takes
     * any client property (its names cannot be listed in advance).
     */
    public static void addKafkaProperties(CommandSpec spec, List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (name.startsWith("--") && VisionStreamOptions.isKafkaProperty(name.substring(2))
                    && spec.findOption(name) == null) {
                spec.addOption(OptionSpec.builder(name).paramLabel("VALUE").type(String.class).arity("1").hidden(true)
                        .build());
            }
        }
    }

    /** The file and the keys a parse matched (defaults are not included: they are the options' own). */
    public static Parsed values(ParseResult result) {
        Path file = null;
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec o : result.matchedOptions()) {
            String name = o.longestName();
            if (name.equals(CONFIG)) {
                file = o.getValue();
            } else if (name.startsWith("--") && isKey(name.substring(2))) {
                values.put(name.substring(2), o.getValue());
            }
        }
        return new Parsed(file, values);
    }

    private static boolean isKey(String key) {
        return VisionStreamOptions.known(key);
    }

    /**
     * Parses the job's arguments (what {@code flink run} passes to the job's main).
     *
     * @throws IllegalArgumentException with a one-line message, e.g. an unknown option and the nearest one
     */
    public static Parsed parse(List<String> args) {
        CommandSpec spec = spec("visionstream run");
        addKafkaProperties(spec, args);
        CommandLine cl = new CommandLine(spec);
        try {
            ParseResult result = cl.parseArgs(args.toArray(new String[0]));
            if (result.isUsageHelpRequested() || result.isVersionHelpRequested()) {
                throw new IllegalArgumentException("--help: run `visionstream run --help` for the keys and defaults");
            }
            return values(result);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(message(e), e);
        }
    }

    /** A parse error in one line; an unknown option names the nearest valid one. */
    public static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String bad = u.getUnmatched().get(0);
            CommandLine cl = u.getCommandLine();
            if (bad.startsWith("-")) {
                String name = bad.contains("=") ? bad.substring(0, bad.indexOf('=')) : bad;
                List<String> names = new ArrayList<>();
                for (OptionSpec o : cl.getCommandSpec().options()) {
                    if (!o.hidden()) {
                        names.addAll(Arrays.asList(o.names()));
                    }
                }
                String nearest = name.startsWith("--") && cl.getCommandSpec().findOption(CONFIG) != null
                        ? "--" + VisionStreamOptions.nearest(name.substring(2)) : null;
                String byName = Nearest.of(name, names);
                if (nearest == null || byName != null && Nearest.distance(name, byName) < Nearest.distance(name, nearest)) {
                    nearest = byName;
                }
                return "unknown option '" + name + "'" + (nearest == null ? "" : "; did you mean '" + nearest + "'?");
            }
            if (!cl.getSubcommands().isEmpty()) {
                return "unknown command '" + bad + "'; did you mean '" + Nearest.of(bad, cl.getSubcommands().keySet()) + "'?";
            }
            return "unexpected argument '" + bad + "'";
        }
        return String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", "; ");
    }

    private static String label(ConfigOption<?> o) {
        if (o == KafkaOptions.BOOTSTRAP) {
            return "HOST:PORT[,...]";
        }
        Object d = o.defaultValue();
        if (d instanceof Enum<?> e) {
            return String.join("|", Arrays.stream(e.getDeclaringClass().getEnumConstants()).map(String::valueOf).toList());
        }
        if (d instanceof Boolean) {
            return "true|false";
        }
        if (d instanceof Integer || d instanceof Long) {
            return "N";
        }
        return "VALUE";
    }
}
