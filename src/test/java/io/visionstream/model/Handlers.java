package io.visionstream.model;

import io.visionstream.serving.ModelHandlers;

import io.visionstream.result.TaskResult;
import io.visionstream.TestImages;
import io.visionstream.guard.HeaderSniffer;
import io.visionstream.codec.ImageDecoder;
import io.visionstream.preprocess.ResizePlan;
import io.visionstream.runtime.SlotContext;
import java.awt.image.BufferedImage;

/** Opens registry models for tests and runs one image through prepare and infer. */
public final class Handlers {
    public static final ModelRegistry BUNDLED = ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION);
    public static final ModelRegistry FIXTURES = ModelRegistry.load("src/test/resources/fixtures/models.yaml");

    private Handlers() {
    }

    public static ModelHandler open(ModelRegistry registry, String name) throws Exception {
        return open(registry.get(name));
    }

    public static ModelHandler open(ModelSpec spec) throws Exception {
        return ModelHandlers.open(spec, SlotContext.defaults().withMaxOutputBytes(64 << 20));
    }

    public static TaskResult infer(ModelHandler h, BufferedImage image) throws Exception {
        return run(h, image, h.spec().defaultProfile()).result();
    }

    /** One image through prepare and infer at a profile: the result and how it was run. */
    public static Inference run(ModelHandler h, BufferedImage image, InputProfile profile) throws Exception {
        return h.infer(h.prepare(image, profile));
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

    /** A grey frame with a photo drawn at (x, y) at its own size: a small scene in a huge image. */
    public static BufferedImage framed(BufferedImage photo, int w, int h, int x, int y) {
        BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = frame.createGraphics();
        g.setColor(new java.awt.Color(114, 114, 114));
        g.fillRect(0, 0, w, h);
        g.drawImage(photo, x, y, null);
        g.dispose();
        return frame;
    }
}
