package io.visionstream.ingest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * The cameras' metrics as Prometheus text on {@code http://HOST:PORT/metrics}, so the dashboard that scrapes the
 * job's Flink metrics (flink-metrics-prometheus) shows the cameras beside it. The JDK's own HTTP server: one
 * thread, no dependency.
 */
public final class PrometheusEndpoint implements AutoCloseable {
    private final HttpServer server;

    public PrometheusEndpoint(int port, List<CameraWorker> workers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/metrics", ex -> {
            byte[] body = text(workers).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingest-metrics-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The exposition text (also what the tests read). */
    public static String text(List<CameraWorker> workers) {
        StringBuilder b = new StringBuilder();
        counter(b, "frames_read_total", "Source frames decoded (before sampling)");
        workers.forEach(w -> sample(b, "frames_read_total", w, "", w.metrics().read.get()));
        counter(b, "frames_sampled_total", "Frames kept by sampling and encoded as JPEG");
        workers.forEach(w -> sample(b, "frames_sampled_total", w, "", w.metrics().sampled.get()));
        counter(b, "frames_published_total", "Frames acknowledged by Kafka");
        workers.forEach(w -> sample(b, "frames_published_total", w, "", w.metrics().published.get()));
        counter(b, "frames_dropped_total", "Frames that never reached Kafka, by cause");
        for (CameraWorker w : workers) {
            for (DropCause c : DropCause.values()) {
                sample(b, "frames_dropped_total", w, ",cause=\"" + c.label + "\"", w.metrics().dropped(c));
            }
        }
        counter(b, "connection_drops_total", "Decoder sessions that ended (lost, stall, resolution change)");
        for (CameraWorker w : workers) {
            for (ConnectionDrop c : ConnectionDrop.values()) {
                sample(b, "connection_drops_total", w, ",cause=\"" + c.label + "\"", w.metrics().connectionDrops(c));
            }
        }
        counter(b, "reconnects_total", "Reconnect attempts after a drop");
        workers.forEach(w -> sample(b, "reconnects_total", w, "", w.metrics().reconnects.get()));
        gauge(b, "fps", "Sampled frames per second, smoothed");
        workers.forEach(w -> sample(b, "fps", w, "", w.metrics().fps()));
        gauge(b, "last_frame_timestamp_seconds", "Capture time of the last frame (Unix seconds)");
        workers.forEach(w -> sample(b, "last_frame_timestamp_seconds", w, "", w.metrics().lastFrameMs.get() / 1000.0));
        gauge(b, "queue_frames", "Frames waiting between decode and publish");
        workers.forEach(w -> sample(b, "queue_frames", w, "", w.queued()));
        gauge(b, "streaming", "1 while frames arrive, 0 while connecting, backing off or finished");
        workers.forEach(w -> sample(b, "streaming", w, "",
                w.metrics().state() == CameraMetrics.State.STREAMING ? 1 : 0));
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help) {
        b.append("# HELP visionstream_ingest_").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE visionstream_ingest_").append(name).append(" counter\n");
    }

    private static void gauge(StringBuilder b, String name, String help) {
        b.append("# HELP visionstream_ingest_").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE visionstream_ingest_").append(name).append(" gauge\n");
    }

    private static void sample(StringBuilder b, String name, CameraWorker w, String labels, double value) {
        String stream = w.camera().stream().replace("\\", "\\\\").replace("\"", "\\\"");
        b.append("visionstream_ingest_").append(name).append("{stream=\"").append(stream).append('"').append(labels)
                .append("} ").append(value == Math.rint(value) && Math.abs(value) < 1e15
                        ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value)).append('\n');
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
