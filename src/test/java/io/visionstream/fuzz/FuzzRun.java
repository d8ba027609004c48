package io.visionstream.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.cli.Outputs;
import io.visionstream.it.Pipeline;
import io.visionstream.job.JobConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes inputs to a running job and tallies the answers a read_committed consumer sees, matching each
 * answer to its input by the source partition and offset it names (headers such as frame may be hostile).
 */
public final class FuzzRun {
    /** What came back. {@code unexpected}: answers outside an input's allowed outcomes, and lost inputs. */
    public record Tally(int inputs, int results, Map<String, Integer> rejects, int duplicates, int missing,
                        int longestRejectMessage, int longestRejectModel, List<String> unexpected) {
        public void print(java.io.PrintStream out, int restarts, long peakRssMb) {
            out.printf("%-28s %8d%n", "inputs", inputs);
            out.printf("%-28s %8d%n", "results", results);
            rejects.forEach((reason, n) -> out.printf("%-28s %8d%n", "rejects " + reason, n));
            out.printf("%-28s %8d%n", "answered more than once", duplicates);
            out.printf("%-28s %8d%n", "not answered", missing);
            out.printf("%-28s %8d%n", "outside expected outcomes", unexpected.size());
            out.printf("%-28s %8d%n", "longest reject message", longestRejectMessage);
            out.printf("%-28s %8d%n", "job restarts", restarts);
            out.printf("%-28s %8d%n", "peak RSS MB", peakRssMb);
        }
    }

    private FuzzRun() {
    }

    /** Sends every input to the run's job, waits until each has an answer (or the timeout), lingers two checkpoints, tallies. */
    public static Tally run(Pipeline pipeline, JobConfig config, List<HostileInputs.Input> inputs, Duration timeout)
            throws Exception {
        Map<String, HostileInputs.Input> byOrigin = new HashMap<>();
        for (HostileInputs.Input in : inputs) {
            RecordMetadata m = pipeline.publisher().send(in.key(), in.value(), in.headers());
            byOrigin.put(m.partition() + "@" + m.offset(), in);
        }
        pipeline.awaitAnswers(inputs.size(), timeout);
        pipeline.linger(Duration.ofMillis(2 * config.checkpointIntervalMs() + 1000));
        Map<String, String> answers = new HashMap<>();
        int results = 0;
        int duplicates = 0;
        int longestMessage = 0;
        int longestModel = 0;
        Map<String, Integer> rejects = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        for (Outputs.Out o : pipeline.answers()) {
            JsonNode r = o.json();
            JsonNode src = r.get("source");
            String origin = src.get("partition").asInt() + "@" + src.get("offset").asLong();
            String outcome = r.has("reason") ? r.get("reason").asText() : HostileInputs.RESULT;
            if (r.has("reason")) {
                rejects.merge(outcome, 1, Integer::sum);
                longestMessage = Math.max(longestMessage, r.get("message").asText().length());
                longestModel = Math.max(longestModel, r.get("model").asText().length());
            } else {
                results++;
            }
            if (answers.put(origin, outcome) != null) {
                duplicates++;
            }
            HostileInputs.Input in = byOrigin.get(origin);
            if (in == null) {
                unexpected.add("answer for an input never sent: " + origin);
            } else if (!in.allowed().contains(outcome)) {
                unexpected.add(in + ": " + outcome + (r.has("message") ? " (" + r.get("message").asText() + ")" : "")
                        + ", expected one of " + in.allowed());
            }
        }
        int missing = 0;
        for (Map.Entry<String, HostileInputs.Input> e : byOrigin.entrySet()) {
            if (!answers.containsKey(e.getKey())) {
                missing++;
                unexpected.add(e.getValue() + ": no answer");
            }
        }
        return new Tally(inputs.size(), results, rejects, duplicates, missing, longestMessage, longestModel, unexpected);
    }
}
