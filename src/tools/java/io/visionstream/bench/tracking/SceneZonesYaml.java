package io.visionstream.bench.tracking;

import io.visionstream.zones.LineSpec;
import io.visionstream.zones.ZoneSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A scene's lines and zones as the job's zones file, for every stream ("*"), box centres as anchors (as
 * {@link TruthCounts} counts them), each shape with its label filter when it has one. The overload bench
 * uses it too.
 */
public final class SceneZonesYaml {
    private SceneZonesYaml() {
    }

    public static String of(Scene scene) {
        StringBuilder y = new StringBuilder("anchor: center\nstreams:\n  \"*\":\n    lines:\n");
        for (LineSpec l : scene.zones().lines()) {
            y.append(String.format(Locale.ROOT, "      - name: %s%n        points: [[%s, %s], [%s, %s]]%n", l.name(),
                    l.x1(), l.y1(), l.x2(), l.y2()));
            labels(y, l.labels());
        }
        if (scene.zones().zones().isEmpty()) {
            return y.toString();
        }
        y.append("    zones:\n");
        for (ZoneSpec z : scene.zones().zones()) {
            List<String> points = new ArrayList<>();
            for (int i = 0; i < z.xs().length; i++) {
                points.add("[" + z.xs()[i] + ", " + z.ys()[i] + "]");
            }
            y.append("      - name: ").append(z.name()).append("\n        points: [")
                    .append(String.join(", ", points)).append("]\n");
            labels(y, z.labels());
        }
        return y.toString();
    }

    /** No filter (null or empty): every label counts, as the scene's own shapes say. */
    private static void labels(StringBuilder y, Set<String> labels) {
        if (labels != null && !labels.isEmpty()) {
            y.append("        labels: [").append(String.join(", ", new java.util.TreeSet<>(labels))).append("]\n");
        }
    }
}
