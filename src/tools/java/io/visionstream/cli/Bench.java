package io.visionstream.cli;

import io.visionstream.bench.MemoryBench;
import io.visionstream.bench.SoakBench;
import io.visionstream.bench.ThroughputBench;
import java.util.List;

/** {@code visionstream bench memory | soak | cluster-soak | accuracy | fuzz | throughput}. */
final class Bench {
    /** The fuzz benchmark lives with its input generator in the test sources (target/test-classes). */
    private static final String FUZZ = "io.visionstream.fuzz.FuzzBench";

    private Bench() {
    }

    static int main(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("bench needs memory, soak, cluster-soak, accuracy, fuzz or throughput");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "memory" -> MemoryBench.main(rest);
            case "soak" -> SoakBench.main(rest);
            case "cluster-soak" -> io.visionstream.bench.ClusterSoakBench.main(rest);
            case "accuracy" -> io.visionstream.bench.AccuracyBench.main(rest);
            case "fuzz" -> fuzz(rest);
            case "throughput" -> ThroughputBench.main(rest);
            default -> throw new IllegalArgumentException("unknown benchmark " + args.get(0)
                    + " (memory | soak | accuracy | fuzz | throughput)");
        };
    }

    @SuppressWarnings("unchecked")
    private static int fuzz(List<String> args) throws Exception {
        Class<?> c;
        try {
            c = Class.forName(FUZZ);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("bench fuzz needs the test classes (target/test-classes): run it through "
                    + "./visionstream, which builds and adds them");
        }
        return (int) c.getMethod("main", List.class).invoke(null, args);
    }
}
