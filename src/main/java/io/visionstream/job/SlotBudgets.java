package io.visionstream.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default per-slot memory budget: the TaskManager's task off-heap memory (where ONNX Runtime's weights,
 * arenas and activations live) divided by its slots, read from the Flink configuration the client sees
 * (FLINK_CONF_DIR). Without one (local runs, the demo) it is 1 GiB.
 */
final class SlotBudgets {
    private static final Logger LOG = LoggerFactory.getLogger(SlotBudgets.class);
    static final long FALLBACK_BYTES = 1024L * 1024 * 1024;

    private SlotBudgets() {
    }

    static long derived() {
        String dir = System.getenv("FLINK_CONF_DIR");
        if (dir == null) {
            return FALLBACK_BYTES;
        }
        try {
            long budget = of(GlobalConfiguration.loadConfiguration(dir));
            return budget > 0 ? budget : FALLBACK_BYTES;
        } catch (RuntimeException e) {
            LOG.warn("cannot read the Flink configuration in {} for the slot budget: {}", dir, e.getMessage());
            return FALLBACK_BYTES;
        }
    }

    /** Task off-heap memory / slots of a TaskManager configuration; 0 where it does not say. */
    private static long of(Configuration conf) {
        MemorySize offHeap = conf.getOptional(TaskManagerOptions.TASK_OFF_HEAP_MEMORY).orElse(MemorySize.ZERO);
        int slots = conf.get(TaskManagerOptions.NUM_TASK_SLOTS);
        return offHeap.getBytes() > 0 && slots > 0 ? offHeap.getBytes() / slots : 0;
    }
}
