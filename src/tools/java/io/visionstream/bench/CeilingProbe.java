package io.visionstream.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.visionstream.model.ModelSpec;
import io.visionstream.runtime.OrtRuntime;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ceiling: ONNX Runtime alone, {@code sessions} sessions of {@code threads} intra-op threads each, every
 * session on its own Java thread running over one pre-built input tensor for a fixed time. No decoding, no
 * pre-processing, no copies of the input: what the CPU can do with this network at all.
 */
final class CeilingProbe {
    record Result(int sessions, int threads, double imagesPerS, double p50, double p99) { }

    private CeilingProbe() {
    }

    static Result run(ModelSpec spec, FloatBuffer input, long[] shape, int sessions, int threads, double seconds)
            throws Exception {
        OrtEnvironment env = OrtRuntime.environment();
        byte[] model = spec.source().readAllBytes();
        List<Thread> workers = new ArrayList<>();
        List<double[]> times = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int[] counts = new int[sessions];
        long[] window = new long[2];
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(sessions,
                () -> window[0] = System.nanoTime());
        for (int s = 0; s < sessions; s++) {
            int id = s;
            double[] lat = new double[100_000];
            times.add(lat);
            workers.add(new Thread(() -> {
                try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                    so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                    so.setIntraOpNumThreads(threads);
                    so.setInterOpNumThreads(1);
                    FloatBuffer own = ByteBuffer.allocateDirect(input.remaining() * Float.BYTES)
                            .order(ByteOrder.nativeOrder()).asFloatBuffer().put(input.duplicate());
                    own.flip();
                    try (OrtSession session = env.createSession(model, so);
                         OnnxTensor tensor = OnnxTensor.createTensor(env, own, shape)) {
                        String name = session.getInputNames().iterator().next();
                        for (int i = 0; i < 3; i++) {
                            session.run(Map.of(name, tensor)).close();
                        }
                        start.await();
                        long end = window[0] + (long) (seconds * 1e9);
                        int n = 0;
                        while (System.nanoTime() < end && n < lat.length) {
                            long t0 = System.nanoTime();
                            session.run(Map.of(name, tensor)).close();
                            lat[n++] = (System.nanoTime() - t0) / 1e6;
                        }
                        counts[id] = n;
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    start.reset();
                }
            }, "ceiling-" + s));
        }
        workers.forEach(Thread::start);
        for (Thread t : workers) {
            t.join();
        }
        long elapsed = System.nanoTime() - window[0];
        if (failure.get() != null) {
            throw new IllegalStateException("ceiling run failed", failure.get());
        }
        int total = 0;
        List<Double> all = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            total += counts[s];
            for (int i = 0; i < counts[s]; i++) {
                all.add(times.get(s)[i]);
            }
        }
        double[] lat = all.stream().mapToDouble(Double::doubleValue).toArray();
        return new Result(sessions, threads, total / (elapsed / 1e9), Stats.median(lat), Stats.percentile(lat, 99));
    }
}
