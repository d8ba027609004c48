package io.visionstream.render;

import io.visionstream.result.TaskResult;
import java.io.Serializable;

/**
 * Which results get an overlay. A camera at 25 frames/s does not need 25 pictures a second to be looked at,
 * and each one costs a render and an encode on the inference slot: {@code everyN} keeps frames whose number is
 * a multiple of n (the frame header, else the Kafka offset), so the choice is the same on every slot and after a
 * restart without any state; {@code onlyFound} keeps only results that found something.
 */
public record OverlaySampling(boolean enabled, long everyN, boolean onlyFound) implements Serializable {
    public boolean wants(long frame, TaskResult result) {
        return mayWant(frame) && (!onlyFound || found(result));
    }

    /** Before the result is known: whether this frame may get an overlay (then it is decoded large enough for one). */
    public boolean mayWant(long frame) {
        return enabled && Math.floorMod(frame, everyN) == 0;
    }

    private static boolean found(TaskResult result) {
        if (result instanceof TaskResult.Detections d) {
            return !d.detections().isEmpty();
        }
        if (result instanceof TaskResult.Texts t) {
            return !t.texts().isEmpty();
        }
        if (result instanceof TaskResult.Segments s) {
            return !s.segments().isEmpty();
        }
        return true;
    }
}
