package io.visionstream.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records waiting for a batched run, per model, with what they hold in memory. The operator flushes a model's
 * batch when it reaches the model's current size limit or {@link BatchLimits#maxBytes()}, when its first record
 * has waited {@link BatchLimits#maxWaitMs()}, and before every checkpoint barrier, so a checkpoint never holds
 * a waiting record (nothing to store, nothing lost).
 *
 * <p>The size limit adapts: it halves while the process is above the pressure mark (fewer records decoded
 * and held at once, and the operator admits the next record only after the smaller batch is done: back
 * pressure instead of an OOM kill) and grows back by one per batch once it is below.
 */
final class MicroBatcher {
    private final BatchLimits limits;
    private final Map<String, List<PendingRecord>> waiting = new HashMap<>();
    private final Map<String, Long> bytes = new HashMap<>();
    private final Map<String, Integer> sizeLimit = new HashMap<>();

    MicroBatcher(BatchLimits limits) {
        this.limits = limits;
    }

    /** Adds a record; true when the model's batch is now full and should run. */
    boolean add(String model, PendingRecord p, int modelMaxBatch) {
        List<PendingRecord> list = waiting.computeIfAbsent(model, m -> new ArrayList<>());
        list.add(p);
        long held = bytes.merge(model, p.bytes(), Long::sum);
        return list.size() >= sizeLimit(model, modelMaxBatch) || held >= limits.maxBytes();
    }

    /** The records of one model's batch, in arrival order; the batch is empty afterwards. */
    List<PendingRecord> take(String model) {
        List<PendingRecord> list = waiting.remove(model);
        bytes.remove(model);
        if (list == null) {
            return List.of();
        }
        return list;
    }

    List<String> modelsWaiting() {
        return new ArrayList<>(waiting.keySet());
    }

    int waiting(String model) {
        List<PendingRecord> list = waiting.get(model);
        return list == null ? 0 : list.size();
    }

    /** The current size limit of a model's batches (at most its own maximum and batch.max-items). */
    int sizeLimit(String model, int modelMaxBatch) {
        int cap = cap(modelMaxBatch);
        return Math.min(cap, sizeLimit.getOrDefault(model, cap));
    }

    /** Halves the model's size limit under memory pressure, else lets it grow back by one. */
    void adapt(String model, int modelMaxBatch, boolean underPressure) {
        int current = sizeLimit(model, modelMaxBatch);
        sizeLimit.put(model, underPressure ? Math.max(1, current / 2) : Math.min(cap(modelMaxBatch), current + 1));
    }

    private int cap(int modelMaxBatch) {
        return Math.max(1, Math.min(modelMaxBatch, limits.maxItems()));
    }
}
