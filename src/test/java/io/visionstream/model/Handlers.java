package io.visionstream.model;

import io.visionstream.serving.ModelHandlers;

import io.visionstream.result.TaskResult;
import io.visionstream.TestImages;
import io.visionstream.guard.HeaderSniffer;
import io.visionstream.codec.ImageDecoder;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.runtime.SlotContext;
import java.awt.image.BufferedImage;

/** Opens registry models for tests and runs one image through pre-process, run and post-process. */
public final class Handlers {
    public static final ModelRegistry BUNDLED = ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION);
    public static final ModelRegistry FIXTURES = ModelRegistry.load("src/test/resources/fixtures/models.yaml");

    private Handlers() {
    }

    public static ModelHandler open(ModelRegistry registry, String name) throws Exception {
        return ModelHandlers.open(registry.get(name), SlotContext.defaults().withMaxOutputBytes(64 << 20));
    }

    public static TaskResult infer(ModelHandler h, BufferedImage image) throws Exception {
        ResizePlan plan = h.preprocess(image);
        return h.postprocess(h.run(), plan, image);
    }

    /** The PNG of an image-to-image result, decoded. */
    public static BufferedImage image(TaskResult r) throws Exception {
        TaskResult.ImageOutput out = (TaskResult.ImageOutput) r;
        if (out.png() == null) {
            throw new AssertionError("no output image: " + out.error());
        }
        return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(out.png()));
    }

    public static BufferedImage sample(String name) throws Exception {
        byte[] bytes = TestImages.sample(name);
        return ImageDecoder.decode(bytes, HeaderSniffer.sniff(bytes));
    }
}
