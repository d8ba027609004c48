package io.visionstream.model;

import io.visionstream.result.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every model family VisionStream can run, in one place: the registry's {@code family} name and the task it
 * serves. Which handler and decoder a family gets is one exhaustive switch over this enum
 * ({@code serving.ModelHandlers}), so a new family cannot be half-added.
 */
public enum Family {
    NANODET("nanodet", Task.DETECT),
    YOLO("yolo", Task.DETECT),
    YOLOV5("yolov5", Task.DETECT),
    YOLOV8("yolov8", Task.DETECT),
    YOLO_E2E("yolo-e2e", Task.DETECT),
    DBNET("dbnet", Task.TEXT),
    PROBABILITY("probability", Task.SEGMENT),
    YOLOV8_SEG("yolov8-seg", Task.SEGMENT),
    BODYPIX("bodypix", Task.SEGMENT),
    WAIFU2X("waifu2x", Task.IMAGE2IMAGE),
    MATTE("matte", Task.IMAGE2IMAGE),
    SOFTMAX("softmax", Task.CLASSIFY),
    PROBABILITIES("probabilities", Task.CLASSIFY);

    private final String wireName;
    private final Task task;

    Family(String wireName, Task task) {
        this.wireName = wireName;
        this.task = task;
    }

    public String wireName() {
        return wireName;
    }

    public Task task() {
        return task;
    }

    /** The family of a registry entry (the registry has checked that it exists for the entry's task). */
    public static Family of(ModelSpec spec) {
        return byName(spec.family());
    }

    public static Family byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Family f : values()) {
            if (f.wireName.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no model family '" + name + "'");
    }

    /** The family names a task accepts, for the registry's error messages. */
    public static List<String> namesFor(Task task) {
        List<String> names = new ArrayList<>();
        for (Family f : values()) {
            if (f.task == task) {
                names.add(f.wireName);
            }
        }
        return names;
    }
}
