package io.visionstream.model.cascade;

import io.visionstream.model.ModelOptions;
import io.visionstream.model.ModelSpec;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A registry entry's {@code cascade:} section: which detector runs first, which model then runs on the crops of
 * its detections, which detections qualify, and the bounds on crops per frame and pixels per crop. Kept in the
 * entry's options (so a cascade travels as an ordinary {@link ModelSpec}) and read back here.
 *
 * @param labels        detections of these labels are cropped; empty = every label
 * @param minScore      detections below this score are not cropped
 * @param pad           margin added on every side, as a share of the box's width and height
 * @param maxCrops      crops per frame at most, the highest-scoring first; the rest are listed as not run
 * @param maxCropPixels a larger crop is scaled down to this many pixels before the second model sees it
 * @param minCropSide   a crop narrower or lower than this (in frame pixels) fails instead of being run
 * @param readOnce      follow each stream's objects and read each once (again only on a clearly better view, see
 *                      {@link ReadMemory}), reusing that read on its other frames
 */
public record CascadeSettings(String first, String then, List<String> labels, float minScore, float pad, int maxCrops,
                              long maxCropPixels, int minCropSide, boolean readOnce) implements Serializable {
    public static final String FAMILY = "cascade";
    public static final int DEFAULT_MAX_CROPS = 16;
    public static final long DEFAULT_MAX_CROP_PIXELS = 2_000_000;
    public static final float DEFAULT_PAD = 0.1f;
    public static final int DEFAULT_MIN_CROP_SIDE = 8;

    public CascadeSettings {
        labels = List.copyOf(labels);
    }

    public static boolean isCascade(ModelSpec spec) {
        return FAMILY.equals(spec.family());
    }

    public static CascadeSettings of(ModelSpec spec) {
        ModelOptions o = spec.options();
        String labels = o.string("cascade.labels", "");
        return new CascadeSettings(o.string("cascade.first", null), o.string("cascade.then", null),
                labels.isEmpty() ? List.of() : Arrays.asList(labels.split("\n")),
                (float) o.number("cascade.minScore", 0), (float) o.number("cascade.pad", DEFAULT_PAD),
                o.positiveInt("cascade.maxCrops", DEFAULT_MAX_CROPS),
                (long) o.number("cascade.maxCropPixels", DEFAULT_MAX_CROP_PIXELS),
                o.positiveInt("cascade.minCropSide", DEFAULT_MIN_CROP_SIDE),
                Boolean.parseBoolean(o.string("cascade.readOnce", "false")));
    }

    /**
     * This cascade as a registry spec named {@code name} over {@code firstSpec} (its input, labels and thresholds),
     * the settings kept in its options; {@code location}: the registry it came from, for messages.
     */
    public ModelSpec toSpec(String name, ModelSpec firstSpec, String location) {
        java.util.Map<String, String> o = new java.util.LinkedHashMap<>();
        o.put("cascade.first", first);
        o.put("cascade.then", then);
        if (!labels.isEmpty()) {
            o.put("cascade.labels", String.join("\n", labels));
        }
        o.put("cascade.minScore", String.valueOf(minScore));
        o.put("cascade.pad", String.valueOf(pad));
        o.put("cascade.maxCrops", String.valueOf(maxCrops));
        o.put("cascade.maxCropPixels", String.valueOf(maxCropPixels));
        o.put("cascade.minCropSide", String.valueOf(minCropSide));
        o.put("cascade.readOnce", String.valueOf(readOnce));
        return new ModelSpec(name, firstSpec.source(), firstSpec.task(), FAMILY, firstSpec.input(), firstSpec.labels(),
                firstSpec.thresholds(), new ModelOptions(name, location, o), firstSpec.maxSide(),
                firstSpec.profiles());
    }

    public boolean wants(String label) {
        return labels.isEmpty() || labels.contains(label);
    }
}
