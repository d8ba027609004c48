package io.visionstream.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResizePlanTest {
    @Test
    void letterboxScalesByTheTighterSideAndCentres() {
        ResizePlan p = ResizePlan.letterbox(640, 480, 320, 320);
        assertEquals(0.5, p.scaleX(), 1e-9);
        assertEquals(0.5, p.scaleY(), 1e-9);
        assertEquals(0, p.padX(), 1e-9);
        assertEquals(40, p.padY(), 1e-9);
        assertEquals(320, p.drawnWidth());
        assertEquals(240, p.drawnHeight());
        // model (110, 135) -> original (220, 190)
        assertEquals(220, p.toOriginalX(110), 1e-9);
        assertEquals(190, p.toOriginalY(135), 1e-9);
    }

    @Test
    void letterboxOfAPortraitImagePadsLeftAndRight() {
        ResizePlan p = ResizePlan.letterbox(300, 600, 416, 416);
        assertEquals(416.0 / 600, p.scaleX(), 1e-9);
        assertEquals((416 - 300 * 416.0 / 600) / 2, p.padX(), 1e-9);
        assertEquals(0, p.padY(), 1e-9);
        assertEquals(300, p.toOriginalX(p.padX() + 208), 1e-6);
    }

    @Test
    void stretchMapsEachAxisOnItsOwn() {
        ResizePlan p = ResizePlan.stretch(768, 576, 416, 416);
        assertEquals(768, p.toOriginalX(416), 1e-9);
        assertEquals(576, p.toOriginalY(416), 1e-9);
        assertEquals(384, p.toOriginalX(208), 1e-9);
    }

    @Test
    void pointsInThePaddingClampToTheImage() {
        ResizePlan p = ResizePlan.letterbox(640, 480, 320, 320);
        assertEquals(0, p.toOriginalY(10), 1e-9);
        assertEquals(480, p.toOriginalY(310), 1e-9);
    }
}
