package io.visionstream.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code visionstream publish}: sends image files to the input topic of a running broker, one record each,
 * key = stream id (default: the file name), header model when given, header frame = 0, 1, 2, ...
 */
final class Publish {
    private Publish() {
    }

    static int main(List<String> args) throws Exception {
        String bootstrap = "127.0.0.1:9092";
        String topic = "images";
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
                case "--bootstrap" -> bootstrap = v;
                case "--topic" -> topic = v;
                case "--stream" -> stream = v;
                case "--model" -> model = v;
                case "--profile" -> profile = v;
                default -> throw new IllegalArgumentException("unknown publish option " + a);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("publish needs at least one image file");
        }
        try (ImagePublisher p = new ImagePublisher(bootstrap, topic)) {
            long frame = 0;
            for (Path f : files) {
                String key = stream != null ? stream : f.getFileName().toString();
                p.publish(key, Files.readAllBytes(f), model, frame, profile);
                System.out.println("published " + f + " as stream '" + key + "' frame " + frame++);
            }
        }
        return 0;
    }
}
