package io.visionstream.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.visionstream.TestImages;
import io.visionstream.codec.BgrPixels;
import io.visionstream.codec.ImageDecoder;
import io.visionstream.guard.HeaderSniffer;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass fill gives the model exactly the tensor the two-step path (Java2D bilinear draw, then pack) gave:
 * photos and noise, down- and upscaled, stretched, letterboxed and fitted to the height, whole images and tiles
 * cut at odd places, every layout and colour order.
 */
class OnePassFillTest {
    private static final InputLayout.Layout NCHW = InputLayout.Layout.NCHW;
    private static final InputLayout.Layout NHWC = InputLayout.Layout.NHWC;

    private static InputLayout layout(int w, int h, InputLayout.Layout l, InputLayout.ColourOrder c,
                                      InputLayout.ResizeMode r) {
        return new InputLayout("test", w, h, l, c, r, 1f / 255, new float[] {0.4f, 0.5f, 0.6f},
                new float[] {0.2f, 0.3f, 0.25f});
    }

    private static List<BufferedImage> images() throws Exception {
        List<BufferedImage> out = new ArrayList<>();
        for (String name : List.of("dog.jpg", "person.jpg")) {
            byte[] bytes = TestImages.sample(name);
            BufferedImage photo = ImageDecoder.decode(bytes, HeaderSniffer.sniff(bytes));
            out.add(photo);
            out.add(photo.getSubimage(37, 21, 301, 199)); // a tile at an odd place
        }
        Random rnd = new Random(3);
        for (int[] size : new int[][] {{1000, 37}, {13, 900}, {50, 40}, {1, 1}, {417, 416}}) {
            BufferedImage noise = new BufferedImage(size[0], size[1], BufferedImage.TYPE_3BYTE_BGR);
            rnd.nextBytes(((DataBufferByte) noise.getRaster().getDataBuffer()).getData());
            out.add(noise);
        }
        return out;
    }

    @Test
    void theOnePassTensorIsTheTwoStepTensor() throws Exception {
        List<InputLayout> layouts = List.of(
                layout(416, 416, NCHW, InputLayout.ColourOrder.BGR, InputLayout.ResizeMode.STRETCH),
                layout(640, 480, NCHW, InputLayout.ColourOrder.RGB, InputLayout.ResizeMode.LETTERBOX),
                layout(256, 256, NHWC, InputLayout.ColourOrder.RGB, InputLayout.ResizeMode.STRETCH),
                layout(320, 48, NCHW, InputLayout.ColourOrder.BGR, InputLayout.ResizeMode.FIT_HEIGHT));
        int compared = 0;
        for (BufferedImage image : images()) {
            BufferedImage bgr = image.getType() == BufferedImage.TYPE_3BYTE_BGR ? image : BgrPixels.of(image);
            for (InputLayout l : layouts) {
                InputCanvas onePass = new InputCanvas(l);
                InputCanvas twoStep = new InputCanvas(l).twoStep();
                assertEquals(twoStep.fill(bgr), onePass.fill(bgr));
                assertSame(twoStep.tensor(), onePass.tensor(), l + " " + bgr.getWidth() + "x" + bgr.getHeight());
                compared++;
            }
            // text-detector tiles: a translated, scaled region
            InputLayout det = layout(640, 640, NCHW, InputLayout.ColourOrder.BGR, InputLayout.ResizeMode.STRETCH);
            AffineTransform t = new AffineTransform(0.73, 0, 0, 0.73, -11, -7);
            InputCanvas onePass = new InputCanvas(det);
            InputCanvas twoStep = new InputCanvas(det).twoStep();
            onePass.fillTransformed(bgr, t, 320, 224, null);
            twoStep.fillTransformed(bgr, t, 320, 224, null);
            assertSame(twoStep.tensor(), onePass.tensor(), "tile of " + bgr.getWidth() + "x" + bgr.getHeight());
        }
        assertEquals(36, compared);
    }

    private static void assertSame(FloatBuffer expected, FloatBuffer actual, String what) {
        assertEquals(expected.remaining(), actual.remaining(), what);
        int differ = 0;
        for (int i = 0; i < expected.remaining(); i++) {
            if (Float.compare(expected.get(i), actual.get(i)) != 0) {
                differ++;
            }
        }
        assertEquals(0, differ, what + ": values that differ");
    }
}
