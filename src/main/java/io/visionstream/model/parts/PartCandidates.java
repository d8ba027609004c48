package io.visionstream.model.parts;

import java.util.Arrays;

/**
 * Root candidates for multi-person decoding (build_part_with_score_queue.ts): every cell whose keypoint probability
 * reaches the threshold and is not beaten within a (2r+1)² window of the same keypoint, all keypoints in one list,
 * best first. A sorted array replaces the reference's max-heap: the decoder only ever pops the best, and the list
 * is bounded by gh·gw·17.
 */
final class PartCandidates {
    /** build_part_with_score_queue's caller (decode_multiple_poses.ts kLocalMaximumRadius). */
    static final int LOCAL_MAXIMUM_RADIUS = 1;

    private final float[] scoreOf;
    private final int[] order;

    private PartCandidates(float[] scoreOf, int[] order) {
        this.scoreOf = scoreOf;
        this.order = order;
    }

    /** Candidate i, best first, as an index into the flattened [gh, gw, 17] score array. */
    int at(int i) {
        return order[i];
    }

    float score(int i) {
        return scoreOf[order[i]];
    }

    int size() {
        return order.length;
    }

    static PartCandidates of(float[] scores, int gh, int gw, float threshold, int radius) {
        int k = BodyPixGrid.KEYPOINTS;
        int[] found = new int[scores.length];
        int n = 0;
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                for (int id = 0; id < k; id++) {
                    int i = (y * gw + x) * k + id;
                    if (scores[i] >= threshold && isLocalMaximum(scores, gh, gw, y, x, id, radius)) {
                        found[n++] = i;
                    }
                }
            }
        }
        // Sort by score descending; boxing is fine, local maxima are few.
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = found[i];
        }
        Arrays.sort(boxed, (a, b) -> Float.compare(scores[b], scores[a]));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
        return new PartCandidates(scores, order);
    }

    private static boolean isLocalMaximum(float[] scores, int gh, int gw, int y, int x, int id, int radius) {
        int k = BodyPixGrid.KEYPOINTS;
        float s = scores[(y * gw + x) * k + id];
        for (int yy = Math.max(0, y - radius); yy < Math.min(gh, y + radius + 1); yy++) {
            for (int xx = Math.max(0, x - radius); xx < Math.min(gw, x + radius + 1); xx++) {
                if (scores[(yy * gw + xx) * k + id] > s) {
                    return false;
                }
            }
        }
        return true;
    }
}
