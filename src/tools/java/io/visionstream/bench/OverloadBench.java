package io.visionstream.bench;

import io.visionstream.bench.tracking.TrackingBench;
import io.visionstream.cli.EmbeddedKafka;
import io.visionstream.model.ModelRegistry;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleToLongFunction;
import java.util.function.Predicate;

/**
 * {@code visionstream bench overload}: frames arriving faster than inference. One in-process broker; two jobs
 * in turn (each its own MiniCluster and topics) on the same input, a tracking sequence with known truth
 * ({@link OverloadInput}) on several cameras, with its line and zone. First the normal-speed run,
 * flow-controlled so the job is always busy and never behind; its answers per second once warm are the
 * sustainable rate (or {@code --rate}), which sizes the input: {@code --factor} × rate × {@code --minutes}.
 * Then the overload run: the same records at {@code --factor} × that rate, then nothing until it has caught up.
 * Verdict: resident memory flat, lag grew and drained, every frame answered exactly once in each run, no
 * restart, and the overload run's events and track ids (read_committed) equal the normal run's, event for event;
 * the counts are also held against the truth. Writes bench-overload.csv; exit 1 when a requirement failed.
 */
public final class OverloadBench {
    /** Resident growth under overload, beyond the normal run's peak, still called flat. */
    static final double FLAT_MB = 64;

    private OverloadBench() {
    }

