package io.visionstream.bench;

import io.visionstream.bench.tracking.ObjectCrops;
import io.visionstream.bench.tracking.Scene;
import io.visionstream.bench.tracking.SceneDetections;
import io.visionstream.bench.tracking.TrackingSequences;
import io.visionstream.bench.tracking.TruthCounts;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelSpec;
import io.visionstream.track.TrackerSettings;
import io.visionstream.zones.LineSpec;
import io.visionstream.zones.ZoneSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

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
            bytes.add(f < scene.frames() && scene.corrupt(f) ? new byte[0] : jpeg(scene.render(f)));
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

    /** The zones file of the sequence for every stream ("*"), box centres as anchors (as the truth counts them). */
    String zonesYaml() {
        StringBuilder y = new StringBuilder("anchor: center\nstreams:\n  \"*\":\n    lines:\n");
        for (LineSpec l : scene.zones().lines()) {
            y.append(String.format(Locale.ROOT, "      - name: %s%n        points: [[%s, %s], [%s, %s]]%n", l.name(),
                    l.x1(), l.y1(), l.x2(), l.y2()));
        }
        y.append("    zones:\n");
        for (ZoneSpec z : scene.zones().zones()) {
            List<String> points = new ArrayList<>();
            for (int i = 0; i < z.xs().length; i++) {
                points.add("[" + z.xs()[i] + ", " + z.ys()[i] + "]");
            }
            y.append("      - name: ").append(z.name()).append("\n        points: [")
                    .append(String.join(", ", points)).append("]\n");
        }
        if (scene.zones().zones().isEmpty()) {
            y.setLength(y.length() - "    zones:\n".length());
        }
        return y.toString();
    }

    /** JPEG at quality 0.95: a camera's bytes, close enough to the rendered pixels for the detector. */
    private static byte[] jpeg(BufferedImage img) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.95f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream s = ImageIO.createImageOutputStream(out)) {
            w.setOutput(s);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }
}
