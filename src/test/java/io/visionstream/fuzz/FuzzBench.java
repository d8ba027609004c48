package io.visionstream.fuzz;

import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.job.JobConfig;
import io.visionstream.job.VisionStreamJob;
import io.visionstream.runtime.ProcessMemory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

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
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            JobConfig config = JobConfig.builder()
                    .set("kafka.bootstrap", kafka.bootstrapServers())
                    .set("checkpoint.interval-ms", 1000)
                    .set("parallelism", parallelism)
                    .set("models.enabled", HostileInputs.MODEL)
                    .set("model.default", HostileInputs.MODEL)
                    .build();
            kafka.createTopics(2, config.imagesTopic());
            kafka.createTopics(1, config.detectionsTopic(), config.masksTopic(), config.rejectsTopic());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
            VisionStreamJob.build(env, config, JobTaps.countRestarts());
            JobClient job = env.executeAsync("visionstream-fuzz");
            try {
                tally = FuzzRun.run(config, inputs, timeout);
            } finally {
                job.cancel().get();
            }
        }
        System.out.println();
        tally.print(System.out, JobTaps.restarts(), ProcessMemory.peakRssBytes() >> 20);
        tally.unexpected().stream().limit(20).forEach(u -> System.out.println("  unexpected: " + u));
        boolean ok = tally.unexpected().isEmpty() && tally.duplicates() == 0 && tally.missing() == 0 && JobTaps.restarts() == 0;
        System.out.println(ok ? "every input answered exactly once, no restarts" : "FAILED");
        return ok ? 0 : 1;
    }
}
