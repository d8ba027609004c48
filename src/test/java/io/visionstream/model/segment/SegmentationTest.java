package io.visionstream.model.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.render.OverlayRenderer;
import io.visionstream.model.Handlers;
import io.visionstream.model.ModelHandler;
import io.visionstream.result.TaskResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SegmentationTest {
    @Test
    void selfieModelCoversThePersonInARealPhoto() throws Exception {
        try (ModelHandler h = Handlers.open(Handlers.BUNDLED, "selfie-person")) {
            BufferedImage photo = Handlers.sample("person.jpg"); // 640x424, a person standing left of centre
            TaskResult.Segments r = (TaskResult.Segments) Handlers.infer(h, photo);
            assertEquals(1, r.segments().size());
            TaskResult.Segment person = r.segments().get(0);
            assertEquals("person", person.label());
            assertTrue(person.coverage() > 0.03 && person.coverage() < 0.10, "coverage " + person.coverage());
            int[] b = person.box();
            assertTrue(b[0] > 170 && b[0] < 210 && b[2] > 250 && b[2] < 300, java.util.Arrays.toString(b));
            assertTrue(b[1] > 80 && b[1] < 130 && b[3] > 340, java.util.Arrays.toString(b));
            // the person's torso is masked, the horse's head is not
            assertEquals(1, r.mask().at(230, 200));
            assertEquals(0, r.mask().at(430, 300));

            byte[] png = io.visionstream.codec.PngEncoder.encode(r.mask().asImage());
            BufferedImage mask = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(640, mask.getWidth());
            assertEquals(424, mask.getHeight());
        }
    }

    @Test
    void aPageOfTextHasNoPerson() throws Exception {
        try (ModelHandler h = Handlers.open(Handlers.BUNDLED, "selfie-person")) {
            TaskResult.Segments r = (TaskResult.Segments) Handlers.infer(h, Handlers.sample("imageTextN.png"));
            assertTrue(r.segments().isEmpty(), r.segments().toString());
        }
    }

    @Test
    void yolov8SegPrototypeMasksAreCutToTheirBoxes() throws Exception {
        try (ModelHandler h = Handlers.open(Handlers.FIXTURES, "yolov8-seg-fixture")) {
            BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
            TaskResult.Segments r = (TaskResult.Segments) Handlers.infer(h, image);
            assertEquals(2, r.segments().size(), r.segments().toString());
            // A: box (220,190)-(420,290) in original pixels, prototype 0 keeps input x < 160 = original x < 320
            TaskResult.Segment a = r.segments().get(0);
            assertEquals("a", a.label());
            assertEquals(java.util.List.of(220, 190, 320, 290), java.util.List.of(a.box()[0], a.box()[1], a.box()[2], a.box()[3]));
            assertEquals(100.0 * 100 / (640 * 480), a.coverage(), 1e-4);
            // C: its whole box (120,360)-(200,440)
            TaskResult.Segment c = r.segments().get(1);
            assertEquals("c", c.label());
            assertEquals(java.util.List.of(120, 360, 200, 440), java.util.List.of(c.box()[0], c.box()[1], c.box()[2], c.box()[3]));
            assertEquals(1, r.mask().at(250, 240));   // class a = index 1
            assertEquals(0, r.mask().at(350, 240));   // right of the prototype's edge
            assertEquals(3, r.mask().at(150, 400));   // class c = index 3
        }
    }
}
