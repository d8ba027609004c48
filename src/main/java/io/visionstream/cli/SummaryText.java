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
                parts.add(String.format("%s %.2f", d.get("label").asText(), d.get("score").asDouble()));
            }
            return parts.isEmpty() ? "(nothing detected)" : String.join(", ", parts);
        }
        return r.get("task").asText();
    }
}
