package io.visionstream.model.detect;

import io.visionstream.model.MemoryPolicy;
import io.visionstream.model.ModelOptions;
import io.visionstream.model.ModelSpec;

/**
 * How a detector slices a frame larger than one run (registry {@code options}, README "Huge frames").
 *
 * @param sliceSide       the finest slices' side in frame pixels; 0 = chosen from the frame and the model input
 * @param overlap         share of a slice its neighbours also cover (objects up to this share are whole in one)
 * @param maxRuns         model runs per frame at most (overview and every slice); slices grow to fit
 * @param minObjectPixels the smallest object side, in frame pixels, that must stay visible: policy {@code auto}
 *                        slices only a frame where one run would shrink such an object below visiblePixels
 * @param visiblePixels   the smallest object side, in model-input pixels, the model still finds
 */
public record SliceSettings(int sliceSide, double overlap, int maxRuns, int minObjectPixels, int visiblePixels) {
    public static final double DEFAULT_OVERLAP = 0.25;
    public static final int DEFAULT_MIN_OBJECT_PIXELS = 80;
    public static final int DEFAULT_VISIBLE_PIXELS = 16;

    public SliceSettings {
        if (overlap < 0 || overlap > 0.5) {
            throw new IllegalArgumentException("slice overlap must be within 0..0.5, got " + overlap);
        }
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be at least 1, got " + maxRuns);
        }
    }

    /** The entry's slicing options; {@code maxRuns} defaults to the job's {@code tile.max-runs}. */
    public static SliceSettings of(ModelSpec spec, int jobMaxRuns) {
        ModelOptions o = spec.options();
        int side = o.has("sliceSide") ? o.positiveInt("sliceSide", 1) : 0;
        double overlap = o.number("sliceOverlap", DEFAULT_OVERLAP);
        int maxRuns = o.positiveInt("maxRuns", jobMaxRuns);
        int minObject = o.has("minObjectPixels") ? o.positiveInt("minObjectPixels", 1) : DEFAULT_MIN_OBJECT_PIXELS;
        int visible = o.positiveInt("visiblePixels", DEFAULT_VISIBLE_PIXELS);
        try {
            return new SliceSettings(side, overlap, maxRuns, minObject, visible);
        } catch (IllegalArgumentException e) {
            throw o.fail("sliceOverlap", e.getMessage()); // maxRuns is positive already: only the overlap is left
        }
    }

    /**
     * Whether a w×h frame is sliced: under {@code tile} whenever it is above maxSide; under {@code auto} where
     * one run at {@code runScale} (model input per frame pixel) would shrink a minObjectPixels object below
     * visiblePixels.
     */
    public boolean slices(MemoryPolicy policy, int w, int h, int maxSide, double runScale) {
        if (Math.max(w, h) <= maxSide) {
            return false;
        }
        return switch (policy) {
            case TILE -> true;
            case AUTO -> minObjectPixels * runScale < visiblePixels;
            default -> false;
        };
    }
}
