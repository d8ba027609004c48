package io.visionstream.model.parts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Multi-person pose decoding as BodyPix 2 does it (TensorFlow.js tfjs-models, Apache-2.0: body-pix/src/multi_person/
 * decode_multiple_poses.ts, build_part_with_score_queue.ts, decode_pose.ts, util.ts, max_heap.ts; body-pix/src/
 * keypoints.ts). The best remaining local maximum of any keypoint becomes the root of a new pose unless an earlier
 * pose already has that keypoint within nmsRadius (part-based NMS); from the root the other keypoints are found by
 * following the displacement fields along the skeleton, each landing refined by the short offsets. A pose scores
 * the mean of its keypoint scores, counting zero for keypoints an earlier pose already claimed, so a duplicate of
 * an earlier person scores low.
 */
public final class PoseDecoder {
    /** decode_pose.ts traverseToTargetKeypoint's default offsetRefineStep. */
    static final int OFFSET_REFINE_STEPS = 2;

    private PoseDecoder() {
    }

    /**
     * Up to maxPoses poses, best score first. Roots need a keypoint probability ≥ scoreThreshold; a decoded pose
     * whose instance score is below scoreThreshold is dropped afterwards, as BodyPix's multi-person calls drop it
     * before the masks (decode_instance_masks.ts posesAboveScore), though it still counts for maxPoses and NMS as
     * in the reference. Coordinates are model-input pixels.
     */
    public static List<Pose> decodeMultiple(BodyPixGrid g, int maxPoses, float scoreThreshold, int nmsRadius) {
        float[] scores = g.heatScores();
        PartCandidates queue = PartCandidates.of(scores, g.gh(), g.gw(), scoreThreshold,
                PartCandidates.LOCAL_MAXIMUM_RADIUS);
        float nms2 = (float) nmsRadius * nmsRadius;
        List<Decoded> decoded = new ArrayList<>();
        int k = BodyPixGrid.KEYPOINTS;
        for (int c = 0; c < queue.size() && decoded.size() < maxPoses; c++) {
            int i = queue.at(c);
            int id = i % k;
            int cell = i / k;
            int y = cell / g.gw();
            int x = cell % g.gw();
            float ry = y * g.stride() + g.shortY(y, x, id);
            float rx = x * g.stride() + g.shortX(y, x, id);
            if (claimed(decoded, nms2, ry, rx, id)) {
                continue;
            }
            Decoded pose = decodePose(g, scores, id, ry, rx, queue.score(c));
            pose.score = instanceScore(decoded, nms2, pose);
            decoded.add(pose);
        }
        List<Pose> out = new ArrayList<>();
        for (Decoded d : decoded) {
            if (d.score >= scoreThreshold) {
                out.add(d.toPose());
            }
        }
        out.sort(Comparator.comparingDouble(Pose::score).reversed());
        return out;
    }

    /** A pose being decoded: keypoint positions and scores by PoseNet id; every keypoint is known once decoded. */
    private static final class Decoded {
        final float[] y = new float[BodyPixGrid.KEYPOINTS];
        final float[] x = new float[BodyPixGrid.KEYPOINTS];
        final float[] kpScore = new float[BodyPixGrid.KEYPOINTS];
        final boolean[] known = new boolean[BodyPixGrid.KEYPOINTS];
        float score;

        void set(int id, float py, float px, float s) {
            y[id] = py;
            x[id] = px;
            kpScore[id] = s;
            known[id] = true;
        }

        Pose toPose() {
            List<Keypoint> kps = new ArrayList<>(BodyPixGrid.KEYPOINTS);
            for (int id = 0; id < BodyPixGrid.KEYPOINTS; id++) {
                kps.add(new Keypoint(BodyParts.KEYPOINTS.get(id), x[id], y[id], kpScore[id]));
            }
            return new Pose(score, kps);
        }
    }

    private static boolean claimed(List<Decoded> poses, float nms2, float y, float x, int id) {
        for (Decoded p : poses) {
            float dy = p.y[id] - y;
            float dx = p.x[id] - x;
            if (dy * dy + dx * dx <= nms2) {
                return true;
            }
        }
        return false;
    }

    private static float instanceScore(List<Decoded> earlier, float nms2, Decoded pose) {
        float sum = 0;
        for (int id = 0; id < BodyPixGrid.KEYPOINTS; id++) {
            if (!claimed(earlier, nms2, pose.y[id], pose.x[id], id)) {
                sum += pose.kpScore[id];
            }
        }
        return sum / BodyPixGrid.KEYPOINTS;
    }

    /** Up the tree from the root along backward displacements, then down along forward ones (decode_pose.ts). */
    private static Decoded decodePose(BodyPixGrid g, float[] scores, int rootId, float ry, float rx, float rootScore) {
        Decoded p = new Decoded();
        p.set(rootId, ry, rx, rootScore);
        for (int e = BodyPixGrid.EDGES - 1; e >= 0; e--) {
            int source = PoseChain.CHILD[e];
            int target = PoseChain.PARENT[e];
            if (p.known[source] && !p.known[target]) {
                traverse(g, scores, e, p, source, target, g.displacementBwd());
            }
        }
        for (int e = 0; e < BodyPixGrid.EDGES; e++) {
            int source = PoseChain.PARENT[e];
            int target = PoseChain.CHILD[e];
            if (p.known[source] && !p.known[target]) {
                traverse(g, scores, e, p, source, target, g.displacementFwd());
            }
        }
        return p;
    }

    /**
     * Finds keypoint target from a known source: the displacement is read at the source's nearest cell, and the
     * landing point is snapped to the target's own estimate by re-reading the short offsets a few times, since the
     * displacement is coarse and the offsets are accurate near the keypoint.
     */
    private static void traverse(BodyPixGrid g, float[] scores, int edge, Decoded p, int source, int target,
                                 float[] displacements) {
        int stride = g.stride();
        int sy = g.rowNear(p.y[source]);
        int sx = g.colNear(p.x[source]);
        int base = g.cell(sy, sx) * 2 * BodyPixGrid.EDGES;
        float ty = p.y[source] + displacements[base + edge];
        float tx = p.x[source] + displacements[base + BodyPixGrid.EDGES + edge];
        for (int i = 0; i < OFFSET_REFINE_STEPS; i++) {
            int cy = g.rowNear(ty);
            int cx = g.colNear(tx);
            ty = cy * stride + g.shortY(cy, cx, target);
            tx = cx * stride + g.shortX(cy, cx, target);
        }
        int cy = g.rowNear(ty);
        int cx = g.colNear(tx);
        p.set(target, ty, tx, scores[g.cell(cy, cx) * BodyPixGrid.KEYPOINTS + target]);
    }
}
