package io.visionstream.model;

import io.visionstream.model.Inference;
import io.visionstream.result.TaskResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.reject.RejectReason;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.result.Detection;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Memory policies of fixed-input models on images above their maxSide: NanoDet and the selfie model tiled
 * (boxes suppressed across tiles, masks stitched by max) or rejected, on real photos placed in a large frame.
 */
class FixedInputPoliciesTest {
    private static BufferedImage framed(String photo, int w, int h, int x, int y) throws Exception {
        return Handlers.framed(Handlers.sample(photo), w, h, x, y);
    }

    private static Detection find(List<Detection> ds, String label) {
        return ds.stream().filter(d -> d.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + label + " in " + ds));
    }

    @Test
    void aDetectorTilesALargeImageAndFindsTheSmallSceneAtItsPlace() throws Exception {
        BufferedImage frame = framed("dog.jpg", 2400, 1800, 1400, 1000);
        try (ModelHandler alone = Handlers.open(Handlers.BUNDLED, "nanodet-coco");
             ModelHandler tiled = Handlers.open(Handlers.FIXTURES, "nanodet-tiled")) {
            List<Detection> reference = ((TaskResult.Detections) Handlers.infer(alone, Handlers.sample("dog.jpg"))).detections();
            Inference run = Handlers.run(tiled, frame, tiled.spec().defaultProfile());
            List<Detection> found = ((TaskResult.Detections) run.result()).detections();
            // the overview and the slice pyramid, within tile.max-runs
            assertEquals(io.visionstream.model.detect.SlicePlan.runs(2400, 1800, 416,
                    new io.visionstream.model.detect.SliceSettings(0, 0.25, 64, 80, 16)).size(), run.runs());
            assertTrue(run.runs() <= 64, run.runs() + " runs");
            for (String label : List.of("bicycle", "dog")) {
                Detection r = find(reference, label);
                Detection shifted = new Detection(r.classId(), r.label(), r.score(), r.x1() + 1400, r.y1() + 1000,
                        r.x2() + 1400, r.y2() + 1000);
                Detection t = find(found, label);
                assertTrue(t.iou(shifted) > 0.7f, label + ": tiled " + t + " vs " + shifted);
            }
            Detection r = find(reference, "bicycle");
            Detection there = new Detection(r.classId(), r.label(), r.score(), r.x1() + 1400, r.y1() + 1000,
                    r.x2() + 1400, r.y2() + 1000);
            long bicycles = found.stream().filter(d -> d.label().equals("bicycle") && d.iou(there) > 0.1f).count();
            assertEquals(1, bicycles, "the copies from overlapping runs are suppressed: " + found);

            try (ModelHandler down = Handlers.open(alone.spec().with("memoryPolicy", "downscale", 416))) {
                Inference once = Handlers.run(down, frame, down.spec().defaultProfile());
                List<Detection> downscaled = ((TaskResult.Detections) once.result()).detections();
                assertEquals(1, once.runs());
                assertTrue(downscaled.size() < found.size(), "scaled to 416 the scene is too small: " + downscaled);
            }
        }
    }

    /**
     * The default (policy auto) on a 4000x3000 frame: dog.jpg pasted with the bicycle across a seam of the finest
     * slices is found once, where NanoDet finds it in the photo alone; one scaled-down run does not find it.
     */
    @Test
    void theDefaultSlicesAHugeFrameAndFindsAnObjectCutByASeamOnce() throws Exception {
        try (ModelHandler h = Handlers.open(Handlers.BUNDLED, "nanodet-coco")) {
            List<java.awt.Rectangle> runs = h.prepare(new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR)).tiles();
            assertTrue(runs.size() > 1 && runs.size() <= 64, runs.size() + " runs");
            Detection bicycle = find(((TaskResult.Detections) Handlers.infer(h, Handlers.sample("dog.jpg"))).detections(),
                    "bicycle");
            // a seam of the finest level: the left edge of its second slice
            int finest = runs.stream().mapToInt(r -> r.width).min().orElseThrow();
            int seam = runs.stream().filter(r -> r.width == finest && r.x > 0).mapToInt(r -> r.x).min().orElseThrow();
            int x = seam - (int) ((bicycle.x1() + bicycle.x2()) / 2) + 1500;
            int y = 1200;
            while (x - 1500 + bicycle.x1() > seam || x - 1500 + bicycle.x2() < seam) {
                x += 10;
            }
            BufferedImage frame = framed("dog.jpg", 4000, 3000, x, y);
            List<Detection> found = ((TaskResult.Detections) Handlers.infer(h, frame)).detections();
            Detection shifted = new Detection(bicycle.classId(), bicycle.label(), bicycle.score(), bicycle.x1() + x,
                    bicycle.y1() + y, bicycle.x2() + x, bicycle.y2() + y);
            List<Detection> bicycles = found.stream().filter(d -> d.label().equals("bicycle")).toList();
            assertEquals(1, bicycles.size(), "one bicycle: " + found);
            assertTrue(bicycles.get(0).iou(shifted) >= 0.5f, bicycles.get(0) + " vs " + shifted);
            try (ModelHandler down = Handlers.open(Handlers.BUNDLED.get("nanodet-coco").with("memoryPolicy", "downscale",
                    416))) {
                List<Detection> scaled = ((TaskResult.Detections) Handlers.infer(down, frame)).detections();
                assertTrue(scaled.stream().noneMatch(d -> d.label().equals("bicycle") && d.iou(shifted) >= 0.5f),
                        "one run at 416 does not see the bicycle: " + scaled);
            }
        }
    }

    @Test
    void policyRejectRefusesImagesAboveMaxSideOnly() throws Exception {
        try (ModelHandler h = Handlers.open(Handlers.FIXTURES, "nanodet-reject")) {
            RejectedInputException e = assertThrows(RejectedInputException.class,
                    () -> h.prepare(framed("dog.jpg", 2400, 1800, 0, 0)));
            assertEquals(RejectReason.TOO_MANY_PIXELS, e.reason());
            assertTrue(e.getMessage().contains("maxSide 1024"), e.getMessage());
            TaskResult.Detections ok = (TaskResult.Detections) Handlers.infer(h, Handlers.sample("dog.jpg"));
            find(ok.detections(), "dog");
        }
    }

    @Test
    void aSegmenterStitchesTileMasksIntoOneFullSizeMask() throws Exception {
        BufferedImage frame = framed("person.jpg", 1600, 1200, 800, 600);
        try (ModelHandler h = Handlers.open(Handlers.FIXTURES, "selfie-tiled")) {
            Inference run = Handlers.run(h, frame, h.spec().defaultProfile());
            TaskResult.Segments r = (TaskResult.Segments) run.result();
            assertEquals(12, run.runs());
            assertEquals(1600, r.mask().width());
            assertEquals(1, r.segments().size(), r.segments().toString());
            // the person's torso (230, 200 in person.jpg) is masked, the grey frame is not
            assertEquals(1, r.mask().at(800 + 230, 600 + 200));
            long inside = 0;
            long all = 0;
            for (int y = 0; y < 1200; y++) {
                for (int x = 0; x < 1600; x++) {
                    if (r.mask().at(x, y) == 1) {
                        all++;
                        if (x >= 800 && x < 1440 && y >= 600 && y < 1024) {
                            inside++;
                        }
                    }
                }
            }
            assertTrue(inside > 0.95 * all, inside + " of " + all + " masked pixels inside the photo");
            byte[] stitched = r.mask().data().clone();
            // where no other tile overlaps it, the stitched mask is exactly that tile's own mask: tile (820, 410)
            // of 512 pixels, neighbours overlapping it by 102
            try (ModelHandler one = Handlers.open(Handlers.BUNDLED, "selfie-person")) {
                TaskResult.Segments tile = (TaskResult.Segments) Handlers.infer(one, frame.getSubimage(820, 410, 512, 512));
                int same = 0;
                int total = 0;
                for (int y = 102; y < 410; y++) {
                    for (int x = 102; x < 410; x++) {
                        total++;
                        if (tile.mask().at(x, y) == stitched[(410 + y) * 1600 + 820 + x]) {
                            same++;
                        }
                    }
                }
                assertEquals(total, same, "pixels that differ from the tile's own mask");
            }
        }
    }
}
