package io.visionstream.bench;

import io.visionstream.model.ModelSpec;
import java.util.List;

/** The peer (DJL's ONNX Runtime engine); filled in where DJL is on the class path. */
final class PeerProbe {
    record Result(double imagesPerS, double p50, double p99) { }

    private PeerProbe() {
    }

    /** Why the peer cannot run here, or null when it can. */
    static String unavailable() {
        return "DJL is not on the class path";
    }

    static Result run(ModelSpec spec, List<byte[]> frames, int cores, double seconds) {
        throw new UnsupportedOperationException(unavailable());
    }
}
