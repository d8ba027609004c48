package io.visionstream.bench;

import io.visionstream.codec.ImageHeader;
import io.visionstream.codec.ImageDecoder;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.runtime.ModelOutputs;
import io.visionstream.serving.ModelHandlers;

import io.visionstream.guard.GuardLimits;
import io.visionstream.guard.InputGuard;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.Prepared;
import io.visionstream.model.StepTimes;
import io.visionstream.model.ModelSpec;
import io.visionstream.runtime.RuntimeOptions;
import io.visionstream.runtime.SlotContext;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The job's per-record work without Flink and Kafka: guard, decode, pre-process, run, post-process, from encoded
 * frames, in {@code workers} threads with one handler each (as the job's slots do, with the job's default
 * intra-op threads). Records the time of each step so that model time and the rest can be told apart.
 */
final class InProcessProbe {
    record Result(double imagesPerS, double p50, double p99, double decodeMs, double preMs, double modelMs,
                  double postMs) {
        double prePostShareOfModel() {
            return (preMs + postMs) / modelMs;
        }
    }

    private InProcessProbe() {
    }

    static Result run(ModelSpec spec, List<byte[]> frames, int workers, double seconds) throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] window = new long[1];
        CyclicBarrier start = new CyclicBarrier(workers, () -> window[0] = System.nanoTime());
        List<double[][]> perWorker = new ArrayList<>();
        int[] counts = new int[workers];
        SlotContext slot = new SlotContext(RuntimeOptions.defaults(), workers, SlotContext.DEFAULT_BUDGET_BYTES,
                1_000_000, 1);
        InputGuard guard = new InputGuard(GuardLimits.defaults(), m -> true);
        for (int w = 0; w < workers; w++) {
            int id = w;
            double[][] t = new double[5][50_000];
            perWorker.add(t);
            threads.add(new Thread(() -> {
                try (ModelHandler h = ModelHandlers.open(spec, slot)) {
                    for (int i = 0; i < 3; i++) {
                        once(guard, h, frames.get(i % frames.size()), null);
                    }
                    start.await();
                    long end = window[0] + (long) (seconds * 1e9);
                    int n = 0;
                    double[] step = new double[4];
                    while (System.nanoTime() < end && n < t[0].length) {
                        long t0 = System.nanoTime();
                        once(guard, h, frames.get((n * workers + id) % frames.size()), step);
                        t[0][n] = (System.nanoTime() - t0) / 1e6;
                        for (int k = 0; k < 4; k++) {
                            t[k + 1][n] = step[k];
                        }
                        n++;
                    }
                    counts[id] = n;
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    start.reset();
                }
            }, "inprocess-" + w));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - window[0];
        if (failure.get() != null) {
            throw new IllegalStateException("in-process run failed", failure.get());
        }
        double[][] all = new double[5][];
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        for (int k = 0; k < 5; k++) {
            all[k] = new double[total];
            int o = 0;
            for (int w = 0; w < workers; w++) {
                System.arraycopy(perWorker.get(w)[k], 0, all[k], o, counts[w]);
                o += counts[w];
            }
        }
        return new Result(total / (elapsed / 1e9), Stats.median(all[0]), Stats.percentile(all[0], 99),
                Stats.median(all[1]), Stats.median(all[2]), Stats.median(all[3]), Stats.median(all[4]));
    }

    /** One record as the inference operator handles it; step (if given) gets decode, pre, model, post ms. */
    private static void once(InputGuard guard, ModelHandler h, byte[] bytes, double[] step) throws Exception {
        long t0 = System.nanoTime();
        ImageHeader header = guard.check(bytes, h.spec().name());
        BufferedImage image = ImageDecoder.decode(bytes, header, h.decodeSubsampling(header.width(), header.height()));
        long t1 = System.nanoTime();
        Prepared prepared = h.prepare(image, h.spec().defaultProfile());
        long t2 = System.nanoTime();
        StepTimes times = h.infer(prepared).times();
        if (step != null) {
            step[0] = (t1 - t0) / 1e6;
            step[1] = (t2 - t1) / 1e6 + times.get(StepTimes.Step.PREPROCESS);
            step[2] = times.get(StepTimes.Step.INFERENCE);
            step[3] = times.get(StepTimes.Step.POSTPROCESS);
        }
    }
}
