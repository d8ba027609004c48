package io.visionstream.metrics;

import io.visionstream.streams.StreamSteps;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Metrics of the per-stream step under the group {@code visionstream.streams}: late frames, reorder-buffer
 * overflows, refused tracks and rejected zones entries as counters; per stream (key-value groups, so
 * Prometheus labels them stream, line, zone, label) its state size and each line's and zone's counts. The
 * per-stream gauges read values this step last saw; at most {@link #MAX_STREAMS} streams per subtask get them,
 * so a flood of stream ids cannot grow the metric registry without bound.
 */
public final class StreamMetrics implements StreamSteps.Observer {
    public static final int MAX_STREAMS = 1000;
    private static final int MAX_SERIES = 20_000;

    private final MetricGroup group;
    private final Counter late;
    private final Counter overflows;
    private final Counter refused;
    private final Counter badZones;
    private final Map<String, MetricGroup> streams = new HashMap<>();
    private final Map<String, Long> values = new ConcurrentHashMap<>();
    private int series;

    public StreamMetrics(MetricGroup parent) {
        group = parent.addGroup("visionstream").addGroup("streams");
        late = group.counter("lateFrames");
        overflows = group.counter("reorderOverflows");
        refused = group.counter("tracksRefused");
        badZones = group.counter("zonesRejected");
        group.gauge("streamsWithMetrics", (Gauge<Integer>) streams::size);
    }

    @Override
    public void late() {
        late.inc();
    }

    @Override
    public void overflow() {
        overflows.inc();
    }

    @Override
    public void refused(int tracks) {
        refused.inc(tracks);
    }

    public void zonesRejected() {
        badZones.inc();
    }

    public void stateBytes(String stream, long bytes) {
        set(stream, "stateBytes", null, null, null, bytes);
    }

    public void lineCount(String stream, String line, String label, String direction, long count) {
        set(stream, direction.equals("+") ? "crossedPlus" : "crossedMinus", "line", line, label, count);
    }

    public void occupancy(String stream, String zone, String label, long count) {
        set(stream, "occupancy", "zone", zone, label, count);
    }

    private void set(String stream, String name, String shapeKind, String shape, String label, long value) {
        String id = stream + '\u0000' + name + '\u0000' + shape + '\u0000' + label;
        if (values.replace(id, value) != null) {
            return;
        }
        MetricGroup g = streams.get(stream);
        if (g == null) {
            if (streams.size() >= MAX_STREAMS) {
                return;
            }
            g = group.addGroup("stream", stream);
            streams.put(stream, g);
        }
        if (series >= MAX_SERIES) {
            return;
        }
        series++;
        values.put(id, value);
        MetricGroup target = shape == null ? g : g.addGroup(shapeKind, shape).addGroup("label", label);
        target.gauge(name, (Gauge<Long>) () -> values.getOrDefault(id, 0L));
    }
}
