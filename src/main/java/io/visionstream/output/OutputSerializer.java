package io.visionstream.output;

import io.visionstream.reject.Echo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The sink's serialization schema, composed as flink-connector-kafka's builder composes one: the topic from
 * {@link Topics}, the value from {@link OutputJson} (results, rejects) or the picture's bytes, and the headers of
 * DESIGN.md §4 ({@code frame}, {@code model}, and {@code kind}, {@code format} on pictures); the key is the stream.
 */
public class OutputSerializer implements KafkaRecordSerializationSchema<Output> {
    private final Topics topics;

    public OutputSerializer(Topics topics) {
        this.topics = topics;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Output o, KafkaSinkContext context, Long timestamp) {
        byte[] value;
        if (o instanceof Result r) {
            value = OutputJson.result(r, topics.masks());
        } else if (o instanceof Reject r) {
            value = OutputJson.reject(r);
        } else if (o instanceof Event e) {
            value = OutputJson.event(e);
        } else {
            value = ((Picture) o).bytes();
        }
        List<Header> headers = new ArrayList<>(4);
        headers.add(header("frame", Long.toString(o.origin().frame())));
        String model = o instanceof Reject ? Echo.header(o.origin().model()) : o.origin().model();
        if (model != null) {
            headers.add(header("model", model));
        }
        if (o instanceof Picture p) {
            headers.add(header("kind", p.kind().wireName()));
            headers.add(header("format", p.format()));
        }
        byte[] key = o.stream() == null ? null : o.stream().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topics.of(o), null, timestamp, key, value, headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
