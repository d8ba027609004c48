package io.visionstream.serving;

import io.visionstream.model.ModelHandler;
import io.visionstream.runtime.ProcessMemory;
import io.visionstream.runtime.SlotContext;
import java.util.List;
import io.visionstream.model.ModelSpec;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a model's native memory: opens a session of its own, notes the resident-set growth (the session),
 * then runs two synthetic images whose runs differ in input pixels and fits activations = fixed + per-pixel ×
 * pixels to the peak growth of each. One model at a time per JVM (slots of a TaskManager would disturb each
 * other's readings) and once per model per JVM: every slot of a TaskManager runs the same model the same way.
 * The readings are most faithful with MALLOC_MMAP_THRESHOLD_=131072 (the launcher, the tests and
 * flink-conf/ set it), so that large native buffers go back to the kernel when freed.
 */
public final class MemoryCalibrator {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryCalibrator.class);
    private static final Map<String, ModelCost> COSTS = new ConcurrentHashMap<>();

    private MemoryCalibrator() {
    }

    /** Takes a cost measured elsewhere (in a process of its own, where nothing else disturbs the reading). */
    public static void remember(ModelSpec spec, ModelCost cost) {
        COSTS.put(spec.name() + "@" + spec.source(), cost);
    }

    public static synchronized ModelCost calibrate(ModelSpec spec, SlotContext slot) throws Exception {
        String key = spec.name() + "@" + spec.source();
        ModelCost known = COSTS.get(key);
        if (known != null) {
            return known;
        }
        long base = ProcessMemory.rssBytes();
        try (ModelHandler h = ModelHandlers.open(spec, slot)) {
            // Memory freed earlier in this JVM can be reused without the RSS growing: never below the weights.
            long session = Math.max(h.sizing().weightBytes(), ProcessMemory.rssBytes() - base);
            Dimension[] sizes = h.sizing().calibrationImages();
            BufferedImage small = noise(sizes[0]);
            BufferedImage large = noise(sizes[1]);
            long before = ProcessMemory.rssBytes();
            long[] p = new long[2];
            long g1 = peakGrowth(before, () -> p[0] = h.infer(h.prepare(small)).runPixels());
            long g2 = peakGrowth(before, () -> p[1] = h.infer(h.prepare(large)).runPixels());
            long p1 = p[0];
            long p2 = p[1];
            double perPixel = p2 > p1 ? Math.max(0, (double) (g2 - g1) / (p2 - p1)) : 0;
            long fixed = Math.max(0, (long) (Math.max(g1, g2) - perPixel * Math.max(p1, p2)));
            // Batching models: a batch of two against a run of one gives what each further record adds.
            long perItem = h.maxBatch() > 1
                    ? Math.max(1, peakGrowth(before, () -> h.infer(List.of(h.prepare(large), h.prepare(large)))) - g2) : 0;
            ModelCost cost = new ModelCost(spec.name(), session, fixed, perPixel, perItem);
            LOG.info("calibrated '{}': session {}, activations {} + {} B/pixel (runs of {} and {} pixels grew {} and {})"
                    + "{}", spec.name(), ModelCost.mb(session), ModelCost.mb(fixed), String.format("%.0f", perPixel), p1,
                    p2, ModelCost.mb(g1), ModelCost.mb(g2),
                    perItem > 0 ? ", " + ModelCost.mb(perItem) + " per further batch item" : "");
            COSTS.put(key, cost);
            return cost;
        }
    }

    /** Something run while the peak resident set is watched. */
    private interface Run {
        void run() throws Exception;
    }

    private static long peakGrowth(long before, Run run) throws Exception {
        boolean reset = ProcessMemory.resetPeak();
        run.run();
        long peak = reset ? ProcessMemory.peakRssBytes() : ProcessMemory.rssBytes();
        return Math.max(0, peak - before);
    }

    /** Random pixels: nothing for a detector to find, so post-processing stays out of the measurement. */
    static BufferedImage noise(Dimension d) {
        BufferedImage img = new BufferedImage(d.width, d.height, BufferedImage.TYPE_3BYTE_BGR);
        new Random(42).nextBytes(((DataBufferByte) img.getRaster().getDataBuffer()).getData());
        return img;
    }
}
