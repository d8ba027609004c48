package io.visionstream.zones;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the zones file and zones-topic entries (YAML, or JSON, which YAML reads too). Everything is checked
 * here, with a message naming the stream and the line or zone, so a bad entry never reaches the keyed state;
 * the bounds keep one stream's entry, and so its state, small.
 */
public final class ZonesFile {
    public static final int MAX_ENTRY_BYTES = 64 * 1024;
    public static final int MAX_LINES = 64;
    public static final int MAX_ZONES = 64;
    public static final int MAX_POINTS = 256;
    public static final int MAX_STREAMS = 10_000;
    private static final double MAX_COORDINATE = 1_000_000;

    private ZonesFile() {
    }

    /** A whole file: {@code anchor} and {@code streams}. */
    public static ZonesConfig parse(String text) throws ZonesException {
        Object root = load(text, Integer.MAX_VALUE, "zones file");
        if (root == null) {
            return ZonesConfig.NONE;
        }
        Map<?, ?> top = map(root, "zones file");
        for (Object k : top.keySet()) {
            if (!"anchor".equals(k) && !"streams".equals(k)) {
                throw new ZonesException("zones file: unknown key '" + k + "' (expected anchor, streams)");
            }
        }
        Anchor anchor = anchor(top.get("anchor"));
        Map<String, StreamZones> streams = new LinkedHashMap<>();
        Object s = top.get("streams");
        if (s != null) {
            Map<?, ?> m = map(s, "zones file: streams");
            if (m.size() > MAX_STREAMS) {
                throw new ZonesException("zones file: " + m.size() + " streams, at most " + MAX_STREAMS);
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String stream = String.valueOf(e.getKey());
                streams.put(stream, entry(e.getValue(), "stream '" + stream + "'"));
            }
        }
        return new ZonesConfig(anchor, Map.copyOf(streams));
    }

    /** One stream's entry, as a zones-topic value carries it: {@code {lines: [...], zones: [...]}}. */
    public static StreamZones parseEntry(String stream, String text) throws ZonesException {
        String where = "stream '" + abbreviate(stream) + "'";
        if (text.length() > MAX_ENTRY_BYTES) {
            throw new ZonesException(where + ": entry of " + text.length() + " characters, at most " + MAX_ENTRY_BYTES);
        }
        return entry(load(text, MAX_ENTRY_BYTES, where), where);
    }

    private static StreamZones entry(Object value, String where) throws ZonesException {
        if (value == null) {
            return StreamZones.NONE;
        }
        Map<?, ?> m = map(value, where);
        for (Object k : m.keySet()) {
            if (!"lines".equals(k) && !"zones".equals(k)) {
                throw new ZonesException(where + ": unknown key '" + k + "' (expected lines, zones)");
            }
        }
        List<LineSpec> lines = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map<?, ?> l : items(m.get("lines"), where + ": lines", MAX_LINES)) {
            String name = name(l, where + ": a line", names);
            String at = where + ", line '" + name + "'";
            float[][] p = points(l.get("points"), at);
            if (p.length != 2) {
                throw new ZonesException(at + ": a line has 2 points [[x1, y1], [x2, y2]], this one " + p.length);
            }
            if (p[0][0] == p[1][0] && p[0][1] == p[1][1]) {
                throw new ZonesException(at + ": its two points are the same");
            }
            lines.add(new LineSpec(name, p[0][0], p[0][1], p[1][0], p[1][1], labels(l.get("labels"), at)));
        }
        List<ZoneSpec> zones = new ArrayList<>();
        for (Map<?, ?> z : items(m.get("zones"), where + ": zones", MAX_ZONES)) {
            String name = name(z, where + ": a zone", names);
            String at = where + ", zone '" + name + "'";
            float[][] p = points(z.get("points"), at);
            if (p.length < 3) {
                throw new ZonesException(at + ": a zone is a polygon of at least 3 points, this one has " + p.length);
            }
            float[] xs = new float[p.length];
            float[] ys = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                xs[i] = p[i][0];
                ys[i] = p[i][1];
            }
            zones.add(new ZoneSpec(name, xs, ys, labels(z.get("labels"), at)));
        }
        return new StreamZones(List.copyOf(lines), List.copyOf(zones));
    }

    private static Object load(String text, int maxBytes, String where) throws ZonesException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(Math.max(1024, Math.min(maxBytes, 16 * 1024 * 1024)));
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            throw new ZonesException(where + ": not valid YAML or JSON: " + abbreviate(msg.replace('\n', ' ')));
        }
    }

    private static Anchor anchor(Object v) throws ZonesException {
        if (v == null) {
            return Anchor.CENTER;
        }
        try {
            return Anchor.valueOf(String.valueOf(v).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ZonesException("zones file: anchor '" + abbreviate(String.valueOf(v)) + "' is not center or bottom");
        }
    }

    private static Map<?, ?> map(Object v, String where) throws ZonesException {
        if (!(v instanceof Map<?, ?> m)) {
            throw new ZonesException(where + ": expected a mapping, found " + kind(v));
        }
        return m;
    }

    private static List<Map<?, ?>> items(Object v, String where, int max) throws ZonesException {
        List<Map<?, ?>> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw new ZonesException(where + ": expected a list, found " + kind(v));
        }
        if (list.size() > max) {
            throw new ZonesException(where + ": " + list.size() + " entries, at most " + max);
        }
        for (Object o : list) {
            out.add(map(o, where));
        }
        return out;
    }

    private static String name(Map<?, ?> m, String where, Set<String> names) throws ZonesException {
        Object n = m.get("name");
        if (!(n instanceof String s) || s.isBlank()) {
            throw new ZonesException(where + " has no name");
        }
        if (s.length() > 200) {
            throw new ZonesException(where + ": name longer than 200 characters");
        }
        if (!names.add(s)) {
            throw new ZonesException(where + ": the name '" + s + "' is used twice");
        }
        for (Object k : m.keySet()) {
            if (!"name".equals(k) && !"points".equals(k) && !"labels".equals(k)) {
                throw new ZonesException(where + " '" + s + "': unknown key '" + k + "' (expected name, points, labels)");
            }
        }
        return s;
    }

    private static float[][] points(Object v, String where) throws ZonesException {
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw new ZonesException(where + ": points must be a list of [x, y] pairs");
        }
        if (list.size() > MAX_POINTS) {
            throw new ZonesException(where + ": " + list.size() + " points, at most " + MAX_POINTS);
        }
        float[][] out = new float[list.size()][];
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof List<?> p) || p.size() != 2
                    || !(p.get(0) instanceof Number x) || !(p.get(1) instanceof Number y)) {
                throw new ZonesException(where + ": point " + (i + 1) + " is not a pair of numbers [x, y]");
            }
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            if (!Double.isFinite(dx) || !Double.isFinite(dy) || Math.abs(dx) > MAX_COORDINATE
                    || Math.abs(dy) > MAX_COORDINATE) {
                throw new ZonesException(where + ": point " + (i + 1) + " is out of range");
            }
            out[i] = new float[] {(float) dx, (float) dy};
        }
        return out;
    }

    private static Set<String> labels(Object v, String where) throws ZonesException {
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new ZonesException(where + ": labels must be a list of label names");
        }
        Set<String> out = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new ZonesException(where + ": label " + kind(o) + " is not a name");
            }
            out.add(s);
        }
        return Set.copyOf(out);
    }

    private static String kind(Object v) {
        return v == null ? "nothing" : v instanceof Map ? "a mapping" : v instanceof List ? "a list" : "'" + abbreviate(String.valueOf(v)) + "'";
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
