package io.visionstream.fuzz;

import io.visionstream.it.Pipeline;
import io.visionstream.job.JobConfig;
import io.visionstream.runtime.ProcessMemory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code visionstream bench fuzz [--seed 12] [--parallelism 2] [--timeout-s 900]}: the whole hostile set
 * (1,000+ inputs) through the real pipeline (in-process KRaft broker, Flink MiniCluster, the job, a
 * read_committed reader). Prints inputs, results, rejects by reason, job restarts and the peak resident set
 * of this JVM (broker, cluster and job together). Exit status 1 when an input was lost, answered twice,
 * answered outside its expected outcomes, or the job restarted. Lives with the generator in the test sources;
 * the launcher puts them on the class path.
 */
public final class FuzzBench {
    private FuzzBench() {
    }

    /** {@code a}: the options of {@code visionstream bench fuzz} by name (io.visionstream.cli.BenchCommand). */
    public static int main(Map<String, String> a) throws Exception {
        long seed = Long.parseLong(a.getOrDefault("seed", "12"));
        int parallelism = Integer.parseInt(a.getOrDefault("parallelism", "2"));
        Duration timeout = Duration.ofSeconds(Long.parseLong(a.getOrDefault("timeout-s", "900")));
        List<HostileInputs.Input> inputs = HostileInputs.generate(seed);
        System.out.printf("generated %d hostile inputs (seed %d)%n", inputs.size(), seed);
        FuzzRun.Tally tally;
        try (Pipeline pipeline = new Pipeline(parallelism, Pipeline.Broker.PLAINTEXT).open()) {
            JobConfig config = pipeline.config(c -> c
                    .set("checkpoint.interval-ms", 1000)
                    .set("runtime.intra-op-threads", 0) // derived, as a deployment has it
                    .set("models.enabled", HostileInputs.MODEL)
                    .set("model.default", HostileInputs.MODEL));
            pipeline.start(config, JobTaps.countRestarts());
            tally = FuzzRun.run(pipeline, config, inputs, timeout);
        }
        System.out.println();
        tally.print(System.out, JobTaps.restarts(), ProcessMemory.peakRssBytes() >> 20);
        tally.unexpected().stream().limit(20).forEach(u -> System.out.println("  unexpected: " + u));
        boolean ok = tally.unexpected().isEmpty() && tally.duplicates() == 0 && tally.missing() == 0 && JobTaps.restarts() == 0;
        System.out.println(ok ? "every input answered exactly once, no restarts" : "FAILED");
        return ok ? 0 : 1;
    }
}
