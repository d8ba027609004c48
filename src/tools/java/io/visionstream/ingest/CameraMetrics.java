package io.visionstream.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One camera's counters, written by its decoder and publisher threads and read by the table and the Prometheus
 * endpoint. Counters only grow; {@link #tick} turns them into a rate for the fps column.
 */
public final class CameraMetrics {
    /** Where the camera is; shown in the table and as a gauge. */
    public enum State {
        CONNECTING, STREAMING, BACKOFF, FINISHED, STOPPED
    }

    public final String stream;
    /** Source frames the decoder produced (before sampling). */
    public final AtomicLong read = new AtomicLong();
    /** Frames kept by sampling and encoded. */
    public final AtomicLong sampled = new AtomicLong();
    /** Frames acknowledged by Kafka. */
    public final AtomicLong published = new AtomicLong();
    public final AtomicLong reconnects = new AtomicLong();
    public final AtomicLong lastFrameMs = new AtomicLong();
    public final AtomicLong lastFrameNumber = new AtomicLong(-1);
    private final Map<DropCause, AtomicLong> dropped = new EnumMap<>(DropCause.class);
    private final Map<ConnectionDrop, AtomicLong> connectionDrops = new EnumMap<>(ConnectionDrop.class);
    private final AtomicReference<State> state = new AtomicReference<>(State.CONNECTING);
    private volatile String size = "";
    private volatile double fps;
    private long tickSampled;
    private long tickNanos;

    public CameraMetrics(String stream) {
        this.stream = stream;
        for (DropCause c : DropCause.values()) {
            dropped.put(c, new AtomicLong());
        }
        for (ConnectionDrop c : ConnectionDrop.values()) {
            connectionDrops.put(c, new AtomicLong());
        }
        tickNanos = System.nanoTime();
    }

    public void drop(DropCause cause) {
        dropped.get(cause).incrementAndGet();
    }

    public long dropped(DropCause cause) {
        return dropped.get(cause).get();
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public void connectionDrop(ConnectionDrop cause) {
        connectionDrops.get(cause).incrementAndGet();
    }

    public long connectionDrops(ConnectionDrop cause) {
        return connectionDrops.get(cause).get();
    }

    public State state() {
        return state.get();
    }

    public void state(State s) {
        state.set(s);
    }

    public String size() {
        return size;
    }

    public void size(int width, int height) {
        size = width + "x" + height;
    }

    public double fps() {
        return fps;
    }

    /** Sampled frames per second since the previous tick, smoothed (ticks come once a second). */
    public synchronized void tick(long nowNanos) {
        long s = sampled.get();
        double dt = (nowNanos - tickNanos) / 1e9;
        if (dt > 0) {
            double rate = (s - tickSampled) / dt;
            fps = fps == 0 ? rate : 0.6 * fps + 0.4 * rate;
        }
        tickSampled = s;
        tickNanos = nowNanos;
    }
}
