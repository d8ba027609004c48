package io.visionstream.model;

import io.visionstream.TestImages;
import io.visionstream.guard.HeaderSniffer;
import io.visionstream.image.ImageDecoder;
import io.visionstream.image.ResizePlan;
import io.visionstream.runtime.RuntimeOptions;
import java.awt.image.BufferedImage;

/** Opens registry models for tests and runs one image through pre-process, run and post-process. */
public final class Handlers {
    public static final ModelRegistry BUNDLED = ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION);
    public static final ModelRegistry FIXTURES = ModelRegistry.load("src/test/resources/fixtures/models.yaml");

    private Handlers() {
    }

    public static ModelHandler open(ModelRegistry registry, String name) throws Exception {
        return ModelHandlers.open(registry.get(name), RuntimeOptions.defaults(), 1);
    }

    public static TaskResult infer(ModelHandler h, BufferedImage image) throws Exception {
        ResizePlan plan = h.preprocess(image);
        return h.postprocess(h.run(), plan, image);
    }

    public static BufferedImage sample(String name) throws Exception {
        byte[] bytes = TestImages.sample(name);
        return ImageDecoder.decode(bytes, HeaderSniffer.sniff(bytes));
    }
}
