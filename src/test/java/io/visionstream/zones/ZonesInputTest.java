package io.visionstream.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.io.ZoneUpdate;
import io.visionstream.job.JobConfig;
import io.visionstream.job.StreamFunction;
import io.visionstream.output.Output;
import io.visionstream.output.Reject;
import io.visionstream.reject.RejectReason;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Hostile zones entries: each is refused with a message naming what is wrong; the topic's refusal is a reject. */
class ZonesInputTest {

    private static String refusal(String entry) {
        return assertThrows(ZonesException.class, () -> ZonesFile.parseEntry("cam-1", entry)).getMessage();
    }

    @Test
    void malformedEntriesAreRefusedWithAClearMessage() {
        assertTrue(refusal("lines: [{name: a, points: [[1, 2]]}]").contains("a line has 2 points"));
        assertTrue(refusal("lines: [{name: a, points: [[1, 2], [1, 2]]}]").contains("same"));
        assertTrue(refusal("zones: [{name: z, points: [[0, 0], [1, 1]]}]").contains("at least 3 points"));
        assertTrue(refusal("lines: [{points: [[0, 0], [1, 1]]}]").contains("has no name"));
        assertTrue(refusal("lines: [{name: a, points: [[0, 0], [1, 1]]}, {name: a, points: [[0, 0], [2, 2]]}]")
                .contains("used twice"));
        assertTrue(refusal("lines: [{name: a, points: [[0, \"x\"], [1, 1]]}]").contains("not a pair of numbers"));
        assertTrue(refusal("lines: [{name: a, points: [[0, .nan], [1, 1]]}]").contains("out of range"));
        assertTrue(refusal("lines: [{name: a, points: [[0, 1e9], [1, 1]]}]").contains("out of range"));
        assertTrue(refusal("linez: []").contains("unknown key 'linez'"));
        assertTrue(refusal("{lines: [").contains("not valid YAML or JSON"));
        assertTrue(refusal("[1, 2, 3]").contains("expected a mapping"));
        assertTrue(refusal("a: &x [1]\nb: [*x, *x, *x, *x, *x, *x, *x, *x, *x, *x, *x, *x]").length() > 0);
        assertTrue(refusal("x".repeat(ZonesFile.MAX_ENTRY_BYTES + 1)).contains("at most"));
        StringBuilder many = new StringBuilder("lines: [");
        for (int i = 0; i <= ZonesFile.MAX_LINES; i++) {
            many.append(i == 0 ? "" : ", ").append("{name: l").append(i).append(", points: [[0, 0], [1, 1]]}");
        }
        assertTrue(refusal(many + "]").contains("at most " + ZonesFile.MAX_LINES));
        assertTrue(assertThrows(ZonesException.class, () -> ZonesFile.parse("anchor: top")).getMessage()
                .contains("not center or bottom"));
    }

    @Test
    void jsonAndYamlEntriesReadTheSame() throws Exception {
        StreamZones yaml = ZonesFile.parseEntry("cam", "lines: [{name: a, points: [[0, 0], [10, 0]], labels: [car]}]");
        StreamZones json = ZonesFile.parseEntry("cam",
                "{\"lines\": [{\"name\": \"a\", \"points\": [[0, 0], [10, 0]], \"labels\": [\"car\"]}]}");
        assertEquals(yaml, json);
        assertTrue(yaml.lines().get(0).counts("car") && !yaml.lines().get(0).counts("person"));
    }

    /** A malformed record on topic zones: one INVALID_ZONES reject, and the stream keeps its previous entry. */
    @Test
    void aMalformedTopicEntryIsRejectedAndTheOldOneStays() throws Exception {
        JobConfig config = JobConfig.builder().set("models.enabled", "nanodet-coco").build();
        StreamFunction fn = new StreamFunction(config.streamSettings(config.servedModels()));
        var h = new KeyedBroadcastOperatorTestHarness<String, Output, ZoneUpdate, Output>(
                new CoBroadcastWithKeyedOperator<>(fn, List.of(StreamFunction.ZONES)), Output::stream, Types.STRING,
                1, 1, 0);
        h.setup(TypeInformation.of(Output.class).createSerializer(new ExecutionConfig().getSerializerConfig()));
        h.open();
        String good = "lines: [{name: gate, points: [[0, 0], [0, 100]]}]";
        h.processBroadcastElement(new ZoneUpdate("cam-1", good, "zones", 0, 0, 1), 1);
        h.processBroadcastElement(new ZoneUpdate("cam-1", "lines: [{name: gate, points: [[0, 0]]}]", "zones", 0, 1, 2), 2);
        List<Output> out = List.copyOf(h.extractOutputValues());
        assertEquals(1, out.size(), out.toString());
        Reject r = (Reject) out.get(0);
        assertEquals(RejectReason.INVALID_ZONES, r.reason());
        assertEquals("cam-1", r.stream());
        assertEquals(1, r.origin().offset());
        assertTrue(r.message().contains("line 'gate'") && r.message().contains("previous lines and zones stay"),
                r.message());
        StreamZones kept = h.getBroadcastState(StreamFunction.ZONES).get("cam-1");
        assertEquals(ZonesFile.parseEntry("cam-1", good), kept);
        h.processBroadcastElement(new ZoneUpdate("cam-1", null, "zones", 0, 2, 3), 3);
        assertEquals(StreamZones.NONE, h.getBroadcastState(StreamFunction.ZONES).get("cam-1"), "empty value = none");
        h.close();
    }
}
