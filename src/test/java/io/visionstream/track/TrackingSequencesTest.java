package io.visionstream.track;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.bench.tracking.ObjectCrops;
import io.visionstream.bench.tracking.Scene;
import io.visionstream.bench.tracking.SceneDetections;
import io.visionstream.bench.tracking.Sprite;
import io.visionstream.bench.tracking.TrackMetrics;
import io.visionstream.bench.tracking.TrackerRun;
import io.visionstream.bench.tracking.TrackingBench;
import io.visionstream.bench.tracking.TrackingSequences;
import io.visionstream.bench.tracking.TruthCounts;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tracker and the zone counter on generated sequences with real nanodet detections: the counts must be the
 * truth, and the tracker must do no worse than the port of ByteTrack's reference implementation.
 */
class TrackingSequencesTest {
    private static ModelHandler detector;
    private static List<Sprite> crops;

    @BeforeAll
    static void open() throws Exception {
        detector = SceneDetections.openDetector(ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION).get("nanodet-coco"));
        crops = ObjectCrops.find(detector);
    }

    @AfterAll
    static void close() throws Exception {
        detector.close();
    }

    /** Occlusion: two people pass each other, one in front; a third crosses a zone beyond the line's end. */
    @Test
    void crossing() throws Exception {
        check(TrackingSequences.named("crossing", crops));
    }

    /** Leaving the image and coming back, a dropped frame and two corrupt ones, someone standing in a zone. */
    @Test
    void reentry() throws Exception {
        check(TrackingSequences.named("reentry", crops));
    }

    /** A ball at 28 px a frame, its box 21 px wide: IoU alone never follows it, and it must still be counted. */
    @Test
    void fast() throws Exception {
        check(TrackingSequences.named("fast", crops));
    }

    /**
     * 50 people, tiled detection; on one standing in a zone from the first frame NanoDet adds a narrower, less
     * confident second box, which must not enter the zone as a second person.
     */
    @Test
    void dense() throws Exception {
        check(TrackingSequences.named("dense", crops));
    }

    private static void check(Scene scene) throws Exception {
        SceneDetections d = SceneDetections.of(scene, detector);
        Map<String, long[]> truth = TruthCounts.of(scene);
        TrackerRun ours = TrackerRun.ours(d, TrackerSettings.defaults());
        TrackerRun ref = TrackerRun.reference(d, TrackerSettings.defaults());
        assertTrue(TrackingBench.countsMatch(truth, ours.counts()), TrackingBench.describe(truth, ours.counts()));
        TrackMetrics.Result o = ours.metrics();
        TrackMetrics.Result r = ref.metrics();
        assertTrue(o.idSwitches() <= r.idSwitches(), "ID switches " + o + " vs reference " + r);
        assertTrue(o.idf1() >= r.idf1() - 0.01, "IDF1 " + o + " vs reference " + r);
    }
}
