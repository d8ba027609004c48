package io.visionstream.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real models registered under a task whose output they do not have fail when opened, naming both shapes. */
class ShapeMismatchTest {
    @ParameterizedTest
    @CsvSource({
        "selfie-as-classifier, '[1,2] class scores', '[1, 256, 256, 1]'",
        "nanodet-as-text, 'one [N,1,H,W] text probability', 'Identity[1, 2704, 80]'",
        "waifu2x-as-segment, 'probabilities', '[-1, 3, -1, -1]'",
    })
    void openingFailsWithExpectedAndActualShapes(String model, String expected, String actual) {
        ModelShapeException e = assertThrows(ModelShapeException.class,
                () -> Handlers.open(Handlers.FIXTURES, model).close());
        String m = e.getMessage();
        assertTrue(m.contains("'" + model + "'") && m.contains(expected) && m.contains(actual), m);
    }
}
