package io.visionstream.model;

import io.visionstream.result.Task;
import java.util.Locale;

/**
 * What a model does with an image larger than its largest input: run overlapping tiles at full resolution
 * ({@code tile}), scale it down ({@code downscale}), reject it as TOO_MANY_PIXELS ({@code reject}), or, for
 * detectors, tile only where one scaled-down run would lose objects of {@code minObjectPixels} ({@code auto}).
 * Registry: {@code options.memoryPolicy}; the default is tile for text, auto for detection, downscale otherwise.
 */
public enum MemoryPolicy {
    TILE, DOWNSCALE, REJECT, AUTO;

    public static MemoryPolicy of(ModelSpec spec) {
        String dflt = spec.task() == Task.TEXT ? "tile" : spec.task() == Task.DETECT ? "auto" : "downscale";
        String v = spec.options().string("memoryPolicy", dflt);
        try {
            return valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw spec.options().fail("memoryPolicy", "must be tile, downscale, reject or auto, got '" + v + "'");
        }
    }
}