    /** {@code a}: the options of {@code visionstream bench overload} by name (io.visionstream.cli.BenchCommand). */
    public static int main(Map<String, String> a) throws Exception {
        Path out = Path.of(a.getOrDefault("out", "bench-out"));
        double minutes = Double.parseDouble(a.getOrDefault("minutes", "3"));
        double factor = Double.parseDouble(a.getOrDefault("factor", "2"));
        double givenRate = Double.parseDouble(a.getOrDefault("rate", "0"));
        int streams = Integer.parseInt(a.getOrDefault("streams", "4"));
        String sequence = a.getOrDefault("sequence", "belt");
        double everyS = Double.parseDouble(a.getOrDefault("every-s", "5"));
        long checkpointMs = Long.parseLong(a.getOrDefault("checkpoint-ms", "2000"));
        double warmS = Double.parseDouble(a.getOrDefault("warm-s", "15"));
        double probeS = Double.parseDouble(a.getOrDefault("probe-s", "40"));
        ModelRegistry registry = ModelRegistry.load(a.getOrDefault("registry", ModelRegistry.DEFAULT_LOCATION));
        Files.createDirectories(out);

        OverloadInput input = OverloadInput.of(sequence, streams, registry.get("nanodet-coco"));
        Path zones = out.resolve("overload-zones.yaml");
        Files.writeString(zones, input.zonesYaml());
        // whole passes on every stream, so each stream's final counts are a multiple of the truth of one pass
        DoubleToLongFunction plan = r -> Math.max(1, (long) Math.ceil(factor * r * minutes * 60 / input.block()))
                * input.block();
        System.out.printf(Locale.ROOT, "sequence %s (%dx%d) on %d streams, %d records a pass per stream (%d frames "
                        + "and %d empty ones), %s%n%n%s%n", sequence, input.scene().width(), input.scene().height(),
                streams, input.perPass(), input.scene().frames(), OverloadInput.GAP,
                givenRate > 0 ? "rate " + givenRate + "/s given" : "rate probed", OverloadSample.header());

        OverloadRun.Result normal;
        OverloadRun.Result over;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            normal = OverloadRun.run(kafka, zones, input, "normal", new OverloadRun.Feed(0,
                    givenRate > 0 ? plan.applyAsLong(givenRate) : 0, givenRate > 0 ? null : plan, warmS, probeS,
                    everyS, checkpointMs));
            double rate = givenRate > 0 ? givenRate : normal.probedRate();
            if (!(rate > 0)) {
                System.out.println("FAILED: the normal run gave no rate (did it answer anything?)");
                return 1;
            }
            System.out.printf(Locale.ROOT, "%nsustainable rate %.2f/s; overload run: %d records, at %.2f/s after "
                    + "its warm-up%n%s%n", rate, normal.total(), factor * rate, OverloadSample.header());
            over = OverloadRun.run(kafka, zones, input, "overload", new OverloadRun.Feed(factor * rate,
                    normal.total(), null, warmS, 0, everyS, checkpointMs));
        }
        boolean ok = verdict(input, normal, over);
        Path csv = out.resolve("bench-overload.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write(OverloadSample.csvHeader() + "\n");
            for (OverloadRun.Result r : List.of(normal, over)) {
                for (OverloadSample s : r.samples()) {
                    w.write(s.csvRow() + "\n");
                }
            }
        }
        System.out.println("wrote " + csv);
        System.out.println(ok ? "PASSED" : "FAILED");
        return ok ? 0 : 1;
    }

    /** Prints the verdict lines; true when every requirement held (the truth comparison is reported only). */
    static boolean verdict(OverloadInput input, OverloadRun.Result normal, OverloadRun.Result over) {
        System.out.println();
        List<OverloadSample> steady = phase(normal, p -> !p.equals("warm-up"));
        List<OverloadSample> loaded = phase(over, p -> p.equals("overload"));
        List<OverloadSample> after = phase(over, p -> !p.equals("warm-up"));
        // rates over the open-loop phase: what was offered, and what the job answered meanwhile
        double offered = rate(loaded, true);
        double served = rate(loaded, false);
        double normalRate = rate(steady, false);
        System.out.printf(Locale.ROOT, "rates: normal run answered %.2f/s; overload offered %.2f/s while answering "
                + "%.2f/s (%.2fx); drained %d records in %.0f s%n", normalRate, offered, served, offered / served,
                over.total(), over.drainedS());

        // flat: what the job holds must not follow the lag. Baseline: the overload run's first sample once it is
        // overloaded (the second job's MiniCluster in this JVM starts above the first's level, so the normal run's
        // figures are shown beside, not used as the baseline).
        double base = loaded.isEmpty() ? Double.NaN : loaded.get(0).rssMb();
        double overMax = max(after, OverloadSample::rssMb);
        double slope = slope(loaded, OverloadSample::rssMb);
        boolean flat = overMax - base <= FLAT_MB && Math.abs(slope * minutes(loaded)) <= FLAT_MB;
        System.out.printf(Locale.ROOT, "memory: RSS normal run %.0f..%.0f MB; overload run %.0f MB when overloading "
                        + "began, at most %.0f MB (%+.0f), %.0f MB at the end; %+.1f MB/min while overloaded (Theil-Sen); "
                        + "heap after GC %.0f..%.0f MB normal, %.0f..%.0f overload: %s%n",
                min(steady, OverloadSample::rssMb), max(steady, OverloadSample::rssMb), base, overMax, overMax - base,
                after.isEmpty() ? Double.NaN : after.get(after.size() - 1).rssMb(), slope,
                min(steady, OverloadSample::heapMb), max(steady, OverloadSample::heapMb),
                min(after, OverloadSample::heapMb), max(after, OverloadSample::heapMb), flat ? "FLAT" : "GREW");

        double normalLag = max(steady, s -> s.lag());
        double overLag = max(after, s -> s.lag());
        OverloadSample last = over.samples().get(over.samples().size() - 1);
        // grew: well above the normal run's in-flight window, and rising while overloaded
        boolean grew = overLag >= 3 * Math.max(1, normalLag) && slope(loaded, s -> s.lag()) > 0;
        boolean drained = over.complete() && last.lag() == 0;
        System.out.printf(Locale.ROOT, "lag: normal run at most %.0f records (its flow control); overload run up to "
                        + "%.0f records (group lag up to %.0f), %+.0f records/min while overloaded, %d at the end: %s, %s%n",
                normalLag, overLag, max(after, s -> s.groupLag()), slope(loaded, s -> s.lag()), last.lag(),
                grew ? "GREW" : "DID NOT GROW", drained ? "DRAINED" : "NOT DRAINED");

        boolean answered = true;
        boolean running = true;
        for (OverloadRun.Result r : List.of(normal, over)) {
            long[] md = missingAndDuplicates(input, r);
            answered &= md[0] == 0 && md[1] == 0 && md[2] == 0;
            running &= r.restarts() == 0 && r.running();
            System.out.printf(Locale.ROOT, "%s run: %d records, %d missing, %d duplicated, %d unexpected; restarts %d, "
                    + "job %s at the end%n", r.name(), r.total(), md[0], md[1], md[2], r.restarts(),
                    r.running() ? "RUNNING" : "NOT RUNNING");
        }

        boolean eventsEqual = normal.reader().events.equals(over.reader().events);
        boolean tracksEqual = sorted(normal.reader().tracks).equals(sorted(over.reader().tracks));
        System.out.printf(Locale.ROOT, "events: normal %s, overload %s: %s; track ids on every detection: %s%n",
                sizes(normal.reader().events), sizes(over.reader().events),
                eventsEqual ? "EQUAL event for event" : "DIFFER (" + firstDifference(normal.reader().events,
                        over.reader().events) + ")", tracksEqual ? "EQUAL" : "DIFFER");

        long passes = over.total() / input.block();
        Map<String, long[]> truth = new TreeMap<>();
        input.truthPerPass().forEach((k, v) -> {
            long[] t = v.clone();
            for (int i = 0; i < t.length; i++) {
                t[i] *= passes;
            }
            truth.put(k, t);
        });
        for (OverloadRun.Result r : List.of(normal, over)) {
            for (int s = 0; s < input.streams(); s++) {
                String stream = input.stream(s);
                Map<String, long[]> counted = r.reader().counts.getOrDefault(stream, Map.of());
                System.out.printf(Locale.ROOT, "truth (%d passes), %s run, %s: %s%s%n", passes, r.name(), stream,
                        TrackingBench.describe(truth, counted), TrackingBench.countsMatch(truth, counted) ? ""
                                : "  (differs from the truth)");
            }
        }
        System.out.printf("verdict: memory %s, lag %s and %s, %s, %s, events %s%n", flat ? "flat" : "GREW",
                grew ? "grew" : "DID NOT GROW", drained ? "drained" : "DID NOT DRAIN",
                answered ? "nothing lost or duplicated" : "LOSS OR DUPLICATES", running ? "no restart" : "RESTARTED",
                eventsEqual && tracksEqual ? "equal to the normal run" : "DIFFER from the normal run");
        return flat && grew && drained && answered && running && eventsEqual && tracksEqual;
    }

    /** [missing, duplicated, unexpected]: every record's stream/frame must be answered exactly once. */
    static long[] missingAndDuplicates(OverloadInput input, OverloadRun.Result r) {
        Map<String, Integer> seen = new TreeMap<>(r.reader().answers);
        long missing = 0;
        long dup = 0;
        for (long i = 0; i < r.total(); i++) {
            Integer n = seen.remove(input.stream(i) + ":" + input.frame(i));
            if (n == null) {
                missing++;
            } else {
                dup += n - 1;
            }
        }
        return new long[] {missing, dup, seen.size()};
    }

    private static List<OverloadSample> phase(OverloadRun.Result r, Predicate<String> keep) {
        return r.samples().stream().filter(s -> keep.test(s.phase())).toList();
    }

    /** Produced (or answered) per second from the first to the last sample. */
    private static double rate(List<OverloadSample> s, boolean produced) {
        if (s.size() < 2) {
            return Double.NaN;
        }
        OverloadSample a = s.get(0);
        OverloadSample b = s.get(s.size() - 1);
        return (produced ? b.produced() - a.produced() : b.answered() - a.answered()) / (b.seconds() - a.seconds());
    }

    private static double minutes(List<OverloadSample> s) {
        return s.size() < 2 ? 0 : (s.get(s.size() - 1).seconds() - s.get(0).seconds()) / 60;
    }

    /** Change per minute over the samples (Theil-Sen). */
    private static double slope(List<OverloadSample> s, java.util.function.ToDoubleFunction<OverloadSample> y) {
        double[] x = s.stream().mapToDouble(v -> v.seconds() / 60).toArray();
        double[] v = s.stream().mapToDouble(y).toArray();
        return Slopes.theilSen(x, v);
    }

    private static double max(List<OverloadSample> s, java.util.function.ToDoubleFunction<OverloadSample> y) {
        return s.stream().mapToDouble(y).max().orElse(Double.NaN);
    }

    private static double min(List<OverloadSample> s, java.util.function.ToDoubleFunction<OverloadSample> y) {
        return s.stream().mapToDouble(y).min().orElse(Double.NaN);
    }

    private static Map<String, List<String>> sorted(Map<String, List<String>> m) {
        Map<String, List<String>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.stream().sorted().toList()));
        return out;
    }

    private static Map<String, Integer> sizes(Map<String, List<String>> m) {
        Map<String, Integer> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    private static String firstDifference(Map<String, List<String>> a, Map<String, List<String>> b) {
        List<String> keys = new ArrayList<>(new TreeMap<>(a).keySet());
        b.keySet().forEach(k -> {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        });
        for (String k : keys) {
            List<String> x = a.getOrDefault(k, List.of());
            List<String> y = b.getOrDefault(k, List.of());
            for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
                String p = i < x.size() ? x.get(i) : "(none)";
                String q = i < y.size() ? y.get(i) : "(none)";
                if (!p.equals(q)) {
                    return k + " event " + i + ": " + p + " vs " + q;
                }
            }
        }
        return "none";
    }
}
