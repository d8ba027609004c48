package io.visionstream.cli;

import io.visionstream.config.ConfigArgs;
import io.visionstream.job.JobConfig;
import io.visionstream.job.VisionStreamJob;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code visionstream run}: submits the job (to the cluster of FLINK_CONF_DIR, else a local one). Its options are
 * generated from the job's ConfigOptions (io.visionstream.config.ConfigArgs), one per key, with the key's default
 * and description; the same parsing is what {@code flink run} passes to {@link VisionStreamJob#main}.
 */
final class RunCommand implements Callable<Integer> {
    private CommandSpec spec;

    static CommandLine create() {
        RunCommand run = new RunCommand();
        run.spec = CommandSpec.wrapWithoutInspection(run).name("run").mixinStandardHelpOptions(true)
                .versionProvider(new VisionStreamCli.Version());
        run.spec.usageMessage().description(
                "Submits the VisionStream job: Kafka images -> guard -> inference -> results, overlays and rejects, "
                        + "exactly once. Every configuration key is an option (README \"Configuration\").");
        ConfigArgs.addConfigOptions(run.spec);
        return new CommandLine(run.spec);
    }

    @Override
    public Integer call() throws Exception {
        VisionStreamJob.run(JobConfig.from(ConfigArgs.values(spec.commandLine().getParseResult())));
        return 0;
    }
}
