package io.visionstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClusterSoakBenchTest {
    private static final String SCRAPE = """
            # HELP flink_taskmanager_job_task_operator_visionstream_rssBytes rssBytes (scope: taskmanager_job_task_operator_visionstream)
            # TYPE flink_taskmanager_job_task_operator_visionstream_rssBytes gauge
            flink_taskmanager_job_task_operator_visionstream_rssBytes{job_name="visionstream",subtask_index="0",} 1.6617E9
            flink_taskmanager_job_task_operator_visionstream_rssBytes{job_name="visionstream",subtask_index="1",} 1.6625E9
            flink_taskmanager_job_task_operator_visionstream_rssBytesPeak{subtask_index="0",} 9.9E9
            flink_taskmanager_Status_JVM_Threads_Count{host="localhost",} 92.0
            flink_taskmanager_Status_JVM_Memory_Heap_Used{host="localhost",} NaN
            """;

    @Test
    void readsTheLargestSeriesOfExactlyTheNamedMetric() {
        assertEquals(1.6625E9, ClusterSoakBench.max(SCRAPE, "flink_taskmanager_job_task_operator_visionstream_rssBytes"));
        assertEquals(92, ClusterSoakBench.max(SCRAPE, "flink_taskmanager_Status_JVM_Threads_Count"));
    }

    @Test
    void aMetricWithoutASampleIsMinusOne() {
        assertEquals(-1, ClusterSoakBench.max(SCRAPE, "flink_taskmanager_Status_JVM_Memory_Heap_Used"));
        assertEquals(-1, ClusterSoakBench.max(SCRAPE, "flink_jobmanager_job_numberOfCompletedCheckpoints"));
    }
}
