package io.visionstream.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.configuration.ConfigOption;

/**
 * The options of one area (kafka, guard, overlay, ...) with their rules: each option is declared, then checked,
 * in the same class. Cross-option checks (one value bounded by another) are rules of the group.
 */
public final class OptionGroup {
    private final String area;
    private final Map<ConfigOption<?>, Rule<?>> options = new LinkedHashMap<>();
    private final List<Function<ConfigValues, String>> crossChecks = new ArrayList<>();

    public OptionGroup(String area) {
        this.area = area;
    }

    public <T> OptionGroup add(ConfigOption<T> option) {
        return add(option, Rule.none());
    }

    public <T> OptionGroup add(ConfigOption<T> option, Rule<? super T> rule) {
        options.put(option, rule);
        return this;
    }

    /** A check over several values; answers null, or a message that names the keys. */
    public OptionGroup crossCheck(Function<ConfigValues, String> check) {
        crossChecks.add(check);
        return this;
    }

    public String area() {
        return area;
    }

    public List<ConfigOption<?>> options() {
        return List.copyOf(options.keySet());
    }

    @SuppressWarnings("unchecked")
    <T> String check(ConfigOption<T> option, T value) {
        Rule<? super T> rule = (Rule<? super T>) options.get(option);
        return rule == null ? null : rule.check(value);
    }

    List<Function<ConfigValues, String>> crossChecks() {
        return crossChecks;
    }
}
