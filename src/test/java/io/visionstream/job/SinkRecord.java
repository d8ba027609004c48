package io.visionstream.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionstream.output.Output;
import io.visionstream.output.OutputJson;
import io.visionstream.output.OutputSerializer;
import io.visionstream.output.Reject;
import io.visionstream.output.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An output as the job's sink writes it (topic, key, value, headers), for tests that look at operators alone. */
record SinkRecord(String topic, String key, byte[] value, String kind, String model, long frame) {
    private static final OutputSerializer SINK = new OutputSerializer(new Topics("detections", "masks", "rejects", "events"));

    static SinkRecord of(Output o) {
        ProducerRecord<byte[], byte[]> p = SINK.serialize(o, null, 0L);
        return new SinkRecord(p.topic(), new String(p.key(), StandardCharsets.UTF_8), p.value(), header(p, "kind"),
                header(p, "model"), Long.parseLong(header(p, "frame")));
    }

    /** The outputs of one type, as the sink writes them, in order. */
    static List<SinkRecord> of(Collection<? extends Output> outputs, Class<? extends Output> type) {
        return outputs.stream().filter(type::isInstance).map(SinkRecord::of).collect(Collectors.toList());
    }

    /** The rejects among a side output's records. */
    static List<SinkRecord> rejects(Collection<StreamRecord<Output>> records) {
        return records == null ? List.of() : of(records.stream().map(StreamRecord::getValue).toList(), Reject.class);
    }

    static List<JsonNode> json(List<SinkRecord> records) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (SinkRecord r : records) {
            out.add(OutputJson.mapper().readTree(r.value()));
        }
        return out;
    }

    private static String header(ProducerRecord<byte[], byte[]> p, String name) {
        var h = p.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
