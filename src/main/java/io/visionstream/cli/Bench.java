package io.visionstream.cli;

import io.visionstream.bench.MemoryBench;
import io.visionstream.bench.SoakBench;
import java.util.List;

/** {@code visionstream bench memory | soak}. */
final class Bench {
    private Bench() {
    }

    static int main(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("bench needs memory or soak");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "memory" -> MemoryBench.main(rest);
            case "soak" -> SoakBench.main(rest);
            case "accuracy" -> io.visionstream.bench.AccuracyBench.main(rest);
            default -> throw new IllegalArgumentException("unknown benchmark " + args.get(0) + " (memory | soak | accuracy)");
        };
    }
}
