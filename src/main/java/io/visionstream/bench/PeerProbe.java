package io.visionstream.bench;

import java.lang.reflect.Method;
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

    static Result run(String registry, String model, List<byte[]> frames, int cores, int count) throws Exception {
        Method m = Class.forName(PEER).getMethod("run", String.class, String.class, List.class, int.class, int.class);
        double[] r = (double[]) m.invoke(null, registry, model, frames, cores, count);
        return new Result(r[0], r[1], r[2]);
    }
}
