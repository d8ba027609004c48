package io.visionstream.runtime;

import java.io.Serializable;

/**
 * What every model handler of one slot shares: how sessions are made, the operator parallelism (for thread
 * counts), the slot's memory budget, the largest output record, the most images per batched run, and whether
 * the safeguards are off (only the memory benchmark's naive mode turns them off).
 */
public record SlotContext(RuntimeOptions runtime, int parallelism, long budgetBytes, long maxOutputBytes,
                          int maxBatch, boolean safeguardsOff) implements Serializable {
    public static final long DEFAULT_BUDGET_BYTES = 1024L * 1024 * 1024;

    public static SlotContext defaults() {
        return new SlotContext(RuntimeOptions.defaults(), 1, DEFAULT_BUDGET_BYTES, 1_000_000, 1, false);
    }

    public SlotContext withSafeguardsOff() {
        return new SlotContext(runtime, parallelism, budgetBytes, maxOutputBytes, maxBatch, true);
    }

    public SlotContext withMaxOutputBytes(long bytes) {
        return new SlotContext(runtime, parallelism, budgetBytes, bytes, maxBatch, safeguardsOff);
    }

    public SlotContext withMaxBatch(int items) {
        return new SlotContext(runtime, parallelism, budgetBytes, maxOutputBytes, items, safeguardsOff);
    }
}
