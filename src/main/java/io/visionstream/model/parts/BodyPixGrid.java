package io.visionstream.model.parts;

/**
 * One BodyPix 2 run's output grid, each tensor flattened in the model's NHWC order ({@code [gh, gw, C]}, batch
 * dropped). Cell (y, x) sits at input pixel (y·stride, x·stride). Person and part values are logits as the network
 * gives them; the keypoint heatmaps are logits too, {@link #heat} turns them into the probabilities that BodyPix's
 * decoders work with (base_model.ts applies the sigmoid before decoding). Offsets and displacements are in input
 * pixels, all y values of a cell first, then all x values.
 */
public record BodyPixGrid(int gh, int gw, int stride, float[] segments, float[] partLogits, float[] heatmaps,
                          float[] shortOffsets, float[] longOffsets, float[] displacementFwd,
                          float[] displacementBwd) {
    public static final int KEYPOINTS = 17;
    public static final int PARTS = 24;
    /** Edges of the pose chain: one fewer than the keypoints, the skeleton is a tree. */
    public static final int EDGES = KEYPOINTS - 1;

    public BodyPixGrid {
        if (gh < 1 || gw < 1 || stride < 1) {
            throw new IllegalArgumentException("grid " + gh + "x" + gw + " stride " + stride);
        }
        int cells = gh * gw;
        check("segments", segments, cells);
        check("part_heatmaps", partLogits, cells * PARTS);
        check("heatmaps", heatmaps, cells * KEYPOINTS);
        check("short_offsets", shortOffsets, cells * 2 * KEYPOINTS);
        check("long_offsets", longOffsets, cells * 2 * KEYPOINTS);
        check("displacement_fwd", displacementFwd, cells * 2 * EDGES);
        check("displacement_bwd", displacementBwd, cells * 2 * EDGES);
    }

    /** From arrays the caller copied out of the output tensors (kept, not copied). */
    public static BodyPixGrid of(int gh, int gw, int stride, float[] segments, float[] partLogits, float[] heatmaps,
                                 float[] shortOffsets, float[] longOffsets, float[] fwd, float[] bwd) {
        return new BodyPixGrid(gh, gw, stride, segments, partLogits, heatmaps, shortOffsets, longOffsets, fwd, bwd);
    }

    private static void check(String name, float[] a, int expected) {
        if (a == null || a.length != expected) {
            throw new IllegalArgumentException(name + ": " + (a == null ? "missing" : a.length + " values")
                    + ", expected " + expected);
        }
    }

    /** The input height the grid covers: the grid's corners are input pixels 0 and (gh−1)·stride. */
    public int inputHeight() {
        return (gh - 1) * stride + 1;
    }

    public int inputWidth() {
        return (gw - 1) * stride + 1;
    }

    public int cell(int y, int x) {
        return y * gw + x;
    }

    public boolean isPerson(int y, int x) {
        return segments[cell(y, x)] >= 0f;   // sigmoid(logit) ≥ 0.5
    }

    /** Probability of keypoint k at cell (y, x). */
    public float heat(int y, int x, int k) {
        return sigmoid(heatmaps[cell(y, x) * KEYPOINTS + k]);
    }

    /** All keypoint probabilities at once, for decoders that read each many times. */
    public float[] heatScores() {
        float[] s = new float[heatmaps.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = sigmoid(heatmaps[i]);
        }
        return s;
    }

    /** Short-range offset of keypoint k at (y, x): {dy, dx} from the cell to the keypoint. */
    public float[] offset(int y, int x, int k) {
        return pair(shortOffsets, y, x, k, KEYPOINTS);
    }

    /** Long-range offset of keypoint k at (y, x): {dy, dx} from this pixel of a person to that person's keypoint. */
    public float[] longOffset(int y, int x, int k) {
        return pair(longOffsets, y, x, k, KEYPOINTS);
    }

    /** Displacement along pose-chain edge e at (y, x), forward (parent to child) or backward: {dy, dx}. */
    public float[] displacement(boolean forward, int y, int x, int e) {
        return pair(forward ? displacementFwd : displacementBwd, y, x, e, EDGES);
    }

    float shortY(int y, int x, int k) {
        return shortOffsets[cell(y, x) * 2 * KEYPOINTS + k];
    }

    float shortX(int y, int x, int k) {
        return shortOffsets[cell(y, x) * 2 * KEYPOINTS + KEYPOINTS + k];
    }

    float longY(int y, int x, int k) {
        return longOffsets[cell(y, x) * 2 * KEYPOINTS + k];
    }

    float longX(int y, int x, int k) {
        return longOffsets[cell(y, x) * 2 * KEYPOINTS + KEYPOINTS + k];
    }

    private float[] pair(float[] a, int y, int x, int k, int channels) {
        int base = cell(y, x) * 2 * channels;
        return new float[] {a[base + k], a[base + channels + k]};
    }

    /** The grid row nearest input y, clamped onto the grid (decode_pose.ts getStridedIndexNearPoint). */
    int rowNear(float y) {
        return clamp(Math.round(y / stride), gh - 1);
    }

    int colNear(float x) {
        return clamp(Math.round(x / stride), gw - 1);
    }

    private static int clamp(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }
}
