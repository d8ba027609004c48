package io.visionstream.model;

import io.visionstream.result.Task;
import io.visionstream.preprocess.InputLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @TempDir
    Path dir;

    @Test
    void bundledRegistryLoadsFromTheClassPath() {
        ModelRegistry r = ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION);
        assertEquals("nanodet-coco", r.defaultModel());
        ModelSpec s = r.get("nanodet-coco");
        assertEquals(Task.DETECT, s.task());
        assertEquals(80, s.labels().size());
        assertEquals("dog", s.label(16));
        assertEquals(InputLayout.ColourOrder.BGR, s.input().colour());
        assertEquals(InputLayout.ResizeMode.STRETCH, s.resize());
        assertEquals(0.35f, s.scoreThreshold(), 1e-6);
    }

    private String errorFor(String entry) throws Exception {
        if (!Files.exists(dir.resolve("m.onnx"))) {
            Files.copy(Path.of("models/nanodet-g_416_coco.onnx"), dir.resolve("m.onnx"));
        }
        Path yaml = dir.resolve("models.yaml");
        Files.writeString(yaml, "models:\n  broken-one:\n" + entry);
        return assertThrows(RegistryException.class, () -> ModelRegistry.load(yaml.toString())).getMessage();
    }

    @Test
    void aBadEntryNamesTheEntryAndTheField() throws Exception {
        String base = "    file: m.onnx\n    task: detect\n    family: nanodet\n";
        String m = errorFor(base + "    input: {width: -4, height: 416}\n");
        assertTrue(m.contains("'broken-one'") && m.contains("'input.width'"), m);

        m = errorFor("    file: m.onnx\n    task: detect\n    family: resnet\n    input: {width: 4, height: 4}\n");
        assertTrue(m.contains("'broken-one'") && m.contains("'family'"), m);
    }

    @Test
    void missingModelFileAndBadEnumsAreNamed() throws Exception {
        String m = errorFor("    file: nope.onnx\n    task: detect\n    family: yolo\n    input: {width: 4, height: 4}\n");
        assertTrue(m.contains("'file'") && m.contains("nope.onnx"), m);
        m = errorFor("    file: m.onnx\n    task: dance\n    family: yolo\n    input: {width: 4, height: 4}\n");
        assertTrue(m.contains("'task'") && m.contains("dance"), m);
        m = errorFor("    file: m.onnx\n    task: detect\n    family: yolo\n"
                + "    input: {width: 4, height: 4, layout: CHWN}\n");
        assertTrue(m.contains("'input.layout'") && m.contains("CHWN"), m);
        m = errorFor("    file: m.onnx\n    task: detect\n    family: yolo\n    input: {width: 4, height: 4}\n"
                + "    thresholds: {score: 7}\n");
        assertTrue(m.contains("'thresholds.score'"), m);
    }

    @Test
    void profilesComeFromTheRegistryAndAreCappedAtTheModelsMaxSide() throws Exception {
        ModelSpec ppocr = ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION).get("ppocr");
        assertEquals(java.util.List.of("id_card", "screenshot", "product"), java.util.List.copyOf(ppocr.profiles().keySet()));
        assertEquals(new InputProfile("id_card", 480, 640), ppocr.profile("id_card"));
        assertEquals(new InputProfile("default", 960, 960), ppocr.profile(null));
        assertEquals(null, ppocr.profile("poster"));
        assertTrue(ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION).get("nanodet-coco").profiles().isEmpty(),
                "a fixed-input model takes no profiles");

        Files.copy(Path.of("models/nanodet-g_416_coco.onnx"), dir.resolve("m.onnx"));
        Path yaml = dir.resolve("models.yaml");
        Files.writeString(yaml, "profiles:\n  poster: {width: 3000, height: 2000}\nmodels:\n  text:\n    file: m.onnx\n"
                + "    task: text\n    family: dbnet\n    input: {width: 640, height: 640, dynamic: true}\n    maxSide: 1500\n");
        assertEquals(new InputProfile("poster", 1500, 1000), ModelRegistry.load(yaml.toString()).get("text").profile("poster"));
    }

    @Test
    void badProfilesAreNamed() throws Exception {
        String dynamic = "    file: m.onnx\n    task: text\n    family: dbnet\n    input: {width: 640, height: 640, dynamic: true}\n";
        String m = errorFor(dynamic + "    profiles: [passport]\n");
        assertTrue(m.contains("'profiles'") && m.contains("passport"), m);
        m = errorFor("    file: m.onnx\n    task: detect\n    family: nanodet\n    input: {width: 416, height: 416}\n"
                + "    profiles: [id_card]\n");
        assertTrue(m.contains("'profiles'") && m.contains("fixed"), m);
        m = errorFor(dynamic + "    maxSide: 320\n");
        assertTrue(m.contains("'maxSide'") && m.contains("640"), m);
    }
}
