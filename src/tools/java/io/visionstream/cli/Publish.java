package io.visionstream.cli;

import io.visionstream.job.JobConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * {@code visionstream publish}: sends image files to the input topic of a running broker, one record each,
 * key = stream id (default: the file name), header model when given, header frame = 0, 1, 2, ...
 * Kafka settings come from the job's own configuration ({@code --config FILE}, {@code --bootstrap},
 * {@code --kafka.properties.KEY VALUE}), so a secured broker is configured in one place for the job and the tool.
 */
final class Publish {
    private Publish() {
    }

    static int main(List<String> args) throws Exception {
        JobConfig.Builder config = JobConfig.builder().set("kafka.bootstrap", "127.0.0.1:9092");
        String topic = null;
        String stream = null;
        String model = null;
        String profile = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                files.add(Path.of(a));
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args.get(++i);
            switch (a) {
                case "--bootstrap" -> config.set("kafka.bootstrap", v);
                case "--config" -> config.file(Path.of(v));
                case "--topic" -> topic = v;
                case "--stream" -> stream = v;
                case "--model" -> model = v;
                case "--profile" -> profile = v;
                default -> {
                    if (!a.startsWith("--kafka.")) {
                        throw new IllegalArgumentException("unknown publish option " + a);
                    }
                    config.set(a.substring(2), v);
                }
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("publish needs at least one image file");
        }
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
