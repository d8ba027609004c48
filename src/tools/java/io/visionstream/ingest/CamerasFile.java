package io.visionstream.ingest;

import io.visionstream.config.Nearest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code --cameras cameras.yaml}: many cameras in one process. The keys are the per-camera options' names
 * without the dashes; {@code defaults:} applies to every entry (an entry's own key wins, and the command line's
 * per-camera options are the defaults of the defaults):
 * <pre>
 * defaults:
 *   fps: 5
 *   model: nanodet-coco
 * cameras:
 *   - stream: gate
 *     source: rtsp://user:pass@10.0.0.5:554/stream1
 *   - stream: yard
 *     source: rtsp://10.0.0.6/h264
 *     rtsp-transport: udp
 *     max-side: 1280
 * </pre>
 */
public final class CamerasFile {
    /** Every key a camera has; the same names as the command-line options. */
    public static final Set<String> KEYS = Set.of("stream", "source", "fps", "keyframes-only", "max-side", "model",
            "profile", "quality", "loop", "queue-frames", "stall-timeout-s", "rtsp-transport");

    private CamerasFile() {
    }

    public static List<CameraConfig> read(Path file, Map<String, Object> base) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read cameras file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, base, file.toString());
    }

    static List<CameraConfig> parse(String yaml, Map<String, Object> base, String where) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(where + ": expected a map with a 'cameras:' list");
        }
        for (Object k : top.keySet()) {
            if (!"cameras".equals(k) && !"defaults".equals(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "' (the file has defaults: and cameras:)");
            }
        }
        Map<String, Object> defaults = new LinkedHashMap<>(base);
        if (top.get("defaults") != null) {
            defaults.putAll(entry(top.get("defaults"), where + " defaults"));
        }
        if (!(top.get("cameras") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(where + ": 'cameras:' must be a list with one entry per camera");
        }
        List<CameraConfig> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> values = new LinkedHashMap<>(defaults);
            values.putAll(entry(list.get(i), where + " camera " + (i + 1)));
            out.add(camera(values));
        }
        return out;
    }

    private static Map<String, Object> entry(Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected a map of camera keys");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "'; did you mean '"
                        + Nearest.of(k, KEYS) + "'?");
            }
            out.put(k, e.getValue());
        }
        return out;
    }

    /** One camera from its keys; missing keys take the built-in defaults. */
    public static CameraConfig camera(Map<String, Object> v) {
        return new CameraConfig(str(v, "stream"), str(v, "source"), num(v, "fps", 0), bool(v, "keyframes-only"),
                (int) num(v, "max-side", CameraConfig.DEFAULT_MAX_SIDE), str(v, "model"), str(v, "profile"),
                (int) num(v, "quality", CameraConfig.DEFAULT_QUALITY), bool(v, "loop"),
                (int) num(v, "queue-frames", CameraConfig.DEFAULT_QUEUE_FRAMES),
                num(v, "stall-timeout-s", CameraConfig.DEFAULT_STALL_TIMEOUT_S), str(v, "rtsp-transport"));
    }

    private static String str(Map<String, Object> v, String k) {
        Object o = v.get(k);
        return o == null ? null : String.valueOf(o);
    }

    private static double num(Map<String, Object> v, String k, double dflt) {
        Object o = v.get(k);
        if (o == null) {
            return dflt;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("camera key " + k + ": a number, not '" + o + "'");
        }
    }

    private static boolean bool(Map<String, Object> v, String k) {
        Object o = v.get(k);
        if (o == null) {
            return false;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(o);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("camera key " + k + ": true or false, not '" + o + "'");
    }
}
