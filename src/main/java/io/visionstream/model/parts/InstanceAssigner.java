package io.visionstream.model.parts;

import java.util.List;

/**
 * Gives each person cell of the grid to a pose, as BodyPix 2's instance masks do (TensorFlow.js tfjs-models,
 * Apache-2.0: body-pix/src/multi_person/decode_multiple_masks_cpu.ts, decode_multiple_masks_webgl.ts,
 * decode_instance_masks.ts). A person cell's long offsets point at the keypoints of the person it belongs to; where
 * the vectors are long they are rough, so the landing point is moved again by the long offsets read there, a few
 * times (each step lands closer to the keypoint, where the offsets are short and accurate). The cell goes to the
 * pose whose confident keypoints are nearest, on average, to where its offsets led.
 *
 * <p>Work is at grid resolution: cell (y, x) is input pixel (16y, 16x), and the caller spreads the labels over the
 * image. By default all 17 keypoints are matched with the given minimum keypoint score, as the WebGL decoder (the
 * one that takes minKeypointScore) does; the CPU decoder matches the first 5 (the face) only.
 */
public final class InstanceAssigner {
    /** decode_multiple_masks_cpu.ts numKptForMatching: the face keypoints. */
    public static final int CPU_KEYPOINTS_FOR_MATCHING = 5;

    private InstanceAssigner() {
    }

    /** Per cell (row-major, gh·gw) the index of its pose in {@code poses}, or −1 for background or no pose. */
    public static int[] assign(BodyPixGrid g, List<Pose> poses, float minKeypointScore, int refineSteps) {
        return assign(g, poses, minKeypointScore, refineSteps, BodyPixGrid.KEYPOINTS);
    }

    /** As {@link #assign(BodyPixGrid, List, float, int)}, matching only the first {@code keypoints} keypoints. */
    public static int[] assign(BodyPixGrid g, List<Pose> poses, float minKeypointScore, int refineSteps,
                               int keypoints) {
        int n = Math.max(1, Math.min(BodyPixGrid.KEYPOINTS, keypoints));
        int[] owner = new int[g.gh() * g.gw()];
        java.util.Arrays.fill(owner, -1);
        if (poses.isEmpty()) {
            return owner;
        }
        float[][] py = new float[poses.size()][n];
        float[][] px = new float[poses.size()][n];
        boolean[][] use = new boolean[poses.size()][n];
        for (int i = 0; i < poses.size(); i++) {
            for (int k = 0; k < n; k++) {
                Keypoint kp = poses.get(i).keypoint(k);
                py[i][k] = kp.y();
                px[i][k] = kp.x();
                use[i][k] = kp.score() > minKeypointScore;
            }
        }
        float[] ey = new float[n];
        float[] ex = new float[n];
        for (int y = 0; y < g.gh(); y++) {
            for (int x = 0; x < g.gw(); x++) {
                if (!g.isPerson(y, x)) {
                    continue;
                }
                for (int k = 0; k < n; k++) {
                    embed(g, y, x, k, refineSteps, ey, ex);
                }
                owner[g.cell(y, x)] = nearest(py, px, use, ey, ex);
            }
        }
        return owner;
    }

    /** Where cell (y, x)'s long offsets lead for keypoint k, refined (getEmbedding in the CPU decoder). */
    private static void embed(BodyPixGrid g, int y, int x, int k, int refineSteps, float[] ey, float[] ex) {
        float maxY = g.inputHeight() - 1;
        float maxX = g.inputWidth() - 1;
        float fy = y * g.stride() + g.longY(y, x, k);
        float fx = x * g.stride() + g.longX(y, x, k);
        for (int t = 0; t < refineSteps; t++) {
            // The reference clamps the upper side only; a negative index would read outside the tensor.
            fy = Math.max(0, Math.min(fy, maxY));
            fx = Math.max(0, Math.min(fx, maxX));
            int cy = g.rowNear(fy);
            int cx = g.colNear(fx);
            fy += g.longY(cy, cx, k);
            fx += g.longX(cy, cx, k);
        }
        ey[k] = fy;
        ex[k] = fx;
    }

    /** The pose with the least mean squared distance over its confident keypoints; −1 if none has one. */
    private static int nearest(float[][] py, float[][] px, boolean[][] use, float[] ey, float[] ex) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < py.length; i++) {
            double sum = 0;
            int count = 0;
            for (int k = 0; k < ey.length; k++) {
                if (use[i][k]) {
                    double dy = ey[k] - py[i][k];
                    double dx = ex[k] - px[i][k];
                    sum += dy * dy + dx * dx;
                    count++;
                }
            }
            if (count > 0 && sum / count < bestDistance) {
                bestDistance = sum / count;
                best = i;
            }
        }
        return best;
    }
}
