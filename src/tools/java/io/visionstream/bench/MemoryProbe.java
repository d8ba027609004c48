package io.visionstream.bench;

import io.visionstream.codec.ImageHeader;
import io.visionstream.codec.ImageDecoder;
import io.visionstream.result.Task;
import io.visionstream.result.TaskResult;
import io.visionstream.serving.MemoryCalibrator;
import io.visionstream.serving.SlotMemory;
import io.visionstream.serving.ModelCost;
import io.visionstream.serving.ModelHandlers;

import io.visionstream.guard.HeaderSniffer;
import io.visionstream.model.Family;
import io.visionstream.model.Inference;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import io.visionstream.runtime.OrtRuntime;
import io.visionstream.runtime.ProcessMemory;
import io.visionstream.runtime.RuntimeOptions;
import io.visionstream.runtime.SlotContext;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One measurement of the memory benchmark, in a JVM of its own so that nothing else's memory is counted:
 * {@code --calibrate MODEL} prints the model's cost; {@code --model M --image FILE --mode safe|naive} decodes
 * the image and runs it through the model as the job does (safe: budget fitting, tiles, limits; naive: what an
 * unguarded service does, {@link #naive}) and prints peak memory, time and tiles. Output: one line
 * {@code RESULT key=value ...}.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = Args.parse(args);
        ModelRegistry registry = ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION);
        long budget = Long.parseLong(a.getOrDefault("budget-mb", "1024")) << 20;
        SlotContext slot = new SlotContext(new RuntimeOptions(RuntimeOptions.Device.CPU, 0), 1, budget, 1L << 30, 1);
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
            ImageHeader header = HeaderSniffer.sniff(bytes);
            spec = naive(spec, header.width(), header.height());
        }
        System.gc();
        ProcessMemory.resetPeak();
        long baseline = ProcessMemory.rssBytes();
        int runs = Integer.parseInt(a.getOrDefault("runs", "1"));
        double ms = 0;
        int tiles = 0;
        String status = "ok";
        try (ModelHandler h = open(registry, spec, slot, naive)) {
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                ImageHeader header = HeaderSniffer.sniff(bytes);
                BufferedImage image = ImageDecoder.decode(bytes, header);
                Inference inference = h.infer(h.prepare(image));
                TaskResult r = inference.result();
                ms = (System.nanoTime() - t0) / 1e6;
                tiles = inference.runs();
                if (r instanceof TaskResult.ImageOutput out && out.png() == null) {
                    status = "output-too-large";
                }
            }
        } catch (Exception | OutOfMemoryError e) {
            System.out.printf("RESULT status=failed peak=%d baseline=%d error=%s%n", ProcessMemory.peakRssBytes(),
                    baseline, e.toString().replace(' ', '_'));
            return;
        }
        System.out.printf("RESULT status=%s peak=%d baseline=%d direct=%d ms=%.1f tiles=%d%n", status,
                ProcessMemory.peakRssBytes(), baseline, ProcessMemory.directBytes(), ms, tiles);
    }

    /**
     * The model fitted into the slot (or only measured, naive); a cascade with its two models fitted together as a
     * slot serving it would, the handler closing both.
     */
    private static ModelHandler open(ModelRegistry registry, ModelSpec spec, SlotContext slot, boolean naive)
            throws Exception {
        if (!io.visionstream.model.cascade.CascadeSettings.isCascade(spec)) {
            ModelHandler h = ModelHandlers.open(spec, slot);
            if (naive) {
                SlotMemory.measure(Map.of(spec.name(), h), slot);
            } else {
                SlotMemory.fit(Map.of(spec.name(), h), slot);
            }
            return h;
        }
        var c = io.visionstream.model.cascade.CascadeSettings.of(spec);
        ModelHandler first = ModelHandlers.open(registry.get(c.first()), slot);
        ModelHandler then = ModelHandlers.open(registry.get(c.then()), slot);
        SlotMemory.fit(new java.util.LinkedHashMap<>(Map.of(c.first(), first, c.then(), then)), slot);
        return io.visionstream.model.cascade.CascadeHandler.owning(spec, first, then);
    }

    /**
     * The entry as an unguarded service would run it: text detection and image-to-image in one run at the image's
     * full resolution (the input made that large, no tiles, no output cap); fixed-input models as they are.
     */
    static ModelSpec naive(ModelSpec spec, int w, int h) {
        if (spec.task() == Task.TEXT) {
            return spec.with("memoryPolicy", "downscale", spec.maxSide()).withInput(round32up(w), round32up(h));
        }
        if (Family.of(spec) == Family.WAIFU2X) {
            int scale = spec.options().positiveInt("scale", 2);
            return spec.with("maxOutputPixels", Long.toString(Long.MAX_VALUE), spec.maxSide())
                    .withInput(w * scale, h * scale);
        }
        return spec;
    }

    private static int round32up(int v) {
        return Math.max(32, (v + 31) / 32 * 32);
    }
}
