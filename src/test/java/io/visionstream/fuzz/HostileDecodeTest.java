package io.visionstream.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.guard.GuardLimits;
import io.visionstream.codec.ImageHeader;
import io.visionstream.guard.InputGuard;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.codec.ImageDecoder;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The whole hostile set through the guard and the decoder, the two steps that touch untrusted bytes: each
 * input ends as a decoded image or a reject with one of the reasons it may have, and nothing else escapes
 * (no runtime exception, no error). The pipeline test then checks the same inputs end to end.
 */
class HostileDecodeTest {
    @Test
    void everyHostileImageDecodesOrIsRejectedWithAnExpectedReason() {
        List<HostileInputs.Input> inputs = HostileInputs.generate(12);
        assertTrue(inputs.size() >= 1000, "at least 1,000 inputs, got " + inputs.size());
        InputGuard guard = new InputGuard(GuardLimits.defaults(), m -> true);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        for (HostileInputs.Input in : inputs) {
            if (!in.headers().isEmpty() && !in.allowed().contains(HostileInputs.RESULT)) {
                continue; // header cases are about the model and profile, checked end to end
            }
            String outcome;
            try {
                ImageHeader h = guard.check(in.value(), HostileInputs.MODEL);
                BufferedImage image = ImageDecoder.decode(in.value(), h);
                assertTrue(image.getWidth() > 0 && (long) image.getWidth() * image.getHeight() <= h.pixels(), in.toString());
                outcome = HostileInputs.RESULT;
            } catch (RejectedInputException e) {
                outcome = e.reason().name();
                assertTrue(e.getMessage().length() <= 1024, "bounded message: " + e.getMessage().length());
            }
            outcomes.merge(outcome, 1, Integer::sum);
            if (!in.allowed().contains(outcome)) {
                unexpected.add(in + ": " + outcome + ", expected one of " + in.allowed());
            }
        }
        System.out.println("hostile decode outcomes: " + outcomes);
        assertEquals(List.of(), unexpected);
    }
}
