package io.visionstream.model.detect;

import io.visionstream.result.Detection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.TestImages;
import io.visionstream.guard.HeaderSniffer;
import io.visionstream.codec.ImageDecoder;
import io.visionstream.model.ModelHandler;
import io.visionstream.serving.ModelHandlers;
import io.visionstream.model.ModelRegistry;
import io.visionstream.result.TaskResult;
import io.visionstream.runtime.SlotContext;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled NanoDet-g model on real photos, checked against what its original runtime finds. */
class NanoDetDecoderTest {
    private static ModelHandler nanodet;

    @BeforeAll
    static void open() throws Exception {
        nanodet = ModelHandlers.open(ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION).get("nanodet-coco"),
                SlotContext.defaults());
    }

    @AfterAll
    static void close() throws Exception {
        nanodet.close();
    }

    private static List<Detection> detect(String sample) throws Exception {
        byte[] bytes = TestImages.sample(sample);
        BufferedImage image = ImageDecoder.decode(bytes, HeaderSniffer.sniff(bytes));
        return ((TaskResult.Detections) nanodet.infer(nanodet.prepare(image)).result()).detections();
    }

    private static Detection find(List<Detection> d, String label) {
        Optional<Detection> hit = d.stream().filter(x -> x.label().equals(label)).findFirst();
        assertTrue(hit.isPresent(), label + " not in " + d);
        return hit.get();
    }

    @Test
    void dogPhotoHasBicycleDogAndTruckWithTheReferenceScores() throws Exception {
        List<Detection> d = detect("dog.jpg");
        assertEquals(0.69, find(d, "bicycle").score(), 0.01);
        assertEquals(0.42, find(d, "dog").score(), 0.01);
        assertEquals(0.36, find(d, "truck").score(), 0.01);
        // The dog sits in the lower left of the 768x576 photo; the truck is parked upper right.
        Detection dog = find(d, "dog");
        assertTrue(dog.x1() > 100 && dog.x2() < 400 && dog.y1() > 180 && dog.y2() > 500, dog.toString());
        Detection truck = find(d, "truck");
        assertTrue(truck.x1() > 430 && truck.y2() < 200, truck.toString());
        for (Detection x : d) {
            assertTrue(x.x1() >= 0 && x.y1() >= 0 && x.x2() <= 768 && x.y2() <= 576 && x.x1() < x.x2(), x.toString());
        }
    }

    @Test
    void personPhotoHasAPerson() throws Exception {
        Detection person = find(detect("person.jpg"), "person");
        assertTrue(person.score() > 0.6, person.toString());
    }
}
