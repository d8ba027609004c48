package io.visionstream.ingest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The compact per-camera table ingest prints every --report-every-s seconds (one line per camera). */
public final class MetricsTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private MetricsTable() {
    }

    public static String render(List<CameraWorker> workers) {
        int w = "stream".length();
        for (CameraWorker c : workers) {
            w = Math.max(w, c.camera().stream().length());
        }
        StringBuilder b = new StringBuilder();
        String fmt = "%-" + w + "s %-9s %8s %8s %9s %17s %6s %6s %6s %9s %9s %s%n";
        b.append(String.format(Locale.ROOT, fmt, "stream", "state", "read", "sampled", "published",
                "dropped q/kb/kf/big", "drops", "recon", "fps", "last", "size", "queue"));
        for (CameraWorker c : workers) {
            CameraMetrics m = c.metrics();
            String dropped = m.dropped(DropCause.QUEUE_FULL) + "/" + m.dropped(DropCause.KAFKA_BLOCKED) + "/"
                    + m.dropped(DropCause.KAFKA_FAILED) + "/" + m.dropped(DropCause.TOO_LARGE);
            long drops = 0;
            for (ConnectionDrop d : ConnectionDrop.values()) {
                drops += m.connectionDrops(d);
            }
            long last = m.lastFrameMs.get();
            b.append(String.format(Locale.ROOT, fmt, m.stream, m.state().name().toLowerCase(Locale.ROOT), m.read.get(),
                    m.sampled.get(), m.published.get(), dropped, drops, m.reconnects.get(),
                    String.format(Locale.ROOT, "%.1f", m.fps()), last == 0 ? "-" : TIME.format(Instant.ofEpochMilli(last)),
                    m.size().isEmpty() ? "-" : m.size(), c.queued() + "/" + c.camera().queueFrames()));
        }
        return b.toString();
    }
}
