package io.visionstream.bench;

import java.util.Properties;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that keeps the job's {@code numberOfCompletedCheckpoints} gauge, so the soak can put
 * checkpoints beside memory: growth per checkpoint (producers, transactions, checkpoint metadata) and growth per
 * image then have separate x-axes. Enabled by {@link #configure}; one job per JVM (the soak's).
 */
public final class CheckpointCounter implements MetricReporter, MetricReporterFactory {
    private static volatile Gauge<?> completed;

    static void configure(org.apache.flink.configuration.Configuration conf) {
        conf.setString("metrics.reporter.soak.factory.class", CheckpointCounter.class.getName());
    }

    /** Checkpoints the soaked job completed so far; -1 before the job reported any. */
    static long completed() {
        Gauge<?> g = completed;
        Object v = g == null ? null : g.getValue();
        return v instanceof Number n ? n.longValue() : -1;
    }

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new CheckpointCounter();
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (name.equals("numberOfCompletedCheckpoints") && metric instanceof Gauge<?> g) {
            completed = g;
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    }
}
