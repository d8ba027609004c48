package io.visionstream.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Kafka record to {@link ImageRecord}. Never throws: missing or malformed headers fall back to defaults
 * (model: the job's default; frame: the Kafka offset), so a bad producer cannot put the job in a restart loop.
 * A model name loses surrounding whitespace only ({@code strip}, not {@code trim}): "nanodet-coco\0" names no
 * model, it is not quietly read as nanodet-coco.
 */
public class ImageRecordDeserializer implements KafkaRecordDeserializationSchema<ImageRecord> {
    public static final String HEADER_MODEL = "model";
    public static final String HEADER_FRAME = "frame";
    public static final String HEADER_PROFILE = "profile";

    private final String defaultModel;

    public ImageRecordDeserializer(String defaultModel) {
        this.defaultModel = defaultModel;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<ImageRecord> out) {
        String stream = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        String model = header(r, HEADER_MODEL);
        long frame = r.offset();
        boolean numbered = false;
        String frameText = header(r, HEADER_FRAME);
        if (frameText != null) {
            try {
                frame = Long.parseLong(frameText.trim());
                numbered = true;
            } catch (NumberFormatException ignored) {
                // a non-numeric frame header is not worth losing the image for; the offset identifies it
            }
        }
        ImageRecord in = new ImageRecord(stream, frame, r.topic(), r.partition(), r.offset(),
                model == null || model.isBlank() ? defaultModel : model.strip(), header(r, HEADER_PROFILE),
                r.value() == null ? new byte[0] : r.value());
        in.timestamp = r.timestamp();
        in.numbered = numbered;
        out.collect(in);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public TypeInformation<ImageRecord> getProducedType() {
        return TypeInformation.of(ImageRecord.class);
    }
}
