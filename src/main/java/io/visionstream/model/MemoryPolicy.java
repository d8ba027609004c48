package io.visionstream.model;

import io.visionstream.result.Task;
import java.util.Locale;

/**
 * What a model does with an image larger than its largest input: run overlapping tiles at full resolution
 * ({@code tile}), scale it down ({@code downscale}), or reject it as TOO_MANY_PIXELS ({@code reject}).
 * Registry: {@code options.memoryPolicy}; the default is tile for text, downscale otherwise.
 */
public enum MemoryPolicy {
    TILE, DOWNSCALE, REJECT;

    public static MemoryPolicy of(ModelSpec spec) {
        String dflt = spec.task() == Task.TEXT ? "tile" : "downscale";
        String v = spec.options().string("memoryPolicy", dflt);
        try {
            return valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw spec.options().fail("memoryPolicy", "must be tile, downscale or reject, got '" + v + "'");
        }
    }
}
