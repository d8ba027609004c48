package io.visionstream.job;

import io.visionstream.config.BatchOptions;
import io.visionstream.config.GuardOptions;
import io.visionstream.config.MemoryOptions;
import io.visionstream.config.OnnxRuntimeOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the four "0 means derive it" keys come to, logged when the job starts. */
final class DerivedValues {
    private static final Logger LOG = LoggerFactory.getLogger(DerivedValues.class);

    private DerivedValues() {
    }

    /**
     * Logs (INFO) what the "0 means derive it" keys come to, as far as the submitting client can see
     * (FLINK_CONF_DIR); a TaskManager derives the per-slot values again from its own configuration.
     */
    static void log(JobConfig c) {
        if (c.get(GuardOptions.MAX_BYTES) == 0) {
            LOG.info("guard.max-bytes 0: derived {} (kafka.max-record-bytes)", c.guardLimits().maxBytes());
        }
        Configuration flink = JobConfig.flinkConfiguration();
        if (c.get(MemoryOptions.SLOT_BUDGET_MB) == 0) {
            LOG.info("memory.slot-budget-mb 0: derived {} MB (task off-heap / slots from {}, else 1024)",
                    c.slotBudgetBytes() >> 20, System.getenv("FLINK_CONF_DIR") == null ? "no FLINK_CONF_DIR"
                            : "FLINK_CONF_DIR");
        }
        if (c.get(BatchOptions.PRESSURE_RSS_MB) == 0) {
            long process = flink.getOptional(TaskManagerOptions.TOTAL_PROCESS_MEMORY).map(MemorySize::getBytes).orElse(0L);
            long mark = c.inferenceSettings(null).batchLimits(process).pressureRssBytes();
            LOG.info("batch.pressure-rss-mb 0: derived {}", mark > 0
                    ? (mark >> 20) + " MB (90% of taskmanager.memory.process.size)"
                    : "no mark here (taskmanager.memory.process.size not set; each TaskManager derives it from its own)");
        }
        if (c.get(OnnxRuntimeOptions.INTRA_OP_THREADS) == 0) {
            int slots = flink.getOptional(TaskManagerOptions.NUM_TASK_SLOTS).orElse(Math.max(1, c.parallelism()));
            LOG.info("runtime.intra-op-threads 0: derived per TaskManager as its cores / taskmanager.numberOfTaskSlots "
                    + "(here {} cores / {} = {})", Runtime.getRuntime().availableProcessors(), slots,
                    c.runtimeOptions().threadsFor(slots));
        }
    }
}
