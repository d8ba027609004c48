package io.visionstream.job;

import io.visionstream.io.ImageRecord;
import io.visionstream.model.InputProfile;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.Prepared;
import io.visionstream.model.StepTimes;

/**
 * A record decoded and prepared for its model, waiting for its run: what it holds in memory while it waits is
 * {@code bytes} (its decoded image at 4 bytes a pixel at most and its input tensor).
 */
record PendingRecord(ImageRecord in, ModelHandler handler, InputProfile profile, Prepared prepared, StepTimes times,
                     long bytes) {

    String model() {
        return in.model;
    }
}
