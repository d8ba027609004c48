package io.visionstream.bench;

import io.visionstream.guard.HeaderSniffer;
import io.visionstream.guard.ImageHeader;
import io.visionstream.image.ImageDecoder;
import io.visionstream.image.ResizePlan;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelHandlers;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.TaskResult;
import io.visionstream.runtime.MemoryCalibrator;
import io.visionstream.runtime.ModelCost;
import io.visionstream.runtime.OrtRuntime;
import io.visionstream.runtime.ProcessMemory;
import io.visionstream.runtime.RuntimeOptions;
import io.visionstream.runtime.SlotContext;
import io.visionstream.runtime.SlotMemory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One measurement of the memory benchmark, in a JVM of its own so that nothing else's memory is counted:
 * {@code --calibrate MODEL} prints the model's cost; {@code --model M --image FILE --mode safe|naive} decodes
 * the image and runs it through the model as the job does (safe: budget fitting, tiles, limits; naive: the
 * safeguards off, one full-resolution run) and prints peak memory, time and tiles. Output: one line
 * {@code RESULT key=value ...}.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        ModelRegistry registry = ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION);
        long budget = Long.parseLong(a.getOrDefault("budget-mb", "1024")) << 20;
        SlotContext slot = new SlotContext(new RuntimeOptions(RuntimeOptions.Device.CPU, 0), 1, budget, 1L << 30, 1, false);
        if (a.containsKey("calibrate")) {
            ModelCost c = MemoryCalibrator.calibrate(registry.get(a.get("calibrate")), slot);
            System.out.printf("RESULT session=%d fixed=%d perPixel=%.3f%n", c.sessionBytes(), c.fixedBytes(), c.bytesPerPixel());
            return;
        }
        ModelSpec spec = registry.get(a.get("model"));
        boolean naive = "naive".equals(a.get("mode"));
        byte[] bytes = Files.readAllBytes(Path.of(a.get("image")));
        OrtRuntime.environment();
        if (a.containsKey("cost")) {
            // calibrated in another process: a calibration session here would blur this one's peak
            String[] c = a.get("cost").split(",");
            MemoryCalibrator.remember(spec, new ModelCost(spec.name(), Long.parseLong(c[0]), Long.parseLong(c[1]),
                    Double.parseDouble(c[2])));
        }
        if (naive) {
            slot = slot.withSafeguardsOff();
        }
        System.gc();
        ProcessMemory.resetPeak();
        long baseline = ProcessMemory.rssBytes();
        int runs = Integer.parseInt(a.getOrDefault("runs", "1"));
        double ms = 0;
        int tiles;
        String status = "ok";
        try (ModelHandler h = ModelHandlers.open(spec, slot)) {
            SlotMemory.fit(Map.of(spec.name(), h), slot);
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                ImageHeader header = HeaderSniffer.sniff(bytes);
                BufferedImage image = ImageDecoder.decode(bytes, header);
                ResizePlan plan = h.preprocess(image);
                TaskResult r = h.postprocess(h.run(), plan, image);
                ms = (System.nanoTime() - t0) / 1e6;
                if (r instanceof TaskResult.ImageOutput out && out.png() == null) {
                    status = "output-too-large";
                }
            }
            tiles = h.lastTiles();
        } catch (Exception | OutOfMemoryError e) {
            System.out.printf("RESULT status=failed peak=%d baseline=%d error=%s%n", ProcessMemory.peakRssBytes(),
                    baseline, e.toString().replace(' ', '_'));
            return;
        }
        System.out.printf("RESULT status=%s peak=%d baseline=%d direct=%d ms=%.1f tiles=%d%n", status,
                ProcessMemory.peakRssBytes(), baseline, ProcessMemory.directBytes(), ms, tiles);
    }
}
