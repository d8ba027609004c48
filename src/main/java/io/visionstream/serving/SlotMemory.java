package io.visionstream.serving;

import io.visionstream.model.MemorySizing;
import io.visionstream.model.ModelHandler;
import io.visionstream.runtime.SlotContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a slot's models into its budget. Every session keeps its arena at its peak, so the slot needs the sum of
 * the sessions and of each model's largest run. Models that run in tiles or at a chosen size (text, image to
 * image) get the largest runs that fit; when even the smallest runs do not fit, the slot is refused with the
 * budget it would need.
 */
public final class SlotMemory {
    private static final Logger LOG = LoggerFactory.getLogger(SlotMemory.class);

    private final long budgetBytes;
    private final Map<String, ModelCost> costs = new LinkedHashMap<>();
    private long plannedBytes;

    private SlotMemory(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** Calibrates every model, shrinks the adjustable ones to fit, or throws {@link MemoryBudgetException}. */
    public static SlotMemory fit(Map<String, ModelHandler> handlers, SlotContext slot) throws Exception {
        SlotMemory m = measure(handlers, slot);
        m.plan(handlers);
        return m;
    }

    /**
     * Calibrates every model without fitting them (nothing is shrunk and nothing refused): how an unguarded
     * variant of a model is measured.
     */
    public static SlotMemory measure(Map<String, ModelHandler> handlers, SlotContext slot) throws Exception {
        SlotMemory m = new SlotMemory(slot.budgetBytes());
        for (Map.Entry<String, ModelHandler> e : handlers.entrySet()) {
            m.costs.put(e.getKey(), MemoryCalibrator.calibrate(e.getValue().spec(), slot));
        }
        return m;
    }

    private void plan(Map<String, ModelHandler> handlers) {
        long sessions = costs.values().stream().mapToLong(ModelCost::sessionBytes).sum();
        long minimum = sessions;
        for (Map.Entry<String, ModelHandler> e : handlers.entrySet()) {
            minimum += costs.get(e.getKey()).activationBytes(e.getValue().sizing().minRunPixels());
        }
        if (minimum > budgetBytes) {
            throw new MemoryBudgetException(refusal(handlers, sessions, minimum));
        }
        // Adjustable models share what is left after every model's smallest run, in registry order.
        long spare = budgetBytes - minimum;
        long planned = sessions;
        for (Map.Entry<String, ModelHandler> e : handlers.entrySet()) {
            MemorySizing h = e.getValue().sizing();
            ModelCost c = costs.get(e.getKey());
            long atMin = c.activationBytes(h.minRunPixels());
            long wanted = c.activationBytes(h.maxRunPixels());
            if (wanted - atMin > spare) {
                h.limitRunPixels(c.maxRunPixels(atMin + spare));
                LOG.warn("model '{}': runs limited to {} pixels to fit the slot budget of {}", e.getKey(),
                        h.maxRunPixels(), ModelCost.mb(budgetBytes));
            }
            long used = c.activationBytes(h.maxRunPixels());
            spare -= used - atMin;
            planned += used;
        }
        // Batches take what is left: each further record costs what calibration measured (else one more run).
        for (Map.Entry<String, ModelHandler> e : handlers.entrySet()) {
            ModelHandler h = e.getValue();
            if (h.maxBatch() <= 1) {
                continue;
            }
            long perItem = costs.get(e.getKey()).batchItemBytes(h.sizing().maxRunPixels());
            int fits = (int) Math.min(h.maxBatch(), 1 + Math.max(0, spare) / Math.max(1, perItem));
            if (fits < h.maxBatch()) {
                LOG.warn("model '{}': batches limited to {} to fit the slot budget of {}", e.getKey(), fits,
                        ModelCost.mb(budgetBytes));
                h.limitBatch(fits);
            }
            spare -= (h.maxBatch() - 1) * perItem;
            planned += (h.maxBatch() - 1) * perItem;
        }
        plannedBytes = planned;
        LOG.info("slot memory plan: {} of the {} budget ({})", ModelCost.mb(planned), ModelCost.mb(budgetBytes), costs);
    }

    private String refusal(Map<String, ModelHandler> handlers, long sessions, long minimum) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, ModelHandler> e : handlers.entrySet()) {
            ModelCost c = costs.get(e.getKey());
            parts.add(e.getKey() + ": session " + ModelCost.mb(c.sessionBytes()) + " + activations "
                    + ModelCost.mb(c.activationBytes(e.getValue().sizing().minRunPixels())) + " at its smallest run of "
                    + e.getValue().sizing().minRunPixels() + " pixels");
        }
        long neededMb = (long) Math.ceil(minimum * 1.1 / 1048576.0);
        return "the slot memory budget of " + ModelCost.mb(budgetBytes) + " (memory.slot-budget-mb) cannot hold models "
                + handlers.keySet() + ": they need at least " + ModelCost.mb(minimum) + " (" + String.join("; ", parts)
                + "). Set memory.slot-budget-mb to " + neededMb + " or more (and taskmanager.memory.task.off-heap.size"
                + " to slots × that), or serve fewer models per job (models.enabled)";
    }

    /** Native bytes the slot is planned to use at most. */
    public long plannedBytes() {
        return plannedBytes;
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    public Map<String, ModelCost> costs() {
        return costs;
    }

    /** Estimated native bytes of a record on this model whose largest run had {@code runPixels} input pixels. */
    public long estimate(String model, long runPixels) {
        ModelCost c = costs.get(model);
        return c == null ? 0 : c.sessionBytes() + c.activationBytes(runPixels);
    }
}
