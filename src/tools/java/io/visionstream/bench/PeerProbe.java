package io.visionstream.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer (DJL's ONNX Runtime engine in a Flink map function, src/peer/java). It is compiled only with
 * {@code mvn -Ppeer}, so that DJL never reaches the job's own build; here it is found by reflection.
 */
final class PeerProbe {
    record Result(double imagesPerS, double p50, double p99) { }

    private static final String PEER = "io.visionstream.bench.DjlPeer";

    private PeerProbe() {
    }

    /** Why the peer cannot run here, or null when it can. */
    static String unavailable() {
        try {
            Class.forName(PEER);
            Class.forName("ai.djl.repository.zoo.Criteria");
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            return "DJL is not on the class path; build with VISIONSTREAM_MVN_ARGS=-Ppeer ./visionstream bench throughput";
        }
    }

    /** Runs the peer in a JVM of its own (DJL creates ONNX Runtime's one environment its own way). */
    static Result run(String registry, String model, List<byte[]> frames, int cores, int count) throws Exception {
        Path dir = Files.createTempDirectory("peer-frames");
        try {
            for (int i = 0; i < frames.size(); i++) {
                Files.write(dir.resolve(String.format("%03d.jpg", i)), frames.get(i));
            }
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "-Dlog4j.configurationFile=" + System.getProperty("log4j.configurationFile", "")));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(o -> o.startsWith("--add-")).toList());
            cmd.addAll(List.of(PEER, registry, model, dir.toString(), Integer.toString(cores), Integer.toString(count)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
            Process p = pb.start();
            String result = null;
            StringBuilder tail = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("RESULT ")) {
                        result = line;
                    } else if (line.contains("Exception") || line.startsWith("Caused by")) {
                        tail.append(line).append('\n');
                    }
                }
            }
            p.waitFor();
            if (result == null) {
                throw new IllegalStateException("peer exited " + p.exitValue() + (p.exitValue() == 139 ? " (SIGSEGV)" : "")
                        + ": " + tail);
            }
            String[] f = result.split(" ");
            return new Result(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
