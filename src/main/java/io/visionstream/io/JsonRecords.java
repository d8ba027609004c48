package io.visionstream.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstream.guard.RejectReason;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.TaskResult;
import io.visionstream.model.detect.Detection;
import java.io.UncheckedIOException;

/** The result and reject JSON of DESIGN.md §4. */
public final class JsonRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRecords() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Fields shared by results and rejects: which input this is about. */
    private static ObjectNode origin(ImageRecord in) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("stream", in.stream);
        o.put("frame", in.frame);
        ObjectNode source = o.putObject("source");
        source.put("topic", in.topic);
        source.put("partition", in.partition);
        source.put("offset", in.offset);
        o.put("model", in.model);
        return o;
    }

    public static byte[] reject(ImageRecord in, RejectReason reason, String message) {
        ObjectNode o = origin(in);
        o.put("reason", reason.name());
        o.put("message", message);
        return bytes(o);
    }

    /** The result of one image; {@code overlayTopic} is set when an overlay PNG was published with it. */
    public static byte[] result(ImageRecord in, ModelSpec spec, TaskResult result, String device, boolean fallback,
                                int tiles, StepTimings t, String overlayTopic, long sequence) {
        ObjectNode o = origin(in);
        o.put("task", spec.task().wireName());
        ObjectNode image = o.putObject("image");
        image.put("width", in.width);
        image.put("height", in.height);
        if (result instanceof TaskResult.Detections d) {
            ArrayNode arr = o.putArray("detections");
            for (Detection det : d.detections()) {
                ObjectNode n = arr.addObject();
                n.put("label", det.label());
                n.put("classId", det.classId());
                n.put("score", round(det.score(), 4));
                ArrayNode box = n.putArray("box");
                box.add(round(det.x1(), 1)).add(round(det.y1(), 1)).add(round(det.x2(), 1)).add(round(det.y2(), 1));
            }
        }
        if (overlayTopic != null) {
            ObjectNode ov = o.putObject("overlay");
            ov.put("topic", overlayTopic);
            ov.put("key", in.stream);
            ov.put("format", "png");
        }
        o.put("device", device);
        o.put("fallback", fallback);
        o.put("tiles", tiles);
        o.putArray("inputSize").add(spec.inputWidth()).add(spec.inputHeight());
        o.put("streamSeq", sequence);
        ObjectNode ms = o.putObject("timingsMs");
        ms.put("decode", round(t.decode, 1));
        ms.put("preprocess", round(t.preprocess, 1));
        ms.put("inference", round(t.inference, 1));
        ms.put("postprocess", round(t.postprocess, 1));
        return bytes(o);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static byte[] bytes(ObjectNode o) {
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
