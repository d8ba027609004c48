package io.visionstream.model.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.model.Handlers;
import io.visionstream.model.Inference;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.cascade.CascadeHandler;
import io.visionstream.model.cascade.CascadeSettings;
import io.visionstream.result.Person;
import io.visionstream.result.Stage;
import io.visionstream.result.TaskResult;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BodyPix on real photos: people with their parts where a body has them, keypoints in original pixels. */
class BodyPartsHandlerTest {
    private static ModelHandler parts;
    private static ModelHandler nanodet;

    @BeforeAll
    static void open() throws Exception {
        parts = Handlers.open(Handlers.BUNDLED, "bodypix-parts");
        nanodet = Handlers.open(Handlers.BUNDLED, "nanodet-coco");
    }

    @AfterAll
    static void close() throws Exception {
        parts.close();
        nanodet.close();
    }

    private static Person.Keypoint kp(Person p, String name) {
        return p.keypoints().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    /** The person of messi5.jpg in front: a face above the torso, keypoints inside the box, 17 of them in order. */
    @Test
    void parsesThePlayerOnMessi() throws Exception {
        BufferedImage image = Handlers.sample("messi5.jpg");
        Inference inf = Handlers.run(parts, image, parts.spec().defaultProfile());
        TaskResult.Segments r = (TaskResult.Segments) inf.result();
        assertEquals(1, inf.runs());
        assertEquals(0, (inf.inputWidth() - 1) % 16);
        assertEquals(0, (inf.inputHeight() - 1) % 16);
        assertEquals(image.getWidth(), r.mask().width());
        assertTrue(!r.people().isEmpty(), "nobody found");
        // the player in front is the largest person (a crowd pose may score as high)
        Person best = r.people().stream().max((a, b) -> Float.compare(area(a), area(b))).orElseThrow();
        assertEquals(BodyParts.KEYPOINTS, best.keypoints().stream().map(Person.Keypoint::name).toList());
        double shares = best.parts().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1.0, shares, 1e-6);
        assertTrue(best.parts().keySet().stream().anyMatch(n -> n.startsWith("torso")), best.parts().toString());
        assertTrue(best.parts().keySet().stream().anyMatch(n -> n.endsWith("_face")), best.parts().toString());
        float[] b = best.box();
        Person.Keypoint nose = kp(best, "nose");
        Person.Keypoint hip = kp(best, "leftHip");
        assertTrue(nose.score() > 0.3f && nose.x() >= b[0] - 8 && nose.x() <= b[2] + 8 && nose.y() >= b[1] - 8
                && nose.y() <= b[3], "nose " + nose + " in box " + java.util.Arrays.toString(b));
        if (hip.score() > 0.3f) {
            assertTrue(hip.y() > nose.y(), "hip below nose");
        }
        Person.Keypoint shoulder = kp(best, "rightShoulder");
        assertTrue(shoulder.score() > 0.3f && shoulder.y() > nose.y(), "shoulder " + shoulder + " below nose " + nose);
        // the mask: body parts of the player around his nose, background in the grass corner
        assertTrue(r.mask().at((int) nose.x(), (int) nose.y()) != 0, "the nose pixel is a body part");
        assertEquals(0, r.mask().at(image.getWidth() - 5, image.getHeight() - 5));
    }

    private static float area(Person p) {
        return (p.box()[2] - p.box()[0]) * (p.box()[3] - p.box()[1]);
    }

    /** Under memory policy reject an image larger than the box is refused before anything runs. */
    @Test
    void policyRejectRefusesAnImageAboveTheBox() throws Exception {
        var spec = Handlers.BUNDLED.get("bodypix-parts");
        try (ModelHandler h = io.visionstream.serving.ModelHandlers.open(spec.with("memoryPolicy", "reject",
                spec.maxSide()), io.visionstream.runtime.SlotContext.defaults())) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(io.visionstream.reject.RejectedInputException.class,
                    () -> h.prepare(new BufferedImage(1920, 1080, BufferedImage.TYPE_3BYTE_BGR)));
            assertEquals(io.visionstream.reject.RejectReason.TOO_MANY_PIXELS, e.reason());
            assertEquals(353, h.prepare(new BufferedImage(641, 353, BufferedImage.TYPE_3BYTE_BGR)).input().height(),
                    "an image that fits runs");
        }
    }

    /** An image with nobody: no people and an empty mask, not an error. */
    @Test
    void nobodyInAnEmptyImage() throws Exception {
        BufferedImage grey = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
        TaskResult.Segments r = (TaskResult.Segments) Handlers.infer(parts, grey);
        assertTrue(r.people().isEmpty(), r.people().toString());
    }

    /** Sizes are snapped to 16k+1 inside the box, a small crop is enlarged at most twice. */
    @Test
    void inputSizesAreSixteenKPlusOne() throws Exception {
        var small = parts.prepare(new BufferedImage(90, 200, BufferedImage.TYPE_3BYTE_BGR));
        assertEquals(177, small.input().width());   // at most 2x: 180x400, snapped down to 16k+1
        assertEquals(385, small.input().height());
        var large = parts.prepare(new BufferedImage(3840, 2160, BufferedImage.TYPE_3BYTE_BGR));
        assertEquals(641, large.input().width());
        assertEquals(353, large.input().height());
    }

    /** people-parts: NanoDet finds the person of person.jpg, BodyPix parses its crop; keypoints land in the frame. */
    @Test
    void peoplePartsCascadeParsesEachDetectedPerson() throws Exception {
        var spec = Handlers.BUNDLED.get("people-parts");
        CascadeHandler h = new CascadeHandler(spec, nanodet, parts);
        assertEquals("bodypix-parts", CascadeSettings.of(spec).then());
        TaskResult.Detections r = (TaskResult.Detections) Handlers.infer(h, Handlers.sample("person.jpg"));
        int people = 0;
        for (int i = 0; i < r.detections().size(); i++) {
            if (!r.detections().get(i).label().equals("person")) {
                continue;
            }
            people++;
            Stage s = r.stage(i);
            assertEquals(Stage.Status.OK, s.status(), String.valueOf(s.message()));
            TaskResult.Segments sg = (TaskResult.Segments) s.result();
            assertEquals(1, sg.people().size(), "the crop's own person only");
            var d = r.detections().get(i);
            Person p = sg.people().get(0);
            assertTrue(p.box()[0] >= d.x1() - 0.2 * (d.x2() - d.x1()) && p.box()[2] <= d.x2() + 0.2 * (d.x2() - d.x1()),
                    "the person's box lies in its detection, in frame pixels");
            assertTrue(p.parts().containsKey("torso_front") || p.parts().containsKey("torso_back"), p.parts().toString());
        }
        assertTrue(people >= 1);
    }
}
