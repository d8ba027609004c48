package io.visionstream.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads topic zones: key = stream id, value = the entry's text; an empty value or a tombstone removes the
 * entry. Never throws: whether the text is a valid entry is checked where it is applied, and answered there.
 */
public class ZoneUpdateDeserializer implements KafkaRecordDeserializationSchema<ZoneUpdate> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<ZoneUpdate> out) {
        String stream = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        String text = r.value() == null || r.value().length == 0 ? null : new String(r.value(), StandardCharsets.UTF_8);
        out.collect(new ZoneUpdate(stream, text, r.topic(), r.partition(), r.offset(), r.timestamp()));
    }

    @Override
    public TypeInformation<ZoneUpdate> getProducedType() {
        return TypeInformation.of(ZoneUpdate.class);
    }
}
