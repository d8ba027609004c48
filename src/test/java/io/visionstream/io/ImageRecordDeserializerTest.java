package io.visionstream.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Hostile headers are read as sent: only surrounding whitespace is dropped, a bad frame falls back to the offset. */
class ImageRecordDeserializerTest {
    private static ImageRecord read(String model, String frame) {
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("images", 1, 42, "cam".getBytes(StandardCharsets.UTF_8),
                new byte[] {1});
        if (model != null) {
            r.headers().add("model", model.getBytes(StandardCharsets.UTF_8));
        }
        if (frame != null) {
            r.headers().add("frame", frame.getBytes(StandardCharsets.UTF_8));
        }
        List<ImageRecord> out = new ArrayList<>();
        new ImageRecordDeserializer("nanodet-coco").deserialize(r, new ListCollector<>(out));
        return out.get(0);
    }

    @Test
    void modelNamesLoseWhitespaceButNotControlCharacters() {
        assertEquals("nanodet-coco", read(" nanodet-coco\t", null).model);
        assertEquals("nanodet-coco", read("   ", null).model, "blank: the default");
        assertEquals("nanodet-coco\u0000", read("nanodet-coco\u0000", null).model, "a NUL makes it another name");
        assertEquals(42, read(null, "not a number").frame);
        assertEquals(7, read(null, " 7 ").frame);
    }
}
