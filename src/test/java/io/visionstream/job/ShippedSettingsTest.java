package io.visionstream.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.result.MaskImage;
import io.visionstream.result.TaskResult;
import io.visionstream.serving.ServedModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the client resolves once and ships to every slot survives Java serialization, as Flink ships it. */
class ShippedSettingsTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void theInferenceSettingsOfARegistryOfFilesOnDiskAreShipped() throws Exception {
        JobConfig config = JobConfig.builder().set("registry", "src/test/resources/fixtures/models.yaml")
                .set("models.enabled", "yolov8-fixture,nanodet-tiled").build();
        ServedModels served = config.servedModels();
        assertTrue(served.get("yolov8-fixture").source().isFile(), "the fixture models are files on disk");
        InferenceSettings back = roundTrip(config.inferenceSettings(served));
        assertEquals(served.names(), back.served().names());
        assertEquals(served.get("yolov8-fixture").source().file(), back.served().get("yolov8-fixture").source().file());
        assertTrue(back.served().get("yolov8-fixture").source().exists());
        assertEquals(0, back.slotBudgetBytes(), "memory.slot-budget-mb 0 travels as 0: each TaskManager derives it");
    }

    @Test
    void aDetachedMaskIsNoLongerAViewOfTheReusedBuffer() {
        byte[] buffer = {0, 1, 1, 0};
        TaskResult.Segments view = new TaskResult.Segments(List.of(), new MaskImage(2, 2, buffer));
        TaskResult.Segments own = (TaskResult.Segments) view.detached();
        buffer[1] = 0; // the handler's next image reuses its buffer
        assertNotSame(view.mask().data(), own.mask().data());
        assertEquals(1, own.mask().at(1, 0));
    }
}
