package io.visionstream.model.cascade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.model.Handlers;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.RegistryException;
import io.visionstream.result.Detection;
import io.visionstream.result.Stage;
import io.visionstream.result.TaskResult;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A detector, then a second model on its detections' crops: results in frame coordinates, and the bounds. */
class CascadeTest {
    private static final Map<String, ModelHandler> OPEN = new HashMap<>();

    @AfterAll
    static void close() throws Exception {
        for (ModelHandler h : OPEN.values()) {
            h.close();
        }
    }

    private static ModelHandler plain(String name) throws Exception {
        if (!OPEN.containsKey(name)) {
            OPEN.put(name, Handlers.open(Handlers.FIXTURES, name));
        }
        return OPEN.get(name);
    }

    private static CascadeHandler cascade(String name) throws Exception {
        var spec = Handlers.FIXTURES.get(name);
        CascadeSettings c = CascadeSettings.of(spec);
        return new CascadeHandler(spec, plain(c.first()), plain(c.then()));
    }

    /** person.jpg with a white tag carrying {@code text} on the person's chest. */
    static BufferedImage taggedPerson(String text) throws Exception {
        BufferedImage img = Handlers.sample("person.jpg");
        BufferedImage copy = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = copy.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(196, 170, 78, 30);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString(text, 201, 193);
        g.dispose();
        return copy;
    }

    @Test
    void readsTheTagOnEachPersonInFrameCoordinates() throws Exception {
        TaskResult.Detections r = (TaskResult.Detections) Handlers.infer(cascade("person-tags"), taggedPerson("7315"));
        int people = 0;
        for (int i = 0; i < r.detections().size(); i++) {
            Detection d = r.detections().get(i);
            Stage s = r.stage(i);
            if (!d.label().equals("person") || d.score() < 0.3f) {
                assertNull(s, "only people at or above minScore are cropped: " + d);
                continue;
            }
            people++;
            assertEquals(Stage.Status.OK, s.status(), String.valueOf(s.message()));
            List<TaskResult.TextRegion> texts = ((TaskResult.Texts) s.result()).texts();
            assertEquals(1, texts.size(), texts.stream().map(TaskResult.TextRegion::text).toList().toString());
            assertEquals("7315", texts.get(0).text());
            for (float[] p : texts.get(0).polygon()) {
                // the tag was drawn at x 196..274, y 170..200 of the frame
                assertTrue(p[0] > 185 && p[0] < 285 && p[1] > 160 && p[1] < 210, p[0] + "," + p[1]);
            }
        }
        assertEquals(1, people, r.detections().toString());
    }

    /** The tagged person on a wider canvas, {@code dx} pixels to the right. */
    private static BufferedImage shifted(BufferedImage tagged, int dx) {
        BufferedImage out = new BufferedImage(tagged.getWidth() + 120, tagged.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(120, 120, 120));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(tagged, dx, 0, null);
        g.dispose();
        return out;
    }

