package io.visionstream.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.runtime.tasks.StreamTask;

/**
 * What an operator needs to know of the TaskManager it runs on.
 *
 * @param slots        how many slots share its cores: taskmanager.numberOfTaskSlots where known, else the
 *                     operator's parallelism. Intra-op threads are the cores divided by this
 *                     (runtime.intra-op-threads = 0), so a TaskManager with 8 cores and 2 slots gives each
 *                     session 4 threads whatever the job's total parallelism.
 * @param processBytes taskmanager.memory.process.size where it is configured; 0 where unknown
 * @param slotBudgetBytes the default slot budget there: task off-heap memory / slots of the configuration the
 *                        TaskManager was started with (FLINK_CONF_DIR, {@link SlotBudgets}), else 1 GiB
 */
record TaskManagerFacts(int slots, long processBytes, long slotBudgetBytes) {

    static TaskManagerFacts of(StreamTask<?, ?> task, int parallelism) {
        Configuration c;
        try {
            c = task.getEnvironment().getTaskManagerInfo().getConfiguration();
        } catch (RuntimeException e) {
            return new TaskManagerFacts(parallelism, 0, SlotBudgets.derived());
        }
        int slots = c.getOptional(TaskManagerOptions.NUM_TASK_SLOTS).orElse(parallelism);
        // Not the configuration handed to the task: a MiniCluster (the demo, tests, local runs) sets its task
        // off-heap memory to an unlimited 1 TiB there. FLINK_CONF_DIR is what a real TaskManager was started with.
        long budget = SlotBudgets.derived();
        return new TaskManagerFacts(slots,
                c.getOptional(TaskManagerOptions.TOTAL_PROCESS_MEMORY).map(MemorySize::getBytes).orElse(0L), budget);
    }
}
