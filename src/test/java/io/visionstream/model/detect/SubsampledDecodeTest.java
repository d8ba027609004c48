package io.visionstream.model.detect;

import io.visionstream.result.Detection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.guard.HeaderSniffer;
import io.visionstream.codec.ImageHeader;
import io.visionstream.codec.ImageDecoder;
import io.visionstream.model.Handlers;
import io.visionstream.model.ModelHandler;
import io.visionstream.result.TaskResult;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A camera frame decoded at a fraction of its size gives the detector's answer, in the original's pixels. */
class SubsampledDecodeTest {

    @Test
    void aFullHdFrameDecodedAtHalfSizeFindsTheSameObjectsInOriginalPixels() throws Exception {
        byte[] frame = fullHdJpeg();
        ImageHeader header = HeaderSniffer.sniff(frame);
        try (ModelHandler h = Handlers.open(Handlers.BUNDLED, "nanodet-coco")) {
            int f = h.decodeSubsampling(header.width(), header.height());
            assertEquals(2, f, "1920x1080 onto 416x416 needs no more than every 2nd pixel");
            List<Detection> full = detections(h, ImageDecoder.decode(frame, header, 1));
            BufferedImage small = ImageDecoder.decode(frame, header, f);
            assertEquals(960, small.getWidth());
            List<Detection> fromSmall = detections(h, small);
            assertEquals(labels(full), labels(fromSmall));
            for (int i = 0; i < full.size(); i++) {
                Detection a = full.get(i);
                Detection b = fromSmall.get(i);
                double tol = 0.02 * 1920;
                assertTrue(Math.abs(a.x1() - b.x1()) < tol && Math.abs(a.x2() - b.x2()) < tol
                        && Math.abs(a.y1() - b.y1()) < tol && Math.abs(a.y2() - b.y2()) < tol, a + " vs " + b);
            }
        }
    }

    @Test
    void imagesThatWillBeTiledAreDecodedWhole() throws Exception {
        try (ModelHandler h = Handlers.open(Handlers.BUNDLED, "ppocr")) {
            assertEquals(1, h.decodeSubsampling(1920, 1080), "text reads full-resolution pixels");
        }
    }

    private static List<Detection> detections(ModelHandler h, BufferedImage image) throws Exception {
        return ((TaskResult.Detections) Handlers.infer(h, image)).detections();
    }

    private static List<String> labels(List<Detection> d) {
        return d.stream().filter(x -> x.score() > 0.4).map(Detection::label).sorted().toList();
    }

    private static byte[] fullHdJpeg() throws Exception {
        BufferedImage dog = Handlers.sample("dog.jpg");
        BufferedImage big = new BufferedImage(1920, 1080, BufferedImage.TYPE_3BYTE_BGR);
        var g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(dog, 0, 0, 1920, 1080, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(big, "jpg", out);
        return out.toByteArray();
    }
}
