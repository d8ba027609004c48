package io.visionstream.model.parts;

/** STUB until the decoding lands. */
public record BodyPixGrid(int gh, int gw, int stride, float[] segments, float[] partLogits, float[] heatmaps,
                          float[] shortOffsets, float[] longOffsets, float[] displacementFwd, float[] displacementBwd) {
    public static BodyPixGrid of(int gh, int gw, int stride, float[] segments, float[] partLogits, float[] heatmaps,
                                 float[] shortOffsets, float[] longOffsets, float[] fwd, float[] bwd) {
        return new BodyPixGrid(gh, gw, stride, segments, partLogits, heatmaps, shortOffsets, longOffsets, fwd, bwd);
    }
}
