package io.visionstream.model.parts;

import io.visionstream.model.segment.MaskBuffer;
import io.visionstream.result.MaskImage;
import io.visionstream.result.TaskResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Paints BodyPix's 24-part label map at the image's full size in one pass, from the logits upsampled bilinearly
 * (the labels would be blocky at 1/16 of the input): a pixel is a person where the upsampled person logit gives a
 * probability at or above the threshold, and its part is the arg-max of the 24 upsampled part logits. Each person
 * pixel goes to the person of the nearest assigned grid cell, so every person's pixels and parts are counted in
 * the same pass. The mask lives in a reused buffer (0 background, k = part k−1).
 */
final class PartPainter {
    private final MaskBuffer masks = new MaskBuffer();

    /** The painted mask and, per part and per person, pixel counts and bounding boxes. */
    record Painted(MaskImage mask, List<TaskResult.Segment> segments, long[][] personParts, long[] personPixels,
                   int[][] personBoxes) { }

    Painted paint(BodyPixGrid g, int[] owners, int persons, int width, int height, int runWidth, int runHeight,
                  float threshold) {
        int parts = BodyParts.NAMES.size();
        MaskImage mask = masks.clear(width, height);
        byte[] data = mask.data();
        float logitThreshold = (float) Math.log(threshold / (1.0 - Math.min(0.999999, threshold)));
        int gw = g.gw();
        int gh = g.gh();
        float[] seg = g.segments();
        float[] logits = g.partLogits();
        long[] partPixels = new long[parts];
        int[][] partBoxes = boxes(parts);
        long[][] personParts = new long[persons][parts];
        long[] personPixels = new long[persons];
        int[][] personBoxes = boxes(persons);
        // Grid cell k sits at input pixel 16k; image pixel centres mapped to grid coordinates once per column.
        int[] x0 = new int[width];
        float[] fx = new float[width];
        for (int x = 0; x < width; x++) {
            double gx = clamp(((x + 0.5) * runWidth / width - 0.5) / BodyPartsHandler.STRIDE, gw - 1);
            x0[x] = Math.min(gw - 2 < 0 ? 0 : gw - 2, (int) Math.floor(gx));
            fx[x] = (float) (gx - x0[x]);
        }
        for (int y = 0; y < height; y++) {
            double gy = clamp(((y + 0.5) * runHeight / height - 0.5) / BodyPartsHandler.STRIDE, gh - 1);
            int y0 = Math.min(gh - 2 < 0 ? 0 : gh - 2, (int) Math.floor(gy));
            int y1 = Math.min(gh - 1, y0 + 1);
            float fy = (float) (gy - y0);
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int xa = x0[x];
                int xb = Math.min(gw - 1, xa + 1);
                float ax = fx[x];
                float w00 = (1 - ax) * (1 - fy);
                float w01 = ax * (1 - fy);
                float w10 = (1 - ax) * fy;
                float w11 = ax * fy;
                int c00 = y0 * gw + xa;
                int c01 = y0 * gw + xb;
                int c10 = y1 * gw + xa;
                int c11 = y1 * gw + xb;
                float s = seg[c00] * w00 + seg[c01] * w01 + seg[c10] * w10 + seg[c11] * w11;
                if (s < logitThreshold) {
                    continue;
                }
                int part = 0;
                float top = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < parts; k++) {
                    float v = logits[c00 * parts + k] * w00 + logits[c01 * parts + k] * w01
                            + logits[c10 * parts + k] * w10 + logits[c11 * parts + k] * w11;
                    if (v > top) {
                        top = v;
                        part = k;
                    }
                }
                data[row + x] = (byte) (part + 1);
                partPixels[part]++;
                grow(partBoxes[part], x, y);
                int owner = owner(owners, c00, w00, c01, w01, c10, w10, c11, w11);
                if (owner >= 0 && owner < persons) {
                    personParts[owner][part]++;
                    personPixels[owner]++;
                    grow(personBoxes[owner], x, y);
                }
            }
        }
        List<TaskResult.Segment> segments = new ArrayList<>();
        long imagePixels = (long) width * height;
        for (int k = 0; k < parts; k++) {
            if (partPixels[k] > 0) {
                segments.add(new TaskResult.Segment(k, BodyParts.NAMES.get(k), (double) partPixels[k] / imagePixels,
                        partBoxes[k]));
            }
        }
        return new Painted(mask, segments, personParts, personPixels, personBoxes);
    }

    /** The person of the neighbouring cell with the largest weight among those given to a person; −1 if none. */
    private static int owner(int[] owners, int c00, float w00, int c01, float w01, int c10, float w10, int c11,
                             float w11) {
        int best = -1;
        float bestW = -1f;
        // unrolled over the four neighbours: this runs for every person pixel of the image
        if (owners[c00] >= 0 && w00 > bestW) {
            best = owners[c00];
            bestW = w00;
        }
        if (owners[c01] >= 0 && w01 > bestW) {
            best = owners[c01];
            bestW = w01;
        }
        if (owners[c10] >= 0 && w10 > bestW) {
            best = owners[c10];
            bestW = w10;
        }
        if (owners[c11] >= 0 && w11 > bestW) {
            best = owners[c11];
        }
        return best;
    }

    private static int[][] boxes(int n) {
        int[][] b = new int[n][];
        for (int i = 0; i < n; i++) {
            b[i] = new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
        }
        return b;
    }

    private static void grow(int[] b, int x, int y) {
        b[0] = Math.min(b[0], x);
        b[1] = Math.min(b[1], y);
        b[2] = Math.max(b[2], x + 1);
        b[3] = Math.max(b[3], y + 1);
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