    /** The person's stage on each frame of a stream where the tagged person walks 8 px a frame; runs per frame. */
    private static List<Stage> walk(CascadeHandler cascade, String stream, int frames, List<Integer> runs)
            throws Exception {
        BufferedImage tagged = taggedPerson("7315");
        List<Stage> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            var inf = cascade.infer(List.of(cascade.prepare(shifted(tagged, 8 * f))), java.util.Arrays.asList(stream))
                    .get(0);
            TaskResult.Detections r = (TaskResult.Detections) inf.result();
            runs.add(inf.runs());
            for (int i = 0; i < r.detections().size(); i++) {
                if (r.stage(i) != null) {
                    out.add(r.stage(i));
                    for (float[] p : ((TaskResult.Texts) r.stage(i).result()).texts().get(0).polygon()) {
                        // the tag lies at x 196..274 + 8f, y 170..200: a reused read moves with the person
                        assertTrue(p[0] > 185 + 8 * f && p[0] < 285 + 8 * f && p[1] > 160 && p[1] < 210,
                                "frame " + f + ": " + p[0] + "," + p[1]);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void readOnceReadsAnObjectOnItsFirstFrameAndMovesThatReadWithIt() throws Exception {
        CascadeHandler once = cascade("person-tags-once");
        List<Integer> runs = new ArrayList<>();
        List<Stage> stages = walk(once, "belt-1", 6, runs);
        assertEquals(6, stages.size(), "one person a frame: " + stages);
        assertTrue(!stages.get(0).reused(), "read on its first frame");
        for (int f = 0; f < 6; f++) {
            Stage s = stages.get(f);
            assertEquals(Stage.Status.OK, s.status());
            assertEquals("7315", ((TaskResult.Texts) s.result()).texts().get(0).text(), "frame " + f);
            if (f > 0) {
                assertTrue(s.reused(), "frame " + f + " reuses the first read");
                assertEquals(runs.get(0) - 1, runs.get(f), "frame " + f + ": the detector's runs only");
            }
        }
        // another stream's object is its own: read again
        assertTrue(!walk(once, "belt-2", 1, new ArrayList<>()).get(0).reused());

        // without readOnce every frame is read
        List<Integer> every = new ArrayList<>();
        walk(cascade("person-tags"), "belt-1", 3, every).forEach(s -> assertTrue(!s.reused()));
        assertEquals(every.get(0), every.get(2));
        assertEquals(runs.get(0), every.get(0));
    }

    /** Frames of one stream in one micro-batch: the later ones wait for the first one's read instead of their own. */
    @Test
    void readOnceInOneBatchReadsTheObjectOnceForAllItsFrames() throws Exception {
        CascadeHandler once = cascade("person-tags-once");
        BufferedImage tagged = taggedPerson("7315");
        List<io.visionstream.model.Prepared> batch = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            batch.add(once.prepare(shifted(tagged, 8 * f)));
        }
        var out = once.infer(batch, List.of("belt-9", "belt-9", "belt-9"));
        for (int f = 0; f < 3; f++) {
            TaskResult.Detections r = (TaskResult.Detections) out.get(f).result();
            Stage s = r.stages().stream().filter(x -> x != null).findFirst().orElseThrow();
            assertEquals(f > 0, s.reused(), "frame " + f);
            TaskResult.TextRegion t = ((TaskResult.Texts) s.result()).texts().get(0);
            assertEquals("7315", t.text());
            for (float[] p : t.polygon()) {
                assertTrue(p[0] > 185 + 8 * f && p[0] < 285 + 8 * f, "frame " + f + ": x " + p[0]);
            }
        }
        assertEquals(out.get(0).runs() - 1, out.get(1).runs(), "one second-model run for the three frames");
    }

    @Test
    void aCropBelowTheSmallestSideMarksItsDetectionNotTheFrame() throws Exception {
        TaskResult.Detections r = (TaskResult.Detections) Handlers.infer(cascade("person-tags-tiny-crops-refused"),
                taggedPerson("12"));
        assertTrue(r.detections().size() >= 2, "the frame keeps every detection");
        long failed = r.stages().stream().filter(s -> s != null && s.status() == Stage.Status.FAILED).count();
        assertTrue(failed >= 1);
        r.stages().stream().filter(s -> s != null).forEach(s -> assertTrue(s.message().contains("minCropSide")));
    }

    /** person.jpg four times its size: the person's crop is above 960 pixels. */
    private static BufferedImage largePerson() throws Exception {
        BufferedImage img = Handlers.sample("person.jpg");
        BufferedImage big = new BufferedImage(img.getWidth() * 4, img.getHeight() * 4, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, big.getWidth(), big.getHeight(), null);
        g.dispose();
        return big;
    }

    @Test
    void aCropTheSecondModelRejectsMarksItsDetectionWithTheReason() throws Exception {
        TaskResult.Detections r = (TaskResult.Detections) Handlers.infer(cascade("person-tags-refused"), largePerson());
        List<Stage> people = new ArrayList<>();
        for (int i = 0; i < r.detections().size(); i++) {
            if (r.detections().get(i).label().equals("person")) {
                people.add(r.stage(i));
            }
        }
        assertTrue(!people.isEmpty(), r.detections().toString());
        for (Stage s : people) {
            assertEquals(Stage.Status.FAILED, s.status());
            assertTrue(s.message().startsWith("TOO_MANY_PIXELS"), s.message());
        }
        assertTrue(r.detections().size() > people.size(), "the frame keeps its other detections");
    }

    @Test
    void aFailedRunOfTheSecondModelMarksItsCropsNotTheFrame() throws Exception {
        TaskResult.Detections r = (TaskResult.Detections) Handlers.infer(cascade("person-then-fails"),
                Handlers.sample("person.jpg"));
        int people = 0;
        for (int i = 0; i < r.detections().size(); i++) {
            if (r.detections().get(i).label().equals("person")) {
                people++;
                assertEquals(Stage.Status.FAILED, r.stage(i).status());
                assertTrue(r.stage(i).message().contains("OrtException"), r.stage(i).message());
            }
        }
        assertEquals(1, people);
    }

    @Test
    void aFrameWith500DetectionsRunsAtMostMaxCropsAndSaysSo() throws Exception {
        CascadeHandler h = cascade("crowd-orientation");
        TaskResult.Detections r = (TaskResult.Detections) Handlers.infer(h, new BufferedImage(640, 640,
                BufferedImage.TYPE_3BYTE_BGR));
        assertEquals(500, r.detections().size());
        Map<Stage.Status, Integer> by = new HashMap<>();
        r.stages().forEach(s -> by.merge(s.status(), 1, Integer::sum));
        assertEquals(8, by.get(Stage.Status.OK));
        assertEquals(492, by.get(Stage.Status.NOT_RUN));
        r.stages().stream().filter(s -> s.status() == Stage.Status.OK)
                .forEach(s -> assertEquals(2, ((TaskResult.Classes) s.result()).classes().size()));
        assertTrue(r.stages().stream().filter(s -> s.status() == Stage.Status.NOT_RUN)
                .allMatch(s -> s.message().contains("maxCrops 8")));
    }

    @Test
    void aBatchOfFramesRunsTheSecondModelOnAllTheirCrops() throws Exception {
        CascadeHandler h = cascade("person-tags");
        List<io.visionstream.model.Prepared> two = new ArrayList<>();
        two.add(h.prepare(taggedPerson("7315")));
        two.add(h.prepare(taggedPerson("4421")));
        var results = h.infer(two);
        List<String> read = new ArrayList<>();
        for (var inf : results) {
            TaskResult.Detections d = (TaskResult.Detections) inf.result();
            d.stages().stream().filter(s -> s != null && s.status() == Stage.Status.OK)
                    .forEach(s -> ((TaskResult.Texts) s.result()).texts().forEach(t -> read.add(t.text())));
        }
        assertEquals(List.of("7315", "4421"), read);
    }

    @Test
    void theRegistryRefusesCascadesThatCannotRun(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("models/nanodet-g_416_coco.onnx"), dir.resolve("n.onnx"));
        String plain = "models:\n  det:\n    file: n.onnx\n    task: detect\n    family: nanodet\n"
                + "    input: {width: 416, height: 416}\n    labels: [person, bicycle]\n";
        Map<String, String> bad = Map.of(
                "  c:\n    cascade: {first: det, then: nothing}\n", "no plain model 'nothing'",
                "  c:\n    cascade: {first: det, then: det, labels: [suitcase]}\n", "'suitcase' is not a label",
                "  c:\n    cascade: {first: det}\n", "cascade.then', is required".replace("', ", "': "),
                "  c:\n    cascade: {first: det, then: det, maxCrops: 0}\n", "maxCrops",
                "  c:\n    cascade: {first: det, then: det, colour: red}\n", "unknown key",
                "  c:\n    cascade: {first: det, then: det}\n  d:\n    cascade: {first: c, then: det}\n", "cannot nest",
                "  c:\n    cascade: {first: det, then: det, readOnce: sometimes}\n", "must be true or false",
                "  s:\n    file: n.onnx\n    task: segment\n    family: yolov8-seg\n    input: {width: 416, height: 416}\n"
                        + "  c:\n    cascade: {first: det, then: s, readOnce: true}\n", "a reused read would need its mask");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Path f = dir.resolve("models.yaml");
            Files.writeString(f, plain + e.getKey());
            RegistryException ex = assertThrows(RegistryException.class, () -> ModelRegistry.load(f.toString()),
                    e.getKey());
            assertTrue(ex.getMessage().contains(e.getValue()), ex.getMessage());
        }
    }

    @Test
    void theBundledCascadesAreRegistered() {
        CascadeSettings tags = CascadeSettings.of(Handlers.BUNDLED.get("luggage-tags"));
        assertEquals(List.of("nanodet-coco", "ppocr"), List.of(tags.first(), tags.then()));
        assertEquals(List.of("suitcase", "backpack", "handbag"), tags.labels());
        assertEquals(16, tags.maxCrops());
        assertEquals(2_000_000, tags.maxCropPixels());
        CascadeSettings parts = CascadeSettings.of(Handlers.BUNDLED.get("people-parts"));
        assertEquals(List.of("nanodet-coco", "bodypix-parts", "8"), List.of(parts.first(), parts.then(),
                String.valueOf(parts.maxCrops())));
        assertNotNull(Handlers.BUNDLED.get("bodypix-parts"));
    }

    /**
     * people-masks on a 3000x2000 frame holding person.jpg: the frame's mask marks the person where the selfie
     * model marks it in the photo alone (IoU ≥ 0.8) and nothing on the grey around it.
     */
    @Test
    void aSegmentingSecondModelPaintsEachCropsMaskIntoTheFramesMask() throws Exception {
        var spec = Handlers.BUNDLED.get("people-masks");
        CascadeSettings c = CascadeSettings.of(spec);
        try (ModelHandler det = Handlers.open(Handlers.BUNDLED, c.first());
             ModelHandler seg = Handlers.open(Handlers.BUNDLED, c.then())) {
            BufferedImage photo = Handlers.sample("person.jpg");
            int ox = 1700;
            int oy = 900;
            BufferedImage frame = Handlers.framed(photo, 3000, 2000, ox, oy);
            TaskResult.Segments alone = (TaskResult.Segments) Handlers.infer(seg, photo);
            byte[] truth = alone.mask().data().clone();
            TaskResult.Detections r = (TaskResult.Detections) Handlers.infer(new CascadeHandler(spec, det, seg), frame);
            assertNotNull(r.mask(), "a frame mask");
            assertEquals(3000, r.mask().width());
            long inter = 0;
            long union = 0;
            long outside = 0;
            for (int y = 0; y < 2000; y++) {
                for (int x = 0; x < 3000; x++) {
                    boolean p = r.mask().at(x, y) != 0;
                    int px = x - ox;
                    int py = y - oy;
                    boolean in = px >= 0 && py >= 0 && px < photo.getWidth() && py < photo.getHeight();
                    boolean t = in && truth[py * photo.getWidth() + px] != 0;
                    inter += p && t ? 1 : 0;
                    union += p || t ? 1 : 0;
                    outside += p && !in ? 1 : 0;
                }
            }
            assertEquals(0, outside, "masked pixels on the grey");
            assertTrue(inter >= 0.8 * union, "IoU " + inter / (double) union);
        }
    }
}
