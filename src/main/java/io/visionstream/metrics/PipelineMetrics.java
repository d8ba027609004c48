package io.visionstream.metrics;

import io.visionstream.guard.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** Per-slot counters under the metric group {@code visionstream}: results and rejects by reason. */
public final class PipelineMetrics {
    private final MetricGroup group;
    private final Map<RejectReason, Counter> rejects = new EnumMap<>(RejectReason.class);
    private Counter results;

    public PipelineMetrics(MetricGroup parent) {
        this.group = parent.addGroup("visionstream");
    }

    public void reject(RejectReason reason) {
        rejects.computeIfAbsent(reason, r -> group.addGroup("rejects").counter(r.name())).inc();
    }

    public void result() {
        if (results == null) {
            results = group.counter("results");
        }
        results.inc();
    }
}
