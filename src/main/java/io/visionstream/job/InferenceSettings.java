package io.visionstream.job;

import io.visionstream.render.OverlaySettings;
import io.visionstream.runtime.RuntimeOptions;
import io.visionstream.runtime.SlotContext;
import io.visionstream.serving.ServedModels;
import java.io.Serializable;
import java.util.Map;

/**
 * What the inference operator needs of the configuration, resolved on the client: the served models (the
 * registry is not read again on the TaskManagers), how sessions are made and sized, micro-batch bounds, stream
 * profiles and rendering.
 *
 * @param slotBudgetBytes the native budget of a slot; 0 is derived per TaskManager ({@link #slot})
 * @param maxRuns tile.max-runs
 * @param batch batch bounds; a {@code pressureRssBytes} of 0 is derived per TaskManager ({@link #batchLimits})
 */
public record InferenceSettings(ServedModels served, RuntimeOptions runtime, long slotBudgetBytes, int maxOutputBytes,
                                BatchLimits batch, Map<String, String> streamProfiles, OverlaySettings overlays,
                                int maxRuns)
        implements Serializable {

    /**
     * Everything the handlers of one slot share; {@code slotsSharingCores} divides the cores into threads. A slot
     * budget of 0 (memory.slot-budget-mb 0) is {@code derivedBudgetBytes}, what the TaskManager the slot is on says.
     */
    public SlotContext slot(int slotsSharingCores, long derivedBudgetBytes) {
        long budget = slotBudgetBytes > 0 ? slotBudgetBytes : derivedBudgetBytes;
        return new SlotContext(runtime, slotsSharingCores, budget, maxOutputBytes, batch.maxItems(), maxRuns);
    }

    /**
     * Micro-batch bounds on a TaskManager of {@code taskManagerProcessBytes} (0: unknown): a pressure mark of 0
     * means 90% of that where it is known, else no mark.
     */
    public BatchLimits batchLimits(long taskManagerProcessBytes) {
        long mark = batch.pressureRssBytes();
        if (mark == 0 && taskManagerProcessBytes > 0) {
            mark = taskManagerProcessBytes / 10 * 9;
        }
        return new BatchLimits(batch.maxItems(), batch.maxBytes(), batch.maxWaitMs(), mark);
    }
}
