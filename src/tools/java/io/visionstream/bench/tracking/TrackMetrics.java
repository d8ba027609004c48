package io.visionstream.bench.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CLEAR-MOT (Bernardin and Stiefelhagen 2008) as py-motmetrics computes it, and IDF1 (Ristani et al. 2016).
 * A truth box and a hypothesis may match at IoU ≥ 0.5. Per frame: first the truth objects keep the hypothesis
 * they were last matched to where it is still there and still matches; the rest are matched by minimum total
 * distance (1 − IoU), most matches first. A match to another hypothesis than the object's last one is an ID
 * switch, however long ago that was. MOTA = 1 − (misses + false positives + switches) / truth boxes. IDF1: truth
 * ids and track ids are paired once for the whole sequence, maximising the frames where a pair matches (IDTP);
 * IDF1 = 2 IDTP / (truth boxes + hypotheses). Ignored truth boxes (mostly hidden) are taken out first, with any
 * hypothesis that matches one, as MOTChallenge does with its distractors.
 */
public final class TrackMetrics {
    static final double MIN_IOU = 0.5;
    private static final double NO = 1e6;

    /** One evaluated frame: what is there and what the tracker said. */
    public record Frame(List<TruthBox> truth, List<Hypothesis> hypotheses) { }

    public record Result(int truth, int hypotheses, int matches, int misses, int falsePositives, int idSwitches,
                         double mota, long idtp, double idf1) { }

    private TrackMetrics() {
    }

    public static Result of(List<Frame> frames) {
        Map<Integer, Integer> last = new HashMap<>(); // truth id -> the hypothesis it was last matched to
        Map<Long, Long> pairs = new HashMap<>(); // (truth id, hypothesis id) -> frames they match
        int truth = 0;
        int hyps = 0;
        int matches = 0;
        int switches = 0;
        for (Frame raw : frames) {
            Frame f = withoutIgnored(raw);
            List<TruthBox> t = f.truth();
            List<Hypothesis> h = f.hypotheses();
            truth += t.size();
            hyps += h.size();
            double[][] d = distances(t, h);
            for (int i = 0; i < t.size(); i++) {
                for (int j = 0; j < h.size(); j++) {
                    if (d[i][j] < NO) {
                        pairs.merge(key(t.get(i).id(), h.get(j).id()), 1L, Long::sum);
                    }
                }
            }
            int[] match = new int[t.size()];
            java.util.Arrays.fill(match, -1);
            boolean[] taken = new boolean[h.size()];
            for (int i = 0; i < t.size(); i++) {
                Integer prev = last.get(t.get(i).id());
                for (int j = 0; prev != null && j < h.size(); j++) {
                    if (!taken[j] && h.get(j).id() == prev && d[i][j] < NO) {
                        match[i] = j;
                        taken[j] = true;
                        break;
                    }
                }
            }
            List<Integer> rows = new ArrayList<>();
            List<Integer> cols = new ArrayList<>();
            for (int i = 0; i < t.size(); i++) {
                if (match[i] < 0) {
                    rows.add(i);
                }
            }
            for (int j = 0; j < h.size(); j++) {
                if (!taken[j]) {
                    cols.add(j);
                }
            }
            double[][] rest = new double[rows.size()][cols.size()];
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < cols.size(); c++) {
                    rest[r][c] = d[rows.get(r)][cols.get(c)];
                }
            }
            int[] a = Hungarian.solve(rest, rows.size(), cols.size());
            for (int r = 0; r < rows.size(); r++) {
                if (a[r] >= 0 && rest[r][a[r]] < NO) {
                    int i = rows.get(r);
                    int j = cols.get(a[r]);
                    match[i] = j;
                    Integer prev = last.get(t.get(i).id());
                    if (prev != null && prev != h.get(j).id()) {
                        switches++;
                    }
                }
            }
            for (int i = 0; i < t.size(); i++) {
                if (match[i] >= 0) {
                    matches++;
                    last.put(t.get(i).id(), h.get(match[i]).id());
                }
            }
        }
        int misses = truth - matches;
        int fp = hyps - matches;
        double mota = truth == 0 ? Double.NaN : 1 - (misses + fp + switches) / (double) truth;
        long idtp = identityTruePositives(pairs);
        double idf1 = truth + hyps == 0 ? Double.NaN : 2.0 * idtp / (truth + hyps);
        return new Result(truth, hyps, matches, misses, fp, switches, mota, idtp, idf1);
    }

    /** The global one-to-one pairing of truth ids and track ids with the most matching frames: its count. */
    private static long identityTruePositives(Map<Long, Long> pairs) {
        List<Integer> tIds = new ArrayList<>();
        List<Integer> hIds = new ArrayList<>();
        Map<Integer, Integer> tIndex = new HashMap<>();
        Map<Integer, Integer> hIndex = new HashMap<>();
        for (long k : pairs.keySet()) {
            int t = (int) (k >> 32);
            int h = (int) k;
            if (tIndex.putIfAbsent(t, tIds.size()) == null) {
                tIds.add(t);
            }
            if (hIndex.putIfAbsent(h, hIds.size()) == null) {
                hIds.add(h);
            }
        }
        double[][] cost = new double[tIds.size()][hIds.size()];
        for (Map.Entry<Long, Long> e : pairs.entrySet()) {
            cost[tIndex.get((int) (e.getKey() >> 32))][hIndex.get((int) (long) e.getKey())] = -e.getValue();
        }
        int[] a = Hungarian.solve(cost, tIds.size(), hIds.size());
        long idtp = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] >= 0) {
                idtp -= (long) cost[i][a[i]];
            }
        }
        return idtp;
    }

    /** The frame without its ignored truth boxes, and without the hypotheses that match them (best matching). */
    static Frame withoutIgnored(Frame f) {
        List<TruthBox> ignored = new ArrayList<>();
        List<TruthBox> kept = new ArrayList<>();
        for (TruthBox t : f.truth()) {
            (t.ignored() ? ignored : kept).add(t);
        }
        if (ignored.isEmpty()) {
            return f;
        }
        // every truth box takes part, so a hypothesis on a visible object is not lost to a hidden one
        List<TruthBox> all = new ArrayList<>(kept);
        all.addAll(ignored);
        double[][] d = distances(all, f.hypotheses());
        int[] a = Hungarian.solve(d, all.size(), f.hypotheses().size());
        boolean[] drop = new boolean[f.hypotheses().size()];
        for (int i = kept.size(); i < all.size(); i++) {
            if (a[i] >= 0 && d[i][a[i]] < NO) {
                drop[a[i]] = true;
            }
        }
        List<Hypothesis> hyps = new ArrayList<>();
        for (int j = 0; j < drop.length; j++) {
            if (!drop[j]) {
                hyps.add(f.hypotheses().get(j));
            }
        }
        return new Frame(kept, hyps);
    }

    private static double[][] distances(List<TruthBox> t, List<Hypothesis> h) {
        double[][] d = new double[t.size()][h.size()];
        for (int i = 0; i < t.size(); i++) {
            for (int j = 0; j < h.size(); j++) {
                double iou = t.get(i).box().iou(h.get(j).box());
                d[i][j] = iou >= MIN_IOU ? 1 - iou : NO;
            }
        }
        return d;
    }

    private static long key(int truthId, int hypId) {
        return ((long) truthId << 32) | (hypId & 0xffffffffL);
    }
}
