package io.visionstream.metrics;

import io.visionstream.reject.RejectReason;
import io.visionstream.runtime.ProcessMemory;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Per-slot metrics under the group {@code visionstream}: results, rejects by reason, tiles, fallbacks, a
 * latency histogram, and the memory gauges a leak or a bad input would show in (process RSS, JVM direct
 * memory and heap, the slot's planned native memory and budget, the last record's estimate). With the
 * Prometheus reporter of flink-conf/ they appear as flink_taskmanager_job_task_operator_visionstream_*.
 */
public final class PipelineMetrics {
    private final MetricGroup group;
    private final Map<RejectReason, Counter> rejects = new EnumMap<>(RejectReason.class);
    private Counter results;
    private Counter tiles;
    private Counter fallbacks;
    private Histogram latency;
    private volatile long lastEstimate;
    private volatile long lastTiles;
    private volatile int lastBatch = 1;

    public PipelineMetrics(MetricGroup parent) {
        this.group = parent.addGroup("visionstream");
    }

    /** The gauges of an inference slot; the guard only counts rejects. */
    public PipelineMetrics withInferenceGauges(long budgetBytes, long plannedBytes) {
        group.gauge("rssBytes", (Gauge<Long>) ProcessMemory::rssBytes);
        group.gauge("directMemoryBytes", (Gauge<Long>) ProcessMemory::directBytes);
        group.gauge("heapUsedBytes", (Gauge<Long>) ProcessMemory::heapUsedBytes);
        group.gauge("slotBudgetBytes", (Gauge<Long>) () -> budgetBytes);
        group.gauge("nativePlannedBytes", (Gauge<Long>) () -> plannedBytes);
        group.gauge("nativeEstimateBytes", (Gauge<Long>) () -> lastEstimate);
        group.gauge("batchSize", (Gauge<Integer>) () -> lastBatch);
        group.gauge("lastTiles", (Gauge<Long>) () -> lastTiles);
        results = group.counter("results");
        tiles = group.counter("tiles");
        fallbacks = group.counter("fallbacks");
        latency = group.histogram("latencyMs", new DescriptiveStatisticsHistogram(1000));
        return this;
    }

    /** Records in the batch that just ran. */
    public void batch(int records) {
        lastBatch = records;
    }

    public void reject(RejectReason reason) {
        rejects.computeIfAbsent(reason, r -> group.addGroup("rejects").counter(r.name())).inc();
    }

    public void result(double latencyMs, int tileCount, long estimateBytes, boolean fallback) {
        results.inc();
        tiles.inc(tileCount);
        latency.update(Math.round(latencyMs));
        lastTiles = tileCount;
        lastEstimate = estimateBytes;
        if (fallback) {
            fallbacks.inc();
        }
    }
}
