package io.visionstream.runtime;

import java.io.Serializable;

/**
 * What every model handler of one slot shares: how sessions are made, how many slots share the cores (for
 * thread counts), the slot's memory budget, the largest output record and the most images per batched run.
 */
public record SlotContext(RuntimeOptions runtime, int parallelism, long budgetBytes, long maxOutputBytes,
                          int maxBatch, int maxRuns) implements Serializable {
    public static final long DEFAULT_BUDGET_BYTES = 1024L * 1024 * 1024;
    /** tile.max-runs: model runs per sliced frame at most. */
    public static final int DEFAULT_MAX_RUNS = 64;

    public SlotContext(RuntimeOptions runtime, int parallelism, long budgetBytes, long maxOutputBytes, int maxBatch) {
        this(runtime, parallelism, budgetBytes, maxOutputBytes, maxBatch, DEFAULT_MAX_RUNS);
    }

    public static SlotContext defaults() {
        return new SlotContext(RuntimeOptions.defaults(), 1, DEFAULT_BUDGET_BYTES, 1_000_000, 1);
    }

    public SlotContext withMaxOutputBytes(long bytes) {
        return new SlotContext(runtime, parallelism, budgetBytes, bytes, maxBatch, maxRuns);
    }

    public SlotContext withMaxBatch(int items) {
        return new SlotContext(runtime, parallelism, budgetBytes, maxOutputBytes, items, maxRuns);
    }

    public SlotContext withMaxRuns(int runs) {
        return new SlotContext(runtime, parallelism, budgetBytes, maxOutputBytes, maxBatch, runs);
    }
}
