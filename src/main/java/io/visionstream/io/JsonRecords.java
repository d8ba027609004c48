package io.visionstream.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstream.guard.Echo;
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

    /** A reject quotes the refused model name and its message only up to a bound ({@link Echo}). */
    public static byte[] reject(ImageRecord in, RejectReason reason, String message) {
        ObjectNode o = origin(in);
        o.put("model", Echo.header(in.model));
        o.put("reason", reason.name());
        o.put("message", Echo.message(message));
        return bytes(o);
    }

    /**
     * What was published on the masks topic with a result: an overlay (its format, null when none), and the
     * task's own PNG (mask or output image), or why that PNG was left out.
     */
    public record Published(String topic, String overlayFormat, boolean png, String pngError) {
        public boolean overlay() {
            return overlayFormat != null;
        }
    }

    /**
     * The result of one image, without {@code streamSeq}: the inference step is not keyed by stream (one busy
     * stream uses every slot), so the per-stream count is added by the keyed step after it ({@link #withStreamSeq}).
     */
    public static byte[] result(ImageRecord in, ModelSpec spec, TaskResult result, RunInfo run, StepTimings t,
                                Published published) {
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
        } else if (result instanceof TaskResult.Texts tx) {
            ArrayNode arr = o.putArray("texts");
            for (TaskResult.TextRegion r : tx.texts()) {
                ObjectNode n = arr.addObject();
                ArrayNode poly = n.putArray("polygon");
                for (float[] p : r.polygon()) {
                    poly.addArray().add(round(p[0], 1)).add(round(p[1], 1));
                }
                n.put("score", round(r.score(), 4));
                if (r.text() != null) {
                    n.put("text", r.text());
                    n.put("textScore", round(r.textScore(), 4));
                }
            }
        } else if (result instanceof TaskResult.Segments sg) {
            ArrayNode arr = o.putArray("segments");
            for (TaskResult.Segment seg : sg.segments()) {
                ObjectNode n = arr.addObject();
                n.put("label", seg.label());
                n.put("classId", seg.classId());
                n.put("coverage", round(seg.coverage(), 4));
                ArrayNode box = n.putArray("box");
                for (int v : seg.box()) {
                    box.add(v);
                }
            }
            ObjectNode mask = reference(o.putObject("mask"), in, published);
            mask.put("format", "png");
        } else if (result instanceof TaskResult.ImageOutput io) {
            ObjectNode out = reference(o.putObject("output"), in, published);
            out.put("width", io.width());
            out.put("height", io.height());
            out.put("format", "png");
        } else if (result instanceof TaskResult.Classes cl) {
            ArrayNode arr = o.putArray("classes");
            for (TaskResult.ClassScore c : cl.classes()) {
                ObjectNode n = arr.addObject();
                n.put("label", c.label());
                n.put("classId", c.classId());
                n.put("score", round(c.score(), 4));
            }
        }
        if (published.overlay()) {
            ObjectNode ov = o.putObject("overlay");
            ov.put("topic", published.topic());
            ov.put("key", in.stream);
            ov.put("format", published.overlayFormat());
        }
        o.put("device", run.device());
        o.put("fallback", run.fallback());
        o.put("tiles", run.tiles());
        o.put("batch", run.batch());
        o.putArray("inputSize").add(run.inputWidth()).add(run.inputHeight());
        if (run.profile() != null) {
            o.put("profile", run.profile());
        }
        ObjectNode ms = o.putObject("timingsMs");
        ms.put("decode", round(t.decode, 1));
        ms.put("preprocess", round(t.preprocess, 1));
        ms.put("inference", round(t.inference, 1));
        ms.put("postprocess", round(t.postprocess, 1));
        return bytes(o);
    }

    /**
     * The result JSON with {@code "streamSeq":n} as its last field. Spliced into the bytes rather than parsed and
     * written again: the keyed step that counts does this for every result and the JSON is complete otherwise.
     */
    public static byte[] withStreamSeq(byte[] json, long seq) {
        int end = json.length - 1;
        while (end >= 0 && json[end] != '}') {
            end--;
        }
        if (end < 1) {
            throw new IllegalArgumentException("not a JSON object");
        }
        byte[] field = ((json[end - 1] == '{' ? "" : ",") + "\"streamSeq\":" + seq).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[json.length + field.length];
        System.arraycopy(json, 0, out, 0, end);
        System.arraycopy(field, 0, out, end, field.length);
        System.arraycopy(json, end, out, end + field.length, json.length - end);
        return out;
    }

    private static ObjectNode reference(ObjectNode n, ImageRecord in, Published published) {
        if (published.png()) {
            n.put("topic", published.topic());
            n.put("key", in.stream);
        } else {
            n.putNull("topic");
            n.put("error", published.pngError());
        }
        return n;
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
