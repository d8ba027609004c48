package io.visionstream.model.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class BodyPixDecodingTest {
    private static final String MODEL = "models/bodypix_mobilenetv1_050_stride16.onnx";
    private static final int NOSE = 0;
    private static final int LEFT_EYE = 1;
    private static final int RIGHT_EYE = 2;
    private static final int[] SHOULDERS = {5, 6};
    private static final int[] HIPS = {11, 12};
    private static final int[] KNEES = {13, 14};

    // ---- the real model on a real photo ----

    @Test
    void messiIsFoundUprightAndOwnsHisPixels() throws Exception {
        BufferedImage photo = ImageIO.read(new File("src/test/resources/images/messi5.jpg")); // 548x342
        int w = 641; // 16·40+1, the aspect kept within 0.3%
        int h = 401; // 16·25+1
        BodyPixGrid g = run(photo, w, h);
        assertEquals(26, g.gh());
        assertEquals(41, g.gw());
        double sx = (double) w / photo.getWidth();
        double sy = (double) h / photo.getHeight();

        List<Pose> poses = PoseDecoder.decodeMultiple(g, 10, 0.25f, 20);
        for (Pose p : poses) {
            Keypoint n = p.keypoint(NOSE);
            System.out.printf("messi5 pose score %.3f nose (%.1f, %.1f) image px, nose score %.2f%n", p.score(),
                    n.x() / sx, n.y() / sy, n.score());
        }
        assertTrue(!poses.isEmpty() && poses.get(0).score() > 0.3, "poses " + poses);
        for (int i = 1; i < poses.size(); i++) {
            assertTrue(poses.get(i - 1).score() >= poses.get(i).score(), "sorted by score");
        }

        // Messi's face spans about x 205..265, y 60..115 in the photo; he kicks, his body below it.
        Pose best = poses.get(0);
        for (int k : new int[] {NOSE, LEFT_EYE, RIGHT_EYE}) {
            Keypoint kp = best.keypoint(k);
            if (kp.score() > 0.3) {
                double x = kp.x() / sx;
                double y = kp.y() / sy;
                assertTrue(x > 195 && x < 275 && y > 55 && y < 125, kp + " at image (" + x + ", " + y + ")");
            }
        }
        assertAbove(best, new int[] {NOSE, LEFT_EYE, RIGHT_EYE}, SHOULDERS);
        assertAbove(best, SHOULDERS, HIPS);
        assertAbove(best, new int[] {HIPS[0]}, new int[] {KNEES[0]});
        assertAbove(best, new int[] {HIPS[1]}, new int[] {KNEES[1]});
        assertTrue(confident(best, SHOULDERS) > 0 && confident(best, HIPS) > 0, "torso seen: " + best);

        int[] owners = InstanceAssigner.assign(g, poses, 0.3f, 10);
        assertEquals(g.gh() * g.gw(), owners.length);
        int person = 0;
        int owned = 0;
        int best0 = 0;
        for (int y = 0; y < g.gh(); y++) {
            for (int x = 0; x < g.gw(); x++) {
                int o = owners[g.cell(y, x)];
                assertTrue(o >= -1 && o < poses.size(), "owner " + o);
                if (g.isPerson(y, x)) {
                    person++;
                    owned += o >= 0 ? 1 : 0;
                    best0 += o == 0 ? 1 : 0;
                } else {
                    assertEquals(-1, o, "background cell (" + y + ", " + x + ")");
                }
            }
        }
        System.out.printf("messi5 person cells %d, owned %d, by the best pose %d%n", person, owned, best0);
        assertTrue(person > 40, "person cells " + person);
        assertTrue(owned >= 0.9 * person, owned + " of " + person);
        // Messi fills most of the person mask; the blurred crowd is small.
        assertTrue(best0 >= 0.5 * person, best0 + " of " + person);
    }

    /** Every confident keypoint of {@code upper} lies above (smaller y) every confident one of {@code lower}. */
    private static void assertAbove(Pose p, int[] upper, int[] lower) {
        for (int u : upper) {
            for (int l : lower) {
                Keypoint a = p.keypoint(u);
                Keypoint b = p.keypoint(l);
                if (a.score() > 0.3 && b.score() > 0.3) {
                    assertTrue(a.y() < b.y(), a + " should be above " + b);
                }
            }
        }
    }

    private static int confident(Pose p, int[] ids) {
        return (int) Arrays.stream(ids).filter(k -> p.keypoint(k).score() > 0.3).count();
    }

    private static BodyPixGrid run(BufferedImage photo, int w, int h) throws Exception {
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var gr = scaled.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        gr.drawImage(photo, 0, 0, w, h, null);
        gr.dispose();
        float[] input = new float[h * w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = scaled.getRGB(x, y);
                int i = (y * w + x) * 3;
                input[i] = ((rgb >> 16) & 255) / 127.5f - 1;
                input[i + 1] = ((rgb >> 8) & 255) / 127.5f - 1;
                input[i + 2] = (rgb & 255) / 127.5f - 1;
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(MODEL, options);
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, h, w, 3});
             OrtSession.Result out = session.run(Map.of("input", tensor))) {
            OnnxTensor seg = (OnnxTensor) out.get("segments").orElseThrow();
            long[] shape = seg.getInfo().getShape();
            return BodyPixGrid.of((int) shape[1], (int) shape[2], 16, floats(out, "segments"),
                    floats(out, "part_heatmaps"), floats(out, "heatmaps"), floats(out, "short_offsets"),
                    floats(out, "long_offsets"), floats(out, "displacement_fwd"), floats(out, "displacement_bwd"));
        }
    }

    private static float[] floats(OrtSession.Result out, String name) {
        FloatBuffer b = ((OnnxTensor) out.get(name).orElseThrow()).getFloatBuffer();
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    // ---- a hand-built grid with two people ----

    /** A standing person's keypoints relative to the nose, in input pixels: {x, y} in PoseNet order. */
    private static final float[][] SKELETON = {{0, 0}, {6, -6}, {-6, -6}, {14, -2}, {-14, -2}, {30, 40}, {-30, 40},
        {40, 85}, {-40, 85}, {45, 130}, {-45, 130}, {20, 140}, {-20, 140}, {22, 200}, {-22, 200}, {24, 260},
        {-24, 260}};
    private static final float[] NOSE_A = {100.4f, 30.6f};
    private static final float[] NOSE_B = {360.2f, 35.3f};
    private static final int GH = 21; // input 321 high
    private static final int GW = 31; // input 481 wide
    private static final int STRIDE = 16;
    private static final float MIDLINE_X = 230;

    @Test
    void twoPlantedPeopleAreDecodedWhereTheyStandAndSplitTheMask() {
        BodyPixGrid g = twoPeople();
        List<Pose> poses = PoseDecoder.decodeMultiple(g, 10, 0.25f, 20);
        assertEquals(2, poses.size(), poses.toString());
        int a = poses.get(0).keypoint(NOSE).x() < MIDLINE_X ? 0 : 1;
        int b = 1 - a;
        assertAt(poses.get(a), NOSE_A);
        assertAt(poses.get(b), NOSE_B);
        for (Pose p : poses) {
            assertEquals(sigmoid(4f), p.score(), 1e-4, "every keypoint found at its peak, none claimed twice");
        }

        int[] owners = InstanceAssigner.assign(g, poses, 0.3f, 10);
        int left = 0;
        int right = 0;
        for (int y = 0; y < GH; y++) {
            for (int x = 0; x < GW; x++) {
                int o = owners[g.cell(y, x)];
                if (!g.isPerson(y, x)) {
                    assertEquals(-1, o);
                } else if (x * STRIDE < MIDLINE_X) {
                    assertEquals(a, o, "left cell (" + y + ", " + x + ")");
                    left++;
                } else {
                    assertEquals(b, o, "right cell (" + y + ", " + x + ")");
                    right++;
                }
            }
        }
        assertTrue(left > 50 && right > 50, left + " / " + right);
        // Matching on the face only (the CPU decoder's way) splits them the same.
        assertTrue(Arrays.equals(owners, InstanceAssigner.assign(g, poses, 0.3f, 10, 5)));
    }

    @Test
    void limitsAndEmptyCases() {
        BodyPixGrid g = twoPeople();
        assertEquals(1, PoseDecoder.decodeMultiple(g, 1, 0.25f, 20).size());
        // No root reaches the threshold: no pose, and then no cell has an owner.
        List<Pose> none = PoseDecoder.decodeMultiple(g, 10, 0.99f, 20);
        assertTrue(none.isEmpty());
        assertTrue(Arrays.stream(InstanceAssigner.assign(g, none, 0.3f, 10)).allMatch(o -> o == -1));
        // An NMS radius wider than the people are apart makes the second a duplicate of the first.
        assertEquals(1, PoseDecoder.decodeMultiple(g, 10, 0.25f, 400).size());
    }

    private static void assertAt(Pose p, float[] nose) {
        for (int k = 0; k < BodyPixGrid.KEYPOINTS; k++) {
            Keypoint kp = p.keypoint(k);
            assertEquals(BodyParts.KEYPOINTS.get(k), kp.name());
            assertEquals(nose[0] + SKELETON[k][0], kp.x(), 1.0, kp.toString());
            assertEquals(nose[1] + SKELETON[k][1], kp.y(), 1.0, kp.toString());
        }
    }

    private static float[] keypoint(float[] nose, int k) {
        return new float[] {nose[0] + SKELETON[k][0], nose[1] + SKELETON[k][1]};
    }

    /**
     * Heatmap peaks (logit 4) at each keypoint's nearest cell; every field elsewhere points at the keypoints of the
     * person on the cell's side of the midline, as a trained network's fields do near that person.
     */
    private static BodyPixGrid twoPeople() {
        int cells = GH * GW;
        int k = BodyPixGrid.KEYPOINTS;
        int e = BodyPixGrid.EDGES;
        float[] seg = new float[cells];
        float[] parts = new float[cells * BodyPixGrid.PARTS];
        float[] heat = new float[cells * k];
        float[] shortOff = new float[cells * 2 * k];
        float[] longOff = new float[cells * 2 * k];
        float[] fwd = new float[cells * 2 * e];
        float[] bwd = new float[cells * 2 * e];
        Arrays.fill(heat, -8f);
        Arrays.fill(seg, -6f);
        for (float[] nose : new float[][] {NOSE_A, NOSE_B}) {
            for (int id = 0; id < k; id++) {
                float[] p = keypoint(nose, id);
                heat[(Math.round(p[1] / STRIDE) * GW + Math.round(p[0] / STRIDE)) * k + id] = 4f;
            }
        }
        for (int y = 0; y < GH; y++) {
            for (int x = 0; x < GW; x++) {
                int c = y * GW + x;
                float[] nose = x * STRIDE < MIDLINE_X ? NOSE_A : NOSE_B;
                for (int id = 0; id < k; id++) {
                    float[] p = keypoint(nose, id);
                    shortOff[c * 2 * k + id] = p[1] - y * STRIDE;
                    shortOff[c * 2 * k + k + id] = p[0] - x * STRIDE;
                    longOff[c * 2 * k + id] = p[1] - y * STRIDE;
                    longOff[c * 2 * k + k + id] = p[0] - x * STRIDE;
                }
                for (int edge = 0; edge < e; edge++) {
                    float[] parent = keypoint(nose, PoseChain.PARENT[edge]);
                    float[] child = keypoint(nose, PoseChain.CHILD[edge]);
                    fwd[c * 2 * e + edge] = child[1] - parent[1];
                    fwd[c * 2 * e + e + edge] = child[0] - parent[0];
                    bwd[c * 2 * e + edge] = parent[1] - child[1];
                    bwd[c * 2 * e + e + edge] = parent[0] - child[0];
                }
                // The person's box: 20 px around its keypoints.
                float px = x * STRIDE - nose[0];
                float py = y * STRIDE - nose[1];
                if (px >= -65 && px <= 65 && py >= -26 && py <= 280) {
                    seg[c] = 6f;
                }
            }
        }
        return BodyPixGrid.of(GH, GW, STRIDE, seg, parts, heat, shortOff, longOff, fwd, bwd);
    }

    private static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }
}
