package io.visionstream.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} pairs of the bench commands. */
final class Args {
    private Args() {
    }

    static Map<String, String> parse(String[] args) {
        return parse(List.of(args));
    }

    static Map<String, String> parse(List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String k = args.get(i);
            if (!k.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --KEY VALUE, got '" + k + "'");
            }
            out.put(k.substring(2), args.get(++i));
        }
        return out;
    }
}
