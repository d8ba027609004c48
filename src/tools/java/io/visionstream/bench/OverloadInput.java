package io.visionstream.bench;

import io.visionstream.bench.tracking.ObjectCrops;
import io.visionstream.bench.tracking.Scene;
import io.visionstream.bench.tracking.SceneDetections;
import io.visionstream.bench.tracking.TrackingJobRun;
import io.visionstream.bench.tracking.TrackingSequences;
import io.visionstream.bench.tracking.TruthCounts;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelSpec;
import io.visionstream.track.TrackerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The overload run's input: one generated tracking sequence (known truth, {@link TrackingSequences}) played in
 * passes on {@code streams} cameras. Record i goes to stream i % streams, so every stream advances at the same
 * pace and any prefix of the input is the same for both runs. A pass is the sequence's frames (dropped ones never
 * sent, corrupt ones sent empty, as the sequence defines them) followed by frames of the empty background, more
 * of them than the tracker keeps a lost track: every pass starts with no tracks and counts what the truth says.
 */
final class OverloadInput {
    /** Empty frames after each pass: one more than the tracker's max-lost-frames, and one for the confirmation. */
    static final int GAP = TrackerSettings.defaults().maxLost() + 2;

    private final Scene scene;
    private final int streams;
    /** Per pass, in order: frame number within the pass, and the JPEG bytes (empty for a corrupt frame). */
    private final List<Long> frameInPass = new ArrayList<>();
    private final List<byte[]> bytes = new ArrayList<>();

    OverloadInput(Scene scene, int streams) throws Exception {
        this.scene = scene;
        this.streams = streams;
        for (int f = 0; f < scene.frames() + GAP; f++) {
            if (f < scene.frames() && scene.dropped(f)) {
                continue;
            }
            frameInPass.add((long) f);
            bytes.add(f < scene.frames() && scene.corrupt(f) ? new byte[0]
                    : BenchImages.jpeg(scene.render(f), TrackingJobRun.CAMERA_QUALITY));
        }
    }

    /** The named sequence with the real objects the detector finds in the sample photos. */
    static OverloadInput of(String sequence, int streams, ModelSpec detector) throws Exception {
        try (ModelHandler d = SceneDetections.openDetector(detector)) {
            return new OverloadInput(TrackingSequences.named(sequence, ObjectCrops.find(d)), streams);
        }
    }

    Scene scene() {
        return scene;
    }

    int streams() {
        return streams;
    }

    /** Records of one stream's pass. */
    int perPass() {
        return bytes.size();
    }

    /** Records of one pass on every stream: totals are rounded up to this, so every stream ends a pass. */
    int block() {
        return perPass() * streams;
    }

    String stream(long i) {
        return "cam-" + (i % streams);
    }

    /** Frame numbers go on across passes (a pass is sequence frames plus the gap). */
    long frame(long i) {
        long k = i / streams;
        return k / perPass() * (scene.frames() + GAP) + frameInPass.get((int) (k % perPass()));
    }

    byte[] image(long i) {
        return bytes.get((int) (i / streams % perPass()));
    }

    /** The truth of one pass, keys "shape/label": lines [+, −], zones [entries]. */
    Map<String, long[]> truthPerPass() {
        return TruthCounts.of(scene);
    }

    /** The scene's lines and zones as the job's zones file. */
    String zonesYaml() {
        return io.visionstream.bench.tracking.SceneZonesYaml.of(scene);
    }

}
