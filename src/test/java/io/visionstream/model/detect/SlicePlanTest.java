package io.visionstream.model.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlicePlanTest {
    private static final SliceSettings DEFAULTS = new SliceSettings(0, 0.25, 64, 80, 16);

    @Test
    void theOverviewComesFirstAndEveryLevelIsOneSizeInsideTheFrame() {
        for (int[] s : new int[][] {{1920, 1080}, {4000, 3000}, {7680, 4320}, {1000, 5000}}) {
            List<Rectangle> runs = SlicePlan.runs(s[0], s[1], 416, DEFAULTS);
            assertEquals(new Rectangle(0, 0, s[0], s[1]), runs.get(0));
            assertTrue(runs.size() <= 64, s[0] + "x" + s[1] + ": " + runs.size() + " runs");
            for (Rectangle r : runs.subList(1, runs.size())) {
                assertEquals(r.width, r.height, "square slices: " + r);
                assertTrue(r.x >= 0 && r.y >= 0 && r.x + r.width <= s[0] && r.y + r.height <= s[1], r.toString());
            }
        }
    }

    @Test
    void everyObjectUpToTheOverlapIsWholeInSomeSliceOfEachLevel() {
        Random random = new Random(3);
        int w = 4000;
        int h = 3000;
        List<Rectangle> runs = SlicePlan.runs(w, h, 416, DEFAULTS);
        for (int side : runs.stream().skip(1).mapToInt(r -> r.width).distinct().toArray()) {
            int o = (int) (0.25 * side);
            for (int i = 0; i < 2000; i++) {
                Rectangle object = new Rectangle(random.nextInt(w - o), random.nextInt(h - o), o, o);
                assertTrue(runs.stream().anyMatch(r -> r.width == side && r.contains(object)),
                        object + " is cut by every slice of " + side);
            }
        }
    }

    @Test
    void slicesGrowUntilTheRunsFitTheBound() {
        SliceSettings few = new SliceSettings(0, 0.25, 10, 80, 16);
        List<Rectangle> runs = SlicePlan.runs(7680, 4320, 416, few);
        assertTrue(runs.size() <= 10, runs.size() + " runs");
        assertEquals(1, SlicePlan.runs(7680, 4320, 416, new SliceSettings(0, 0.25, 1, 80, 16)).size());
    }

    @Test
    void autoSlicesOnlyFramesWhereOneRunWouldLoseTheSmallestObject() {
        // NanoDet 416: one run of a 1920x1080 frame keeps an 80-pixel object at 17 pixels, of 4000x3000 at 8
        assertTrue(!DEFAULTS.slices(io.visionstream.model.MemoryPolicy.AUTO, 1920, 1080, 416, 416 / 1920.0));
        assertTrue(DEFAULTS.slices(io.visionstream.model.MemoryPolicy.AUTO, 4000, 3000, 416, 416 / 4000.0));
        assertTrue(DEFAULTS.slices(io.visionstream.model.MemoryPolicy.TILE, 1920, 1080, 416, 416 / 1920.0));
        assertTrue(!DEFAULTS.slices(io.visionstream.model.MemoryPolicy.DOWNSCALE, 7680, 4320, 416, 416 / 7680.0));
    }

    @Test
    void badSlicingOptionsNameTheEntryAndTheField() {
        io.visionstream.model.ModelSpec spec = io.visionstream.model.Handlers.BUNDLED.get("nanodet-coco");
        for (String[] bad : new String[][] {{"sliceOverlap", "0.9"}, {"sliceOverlap", "-0.1"}, {"maxRuns", "0"},
                {"sliceSide", "wide"}, {"minObjectPixels", "-4"}, {"visiblePixels", "1.5"}}) {
            io.visionstream.model.RegistryException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.visionstream.model.RegistryException.class,
                    () -> SliceSettings.of(spec.with(bad[0], bad[1], spec.maxSide()), 64), bad[0] + "=" + bad[1]);
            assertTrue(e.getMessage().contains("nanodet-coco") && e.getMessage().contains("options." + bad[0]),
                    e.getMessage());
        }
        SliceSettings ok = SliceSettings.of(spec.with("maxRuns", "9", spec.maxSide()), 64);
        assertEquals(9, ok.maxRuns(), "an entry's maxRuns wins over tile.max-runs");
        assertEquals(64, SliceSettings.of(spec, 64).maxRuns());
    }

    @Test
    void aBadMemoryPolicyNamesTheField() {
        io.visionstream.model.ModelSpec spec = io.visionstream.model.Handlers.BUNDLED.get("nanodet-coco");
        io.visionstream.model.RegistryException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.visionstream.model.RegistryException.class,
                () -> io.visionstream.model.MemoryPolicy.of(spec.with("memoryPolicy", "sometimes", spec.maxSide())));
        assertTrue(e.getMessage().contains("options.memoryPolicy") && e.getMessage().contains("auto"), e.getMessage());
        assertEquals(io.visionstream.model.MemoryPolicy.AUTO, io.visionstream.model.MemoryPolicy.of(spec),
                "detection slices where it must by default");
    }
}
