package io.visionstream.bench.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MOTA, ID switches and IDF1 on hand-made cases whose answers are worked out in the comments. */
class TrackMetricsTest {
    private static TruthBox t(int id, float x) {
        return new TruthBox(id, "person", new Box(x, 0, x + 10, 10), false);
    }

    private static Hypothesis h(int id, float x) {
        return new Hypothesis(id, "person", new Box(x, 0, x + 10, 10));
    }

    private static TrackMetrics.Frame frame(List<TruthBox> truth, List<Hypothesis> hyps) {
        return new TrackMetrics.Frame(truth, hyps);
    }

    @Test
    void perfectTracksScoreOne() {
        List<TrackMetrics.Frame> frames = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            frames.add(frame(List.of(t(1, f), t(2, 100 + f)), List.of(h(7, f), h(9, 100 + f))));
        }
        TrackMetrics.Result r = TrackMetrics.of(frames);
        assertEquals(1.0, r.mota(), 1e-12);
        assertEquals(1.0, r.idf1(), 1e-12);
        assertEquals(0, r.idSwitches());
    }

    @Test
    void oneSwitchHalfwayCostsMotaOnceAndHalfOfIdf1() {
        // 4 truth boxes, 4 hypotheses, all matched; the id changes once: MOTA = 1 − 1/4; the best id pairing
        // covers 2 of the 4 frames: IDF1 = 2·2 / (4 + 4)
        List<TrackMetrics.Frame> frames = List.of(frame(List.of(t(1, 0)), List.of(h(10, 0))),
                frame(List.of(t(1, 1)), List.of(h(10, 1))), frame(List.of(t(1, 2)), List.of(h(11, 2))),
                frame(List.of(t(1, 3)), List.of(h(11, 3))));
        TrackMetrics.Result r = TrackMetrics.of(frames);
        assertEquals(1, r.idSwitches());
        assertEquals(0.75, r.mota(), 1e-12);
        assertEquals(0.5, r.idf1(), 1e-12);
    }

    @Test
    void aBoxBelowIouHalfIsAMissAndAFalsePositive() {
        // IoU of [0,10] and [6,16] is 4/16 = 0.25 < 0.5: MOTA = 1 − (1 + 1) / 1 = −1; IDF1 = 0
        TrackMetrics.Result r = TrackMetrics.of(List.of(frame(List.of(t(1, 0)), List.of(h(5, 6)))));
        assertEquals(1, r.misses());
        assertEquals(1, r.falsePositives());
        assertEquals(-1.0, r.mota(), 1e-12);
        assertEquals(0.0, r.idf1(), 1e-12);
    }

    @Test
    void aCorrespondenceThatStillMatchesIsKeptOverACheaperSwap() {
        // frame 1 alone would pair 1-h2 (distance 0) and 2-h1 (0.18) instead of 1-h1 (0.33) and 2-h2 (0.46);
        // both old pairs still match at IoU ≥ 0.5, so they stay and nothing switches
        List<TrackMetrics.Frame> frames = List.of(frame(List.of(t(1, 0), t(2, 50)), List.of(h(1, 0), h(2, 50))),
                frame(List.of(t(1, 0), t(2, 3)), List.of(h(1, 2), h(2, 0))));
        TrackMetrics.Result r = TrackMetrics.of(frames);
        assertEquals(0, r.idSwitches());
        assertEquals(4, r.matches());
    }

    @Test
    void aHypothesisOnAnIgnoredBoxIsNeitherRightNorWrong() {
        TruthBox hidden = new TruthBox(2, "person", new Box(50, 0, 60, 10), true);
        TrackMetrics.Result r = TrackMetrics.of(List.of(frame(List.of(t(1, 0), hidden), List.of(h(1, 0), h(2, 50)))));
        assertEquals(1, r.truth());
        assertEquals(1, r.hypotheses());
        assertEquals(0, r.falsePositives());
        assertEquals(1.0, r.mota(), 1e-12);
    }
}
