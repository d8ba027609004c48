package io.visionstream.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.ConfigOption;

/**
 * The configuration table of README.md, generated from the options: key | default | meaning. README holds it
 * between {@link #START} and {@link #END}; {@code ./visionstream config-table --write README.md} regenerates it.
 */
public final class ConfigDocs {
    public static final String START = "<!-- config-table:start -->";
    public static final String END = "<!-- config-table:end -->";

    private ConfigDocs() {
    }

    /** The Markdown table, one row per option, the passed-through Kafka properties after the kafka group. */
    public static String table() {
        StringBuilder sb = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (OptionGroup g : VisionStreamOptions.GROUPS) {
            for (ConfigOption<?> o : g.options()) {
                String d = VisionStreamOptions.shownDefault(o);
                row(sb, "`" + o.key() + "`", d.isEmpty() ? "empty" : "`" + d + "`", VisionStreamOptions.description(o));
            }
            if (g == KafkaOptions.GROUP) {
                row(sb, "`" + KafkaOptions.PROPERTIES_PREFIX + "*`", "none", KafkaOptions.PROPERTIES_DESCRIPTION);
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String key, String def, String meaning) {
        sb.append("| ").append(key).append(" | ").append(def).append(" | ").append(meaning.replace("|", "\\|"))
                .append(" |\n");
    }

    /** {@code text} with the region between the markers replaced by the generated table. */
    public static String replaceIn(String text) {
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no " + START + " ... " + END + " region");
        }
        return text.substring(0, start + START.length()) + "\n" + table() + text.substring(end);
    }

    /** The region between the markers as it is in {@code text}, or null without markers. */
    public static String current(String text) {
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        return start < 0 || end < start ? null : text.substring(start + START.length(), end).strip() + "\n";
    }

    /** Prints the table; {@code --write FILE} replaces the table in FILE (README.md) instead. */
    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--write")) {
            Path file = Path.of(args[1]);
            Files.writeString(file, replaceIn(Files.readString(file)));
        } else {
            System.out.print(table());
        }
    }
}
