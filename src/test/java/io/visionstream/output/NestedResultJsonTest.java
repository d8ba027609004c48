package io.visionstream.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.result.Detection;
import io.visionstream.result.Person;
import io.visionstream.result.Stage;
import io.visionstream.result.Task;
import io.visionstream.result.TaskResult;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON of a cascade's nested results and of body-parts people, as a consumer reads it. */
class NestedResultJsonTest {
    private static final Origin ORIGIN = new Origin("belt-1", 7, "images", 0, 7, "luggage-tags", 1000, 1000, true);
    private static final RunInfo RUN = new RunInfo("cpu", false, 3, 416, 416, null, 1, Map.of("then", 12.5));

    private static JsonNode json(Task task, TaskResult r) throws Exception {
        Result result = new Result(ORIGIN, task, 1920, 1080, r, RUN, Result.Pictures.NONE, 0, null);
        return OutputJson.mapper().readTree(OutputJson.result(result, "masks"));
    }

    @Test
    void eachCroppedDetectionCarriesTheSecondModelsFieldsOrWhyNot() throws Exception {
        Detection bag = new Detection(28, "suitcase", 0.8f, 100, 100, 300, 400);
        Detection other = new Detection(28, "suitcase", 0.5f, 500, 100, 700, 400);
        Detection dog = new Detection(16, "dog", 0.9f, 900, 100, 1000, 300);
        TaskResult.Texts tag = new TaskResult.Texts(List.of(new TaskResult.TextRegion(
                new float[][] {{150, 200}, {250, 200}, {250, 230}, {150, 230}}, 0.9f, "LH 4217", 0.99f)));
        TaskResult r = new TaskResult.Detections(List.of(bag, other, dog),
                Arrays.asList(Stage.ok("ppocr", tag), Stage.notRun("ppocr", "maxCrops 1 reached"), null));
        JsonNode j = json(Task.DETECT, r);
        JsonNode d = j.get("detections");
        assertEquals("ok", d.get(0).get("then").get("status").asText());
        assertEquals("text", d.get(0).get("then").get("task").asText());
        assertEquals("LH 4217", d.get(0).get("then").get("texts").get(0).get("text").asText());
        assertEquals(150.0, d.get(0).get("then").get("texts").get(0).get("polygon").get(0).get(0).asDouble());
        assertEquals("notRun", d.get(1).get("then").get("status").asText());
        assertTrue(d.get(1).get("then").get("message").asText().contains("maxCrops"));
        assertFalse(d.get(2).has("then"), "a detection the cascade does not look at has no then");
        JsonNode c = j.get("cascade");
        assertEquals("ppocr", c.get("then").asText());
        assertEquals(List.of(1, 1, 0, 1), List.of(c.get("crops").asInt(), c.get("ok").asInt(), c.get("failed").asInt(),
                c.get("notRun").asInt()));
        assertEquals(12.5, j.get("timingsMs").get("then").asDouble());
    }

    @Test
    void peopleCarryBoxScorePartsAndSeventeenKeypoints() throws Exception {
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("torso_front", 0.6);
        parts.put("left_face", 0.4);
        List<Person.Keypoint> kps = io.visionstream.model.parts.BodyParts.KEYPOINTS.stream()
                .map(n -> new Person.Keypoint(n, 10, 20, 0.5f)).toList();
        Person p = new Person(new float[] {1, 2, 30, 40}, 0.7f, parts, kps);
        TaskResult r = new TaskResult.Segments(List.of(new TaskResult.Segment(12, "torso_front", 0.1,
                new int[] {1, 2, 30, 40})), null, List.of(p));
        JsonNode people = json(Task.SEGMENT, r).get("people");
        assertEquals(1, people.size());
        assertEquals(30.0, people.get(0).get("box").get(2).asDouble());
        assertEquals(0.7, people.get(0).get("score").asDouble(), 1e-6);
        assertEquals(0.6, people.get(0).get("parts").get("torso_front").asDouble());
        assertEquals(17, people.get(0).get("keypoints").size());
        assertEquals("nose", people.get(0).get("keypoints").get(0).get("name").asText());
        assertEquals("rightAnkle", people.get(0).get("keypoints").get(16).get("name").asText());
    }
}
