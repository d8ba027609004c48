package io.visionstream.model;

import io.visionstream.model.detect.Detection;
import java.util.List;

/** What a model found in one image, before it is written as JSON or rendered. One variant per task. */
public sealed interface TaskResult {

    Task task();

    record Detections(List<Detection> detections) implements TaskResult {
        @Override
        public Task task() {
            return Task.DETECT;
        }
    }
}
