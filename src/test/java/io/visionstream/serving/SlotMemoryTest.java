package io.visionstream.serving;

import io.visionstream.runtime.RuntimeOptions;
import io.visionstream.runtime.SlotContext;
import io.visionstream.model.Inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.job.JobConfig;
import io.visionstream.job.VisionStreamJob;
import io.visionstream.model.Handlers;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelSpec;
import io.visionstream.result.TaskResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calibration of real models and the slot budget: shrinking what can shrink, refusing what cannot fit. */
class SlotMemoryTest {
    @Test
    void calibrationSeesActivationsGrowWithTheInput() throws Exception {
        ModelCost text = MemoryCalibrator.calibrate(Handlers.BUNDLED.get("ppocr"), SlotContext.defaults());
        assertTrue(text.bytesPerPixel() > 20, "DBNet activations grow with the input: " + text);
        assertTrue(text.sessionBytes() > 0, text.toString());
        ModelCost fixed = MemoryCalibrator.calibrate(Handlers.BUNDLED.get("selfie-person"), SlotContext.defaults());
        assertEquals(0.0, fixed.bytesPerPixel(), "a fixed-size model costs the same for every image");
    }

    @Test
    void aTightBudgetShrinksTheTextTileAndTheResultStaysRight() throws Exception {
        ModelSpec spec = Handlers.BUNDLED.get("ppocr");
        ModelCost cost = MemoryCalibrator.calibrate(spec, SlotContext.defaults());
        long budget = cost.sessionBytes() + cost.activationBytes(640L * 640);
        SlotContext slot = new SlotContext(RuntimeOptions.defaults(), 1, budget, 64 << 20, 1);
        try (ModelHandler h = Handlers.open(Handlers.BUNDLED, "ppocr")) {
            SlotMemory memory = SlotMemory.fit(Map.of("ppocr", h), slot);
            long tile = h.sizing().maxRunPixels();
            assertTrue(tile < 960L * 960 && tile >= 320L * 320, "tile " + tile);
            assertTrue(memory.plannedBytes() <= budget, memory.plannedBytes() + " > " + budget);
            Inference run = Handlers.run(h, Handlers.sample("imageTextN.png"), h.spec().defaultProfile());
            assertEquals(13, ((TaskResult.Texts) run.result()).texts().size());
            assertTrue(run.runPixels() <= tile);
        }
    }

    @Test
    void aBudgetTooSmallForTheModelsIsRefusedWithWhatWouldFit() throws Exception {
        JobConfig config = JobConfig.builder().set("models.enabled", "nanodet-coco,ppocr")
                .set("memory.slot-budget-mb", 16).build();
        MemoryBudgetException e = assertThrows(MemoryBudgetException.class, () -> VisionStreamJob.checkModels(config));
        String m = e.getMessage();
        assertTrue(m.contains("16 MB") && m.contains("nanodet-coco") && m.contains("ppocr"), m);
        long needed = Long.parseLong(m.replaceAll(".*Set memory.slot-budget-mb to (\\d+) or more.*", "$1"));
        assertTrue(needed > 16, m);
        // and what it says would fit does fit
        VisionStreamJob.checkModels(JobConfig.builder().set("models.enabled", "nanodet-coco,ppocr")
                .set("memory.slot-budget-mb", needed).build());
    }
}
