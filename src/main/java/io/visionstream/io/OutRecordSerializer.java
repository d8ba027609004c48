package io.visionstream.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/** Routes each {@link OutRecord} to its topic, keyed by stream id, with the headers of DESIGN.md §4. */
public class OutRecordSerializer implements KafkaRecordSerializationSchema<OutRecord> {

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutRecord r, KafkaSinkContext context, Long timestamp) {
        List<Header> headers = new ArrayList<>(4);
        headers.add(header("frame", Long.toString(r.frame)));
        if (r.model != null) {
            headers.add(header("model", r.model));
        }
        if (r.kind != null) {
            headers.add(header("kind", r.kind));
        }
        if (r.format != null) {
            headers.add(header("format", r.format));
        }
        byte[] key = r.key == null ? null : r.key.getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(r.topic, null, timestamp, key, r.value, headers);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
