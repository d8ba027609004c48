package io.visionstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A one-line human summary of a result JSON, for the demo's table. */
final class SummaryText {
    private SummaryText() {
    }

    static String of(JsonNode r) {
        List<String> parts = new ArrayList<>();
        if (r.has("detections")) {
            for (JsonNode d : r.get("detections")) {
                String then = d.has("then") ? " [" + stage(d.get("then")) + "]" : "";
                parts.add(String.format("%s %.2f%s", d.get("label").asText(), d.get("score").asDouble(), then));
            }
            return parts.isEmpty() ? "(nothing detected)" : String.join(", ", parts);
        }
        if (r.has("texts")) {
            for (JsonNode t : r.get("texts")) {
                parts.add(t.has("text") ? t.get("text").asText() : "box");
            }
            return r.get("texts").size() + " lines: " + String.join(" | ", parts);
        }
        if (r.has("people") && r.get("people").size() > 0) {
            for (JsonNode p : r.get("people")) {
                parts.add(String.format("person %.2f (%d parts)", p.get("score").asDouble(), p.get("parts").size()));
            }
            return r.get("people").size() + " people: " + String.join(", ", parts);
        }
        if (r.has("segments")) {
            for (JsonNode s : r.get("segments")) {
                parts.add(String.format("%s %.1f%%", s.get("label").asText(), 100 * s.get("coverage").asDouble()));
            }
            return parts.isEmpty() ? "(nothing segmented)" : String.join(", ", parts);
        }
        if (r.has("output")) {
            JsonNode o = r.get("output");
            return "image " + o.get("width").asInt() + "x" + o.get("height").asInt() + " in " + r.get("tiles").asInt()
                    + " tiles" + (o.has("error") ? " (" + o.get("error").asText() + ")" : "");
        }
        if (r.has("classes")) {
            for (JsonNode c : r.get("classes")) {
                parts.add(String.format("%s %.2f", c.get("label").asText(), c.get("score").asDouble()));
            }
            return String.join(", ", parts);
        }
        return r.get("task").asText();
    }

    /** A cascade's second stage on one detection, briefly: what it read or found, or why it did not run. */
    private static String stage(JsonNode then) {
        if (!"ok".equals(then.path("status").asText())) {
            return then.path("status").asText() + ": " + then.path("message").asText();
        }
        return of(then);
    }
}
