package io.visionstream.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionstream.result.TaskResult;
import io.visionstream.result.Detection;
import io.visionstream.result.Person;
import io.visionstream.result.Stage;
import io.visionstream.reject.Echo;
import io.visionstream.zones.ZoneEvent;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The result and reject JSON of DESIGN.md §4, written by the sink's serializer. */
public final class OutputJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Fields shared by results and rejects: which input this is about. */
    private static ObjectNode origin(Origin in) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("stream", in.stream());
        o.put("frame", in.frame());
        ObjectNode source = o.putObject("source");
        source.put("topic", in.topic());
        source.put("partition", in.partition());
        source.put("offset", in.offset());
        o.put("model", in.model());
        return o;
    }

    /** A reject quotes the refused model name and its message only up to a bound ({@link Echo}). */
    public static byte[] reject(Reject r) {
        ObjectNode o = origin(r.origin());
        o.put("model", Echo.header(r.origin().model()));
        o.put("reason", r.reason().name());
        o.put("message", Echo.message(r.message()));
        return bytes(o);
    }

    /** A result; {@code masksTopic} is where its pictures went. */
    public static byte[] result(Result r, String masksTopic) {
        ObjectNode o = origin(r.origin());
        o.put("task", r.task().wireName());
        ObjectNode image = o.putObject("image");
        image.put("width", r.width());
        image.put("height", r.height());
        payload(o, r, masksTopic);
        if (r.pictures().overlay()) {
            ObjectNode ov = o.putObject("overlay");
            ov.put("topic", masksTopic);
            ov.put("key", r.stream());
            ov.put("format", r.pictures().overlayFormat());
        }
        RunInfo run = r.run();
        o.put("device", run.device());
        o.put("fallback", run.fallback());
        o.put("tiles", run.tiles());
        o.put("batch", run.batch());
        o.putArray("inputSize").add(run.inputWidth()).add(run.inputHeight());
        if (run.profile() != null) {
            o.put("profile", run.profile());
        }
        ObjectNode ms = o.putObject("timingsMs");
        for (Map.Entry<String, Double> e : run.timingsMs().entrySet()) {
            ms.put(e.getKey(), round(e.getValue(), 1));
        }
        if (r.streamSeq() > 0) {
            o.put("streamSeq", r.streamSeq());
        }
        return bytes(o);
    }

    /** An event of topic events: which frame, which track, what happened where, and the counts after it. */
    public static byte[] event(Event e) {
        ZoneEvent z = e.event();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("stream", e.origin().stream());
        o.put("frame", e.origin().frame());
        o.put("timestamp", e.origin().timestamp());
        o.put("track", z.track());
        o.put("label", z.label());
        o.put("type", z.type().wireName());
        o.put("zone", z.zone());
        ObjectNode counts;
        if (z.type() == ZoneEvent.Type.CROSS) {
            o.put("direction", z.direction());
            counts = o.putObject("counts");
            counts.put("+", z.plus());
            counts.put("-", z.minus());
        } else {
            o.putNull("direction");
            o.put("occupancy", z.occupancy());
            counts = o.putObject("counts");
            counts.put("enter", z.plus());
            counts.put("exit", z.minus());
            counts.put("occupancy", z.occupancy());
        }
        return bytes(o);
    }

    private static void payload(ObjectNode o, Result r, String masksTopic) {
        TaskResult result = r.result();
        fields(o, result, r.tracks());
        // a cascade's frame mask has left the result by now (pixels never travel): the pictures say it was there
        boolean cascadeMask = result instanceof TaskResult.Detections
                && (r.pictures().image() || r.pictures().imageError() != null);
        if (result instanceof TaskResult.Segments || cascadeMask) {
            reference(o.putObject("mask"), r, masksTopic).put("format", "png");
        } else if (result instanceof TaskResult.ImageOutput io) {
            ObjectNode out = reference(o.putObject("output"), r, masksTopic);
            out.put("width", io.width());
            out.put("height", io.height());
            out.put("format", "png");
        }
    }

    /** A task result's own fields (detections, texts, segments and people, classes): the same at the top and in a cascade's "then". */
    private static void fields(ObjectNode o, TaskResult result, int[] tracks) {
        if (result instanceof TaskResult.Detections d) {
            ArrayNode arr = o.putArray("detections");
            for (int i = 0; i < d.detections().size(); i++) {
                Detection det = d.detections().get(i);
                ObjectNode n = arr.addObject();
                n.put("label", det.label());
                n.put("classId", det.classId());
                n.put("score", round(det.score(), 4));
                ArrayNode box = n.putArray("box");
                box.add(round(det.x1(), 1)).add(round(det.y1(), 1)).add(round(det.x2(), 1)).add(round(det.y2(), 1));
                if (tracks != null && i < tracks.length && tracks[i] > 0) {
                    n.put("track", tracks[i]);
                } else {
                    n.putNull("track");
                }
                Stage stage = d.stage(i);
                if (stage != null) {
                    stage(n.putObject("then"), stage);
                }
            }
            if (d.stages() != null) {
                cascadeSummary(o.putObject("cascade"), d.stages());
            }
        } else if (result instanceof TaskResult.Texts tx) {
            ArrayNode arr = o.putArray("texts");
            for (TaskResult.TextRegion t : tx.texts()) {
                ObjectNode n = arr.addObject();
                ArrayNode poly = n.putArray("polygon");
                for (float[] p : t.polygon()) {
                    poly.addArray().add(round(p[0], 1)).add(round(p[1], 1));
                }
                n.put("score", round(t.score(), 4));
                if (t.text() != null) {
                    n.put("text", t.text());
                    n.put("textScore", round(t.textScore(), 4));
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
            if (!sg.people().isEmpty()) {
                people(o.putArray("people"), sg.people());
            }
        } else if (result instanceof TaskResult.Classes cl) {
            ArrayNode arr = o.putArray("classes");
            for (TaskResult.ClassScore c : cl.classes()) {
                ObjectNode n = arr.addObject();
                n.put("label", c.label());
                n.put("classId", c.classId());
                n.put("score", round(c.score(), 4));
            }
        }
    }

    private static void people(ArrayNode arr, List<Person> people) {
        for (Person p : people) {
            ObjectNode n = arr.addObject();
            ArrayNode box = n.putArray("box");
            for (float v : p.box()) {
                box.add(round(v, 1));
            }
            n.put("score", round(p.score(), 4));
            ObjectNode parts = n.putObject("parts");
            p.parts().forEach((name, share) -> parts.put(name, round(share, 4)));
            ArrayNode kps = n.putArray("keypoints");
            for (Person.Keypoint k : p.keypoints()) {
                kps.addObject().put("name", k.name()).put("x", round(k.x(), 1)).put("y", round(k.y(), 1))
                        .put("score", round(k.score(), 4));
            }
        }
    }

    /** How many detections the second stage read, skipped (over maxCrops) and failed on. */
    private static void cascadeSummary(ObjectNode n, List<Stage> stages) {
        int[] counts = new int[Stage.Status.values().length];
        String model = null;
        int reused = 0;
        for (Stage s : stages) {
            if (s != null) {
                counts[s.status().ordinal()]++;
                model = s.model();
                reused += s.reused() ? 1 : 0;
            }
        }
        n.put("then", model);
        n.put("crops", counts[Stage.Status.OK.ordinal()] + counts[Stage.Status.FAILED.ordinal()] - reused);
        n.put("ok", counts[Stage.Status.OK.ordinal()]);
        n.put("reused", reused);
        n.put("failed", counts[Stage.Status.FAILED.ordinal()]);
        n.put("notRun", counts[Stage.Status.NOT_RUN.ordinal()]);
    }

    /** A cascade's second stage on one detection: its model, status, and its result's fields or why there are none. */
    private static void stage(ObjectNode n, Stage stage) {
        n.put("model", stage.model());
        n.put("status", stage.status().wireName());
        if (stage.reused()) {
            n.put("reused", true);
        }
        if (stage.result() != null) {
            n.put("task", stage.result().task().wireName());
            fields(n, stage.result(), null);
        } else {
            n.put("message", Echo.message(stage.message()));
        }
    }

    private static ObjectNode reference(ObjectNode n, Result r, String masksTopic) {
        if (r.pictures().image()) {
            n.put("topic", masksTopic);
            n.put("key", r.stream());
        } else {
            n.putNull("topic");
            n.put("error", r.pictures().imageError());
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
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
