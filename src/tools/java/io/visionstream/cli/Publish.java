package io.visionstream.cli;

import io.visionstream.config.ConfigArgs;
import io.visionstream.job.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code visionstream publish}: sends image files to the input topic of a running broker, one record each,
 * key = stream id (default: the file name), header model when given, header frame = 0, 1, 2, ...
 * Kafka settings come from the job's own configuration ({@code --config FILE}, {@code --bootstrap},
 * {@code --kafka.properties.KEY VALUE}), so a secured broker is configured in one place for the job and the tool.
 */
@Command(name = "publish", mixinStandardHelpOptions = true, showDefaultValues = true,
        versionProvider = VisionStreamCli.Version.class,
        description = "Sends image files to the input topic of a running broker, one record each (key: the stream id, "
                + "header frame = 0, 1, 2, ...). Kafka settings are the job's: --config FILE, --bootstrap, "
                + "--kafka.max-record-bytes, --kafka.properties.NAME VALUE.",
        footer = {"", "      --kafka.properties.NAME VALUE", "                        any Kafka client property (security.protocol,",
                "                          sasl.*, ssl.*)",
                "", "Exit codes: 0 success, 1 failure at run time, 2 usage or configuration error."})
final class Publish implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--bootstrap", "--kafka.bootstrap"}, paramLabel = "HOST:PORT", description = "brokers",
            defaultValue = "127.0.0.1:9092")
    String bootstrap;
    @Option(names = ConfigArgs.CONFIG, paramLabel = "FILE", description = "the job's YAML config (Kafka keys, topics.images)")
    Path configFile;
    @Option(names = "--kafka.max-record-bytes", paramLabel = "N",
            description = "the largest image record (default: the job's, 16777216)")
    Integer maxRecordBytes;
    @Option(names = "--topic", description = "input topic (default: topics.images of the config, images)")
    String topic;
    @Option(names = "--stream", paramLabel = "ID", description = "stream id of every record (default: the file name)")
    String stream;
    @Option(names = "--model", paramLabel = "NAME", description = "model header (default: none, the job's default model)")
    String model;
    @Option(names = "--profile", paramLabel = "NAME", description = "input-size profile header (default: none)")
    String profile;
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "image files")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        JobConfig.Builder config = JobConfig.builder().set("kafka.bootstrap", "127.0.0.1:9092");
        ConfigArgs.Parsed parsed = ConfigArgs.values(spec.commandLine().getParseResult());
        if (parsed.file() != null) {
            config.file(parsed.file());
        }
        parsed.values().forEach(config::set);
        JobConfig c = config.build();
        try (ImagePublisher p = new ImagePublisher(c.kafka(), topic != null ? topic : c.imagesTopic())) {
            long frame = 0;
            for (Path f : files) {
                String key = stream != null ? stream : f.getFileName().toString();
                try {
                    p.publish(key, Files.readAllBytes(f), model, frame, profile);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AuthenticationException || e.getCause() instanceof AuthorizationException) {
                        throw new IllegalArgumentException("Kafka at " + c.bootstrap() + " refused to take " + f + ": "
                                + e.getCause().getMessage() + " (check kafka.properties.* in the config)", e);
                    }
                    throw e;
                }
                System.out.println("published " + f + " as stream '" + key + "' frame " + frame++);
            }
        }
        return 0;
    }
}
