package io.visionstream.zones;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Line crossings and zone entries per frame, from the confirmed tracks' anchors.
 *
 * <p>Hysteresis: a track's side of a line changes only when its anchor is more than {@code hysteresisPx} from the
 * line on the other side; in the band between it keeps the side it had, so jitter on the line never counts.
 * A crossing counts when the side flips and the move from the last anchor clearly on the old side to the
 * current one passes through the segment p1 p2 (a track passing beyond the end of a line flips without
 * counting). A track first seen on a side counts only when it later flips; frames missing in between do not
 * matter, the flip counts once, on the first frame seen on the other side. Zones: inside once the anchor is in
 * the polygon and more than the band from its edge, outside once out and more than the band away. A track
 * dropped by the tracker while inside a zone exits it on that frame.
 */
public final class ZoneCounter {
    private final Anchor anchor;
    private final double band;

    public ZoneCounter(Anchor anchor, double hysteresisPx) {
        this.anchor = anchor;
        this.band = hysteresisPx;
    }

    public List<ZoneEvent> step(ZoneState state, StreamZones zones, List<TrackedBox> boxes, List<Integer> removed) {
        List<ZoneEvent> events = new ArrayList<>();
        for (TrackedBox b : boxes) {
            TrackPlace place = state.places.computeIfAbsent(b.track(), k -> new TrackPlace());
            place.label = b.label();
            double ax = anchor.x(b.x1(), b.x2());
            double ay = anchor.y(b.y1(), b.y2());
            for (LineSpec line : zones.lines()) {
                if (line.counts(b.label())) {
                    crossing(state, place, line, b, ax, ay, events);
                }
            }
            for (ZoneSpec zone : zones.zones()) {
                if (zone.counts(b.label())) {
                    occupancy(state, place, zone, b, ax, ay, events);
                }
            }
        }
        for (Integer track : removed) {
            TrackPlace place = state.places.remove(track);
            if (place == null) {
                continue;
            }
            for (ZoneSpec zone : zones.zones()) {
                if (place.inside.contains(zone.name())) {
                    events.add(exit(state, zone.name(), track, place.label));
                }
            }
        }
        forgetRemovedShapes(state, zones);
        return events;
    }

    private void crossing(ZoneState state, TrackPlace place, LineSpec line, TrackedBox b, double ax, double ay,
                          List<ZoneEvent> events) {
        double d = line.side(ax, ay);
        int now = d > band ? 1 : d < -band ? -1 : 0;
        if (now == 0) {
            return;
        }
        Integer before = place.side.get(line.name());
        float[] last = place.lastClear.get(line.name());
        place.side.put(line.name(), now);
        place.lastClear.put(line.name(), new float[] {(float) ax, (float) ay});
        if (before == null || before == now || !line.crossedBy(last[0], last[1], ax, ay)) {
            return;
        }
        long[] c = state.lines.computeIfAbsent(ZoneState.key(line.name(), b.label()), k -> new long[2]);
        c[now > 0 ? 0 : 1]++;
        events.add(new ZoneEvent(ZoneEvent.Type.CROSS, b.track(), b.label(), line.name(), now > 0 ? "+" : "-",
                c[0], c[1], 0));
    }

    private void occupancy(ZoneState state, TrackPlace place, ZoneSpec zone, TrackedBox b, double ax, double ay,
                           List<ZoneEvent> events) {
        boolean in = zone.contains(ax, ay);
        boolean clear = zone.distanceToEdge(ax, ay) > band;
        boolean was = place.inside.contains(zone.name());
        if (in && clear && !was) {
            place.inside.add(zone.name());
            long[] c = state.zones.computeIfAbsent(ZoneState.key(zone.name(), b.label()), k -> new long[3]);
            c[0]++;
            c[2]++;
            events.add(new ZoneEvent(ZoneEvent.Type.ENTER, b.track(), b.label(), zone.name(), null, c[0], c[1],
                    (int) c[2]));
        } else if (!in && clear && was) {
            place.inside.remove(zone.name());
            events.add(exit(state, zone.name(), b.track(), b.label()));
        }
    }

    private static ZoneEvent exit(ZoneState state, String zone, int track, String label) {
        long[] c = state.zones.computeIfAbsent(ZoneState.key(zone, label), k -> new long[3]);
        c[1]++;
        c[2] = Math.max(0, c[2] - 1);
        return new ZoneEvent(ZoneEvent.Type.EXIT, track, label, zone, null, c[0], c[1], (int) c[2]);
    }

    /**
     * Standings for lines and zones the stream no longer has are forgotten (their counts stay), so an entry that
     * changes often cannot grow a track's state.
     */
    private static void forgetRemovedShapes(ZoneState state, StreamZones zones) {
        if (state.places.isEmpty()) {
            return;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        zones.lines().forEach(l -> names.add(l.name()));
        zones.zones().forEach(z -> names.add(z.name()));
        for (TrackPlace p : state.places.values()) {
            p.side.keySet().retainAll(names);
            p.lastClear.keySet().retainAll(names);
            p.inside.retainAll(names);
        }
    }

    /** Counts of shapes the stream no longer has, dropped once there are more than {@code max} keys. */
    public static void boundCounts(ZoneState state, StreamZones zones, int max) {
        trim(state.lines, zones, max);
        trim(state.zones, zones, max);
    }

    private static void trim(Map<String, long[]> counts, StreamZones zones, int max) {
        if (counts.size() <= max) {
            return;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        zones.lines().forEach(l -> names.add(l.name()));
        zones.zones().forEach(z -> names.add(z.name()));
        Iterator<String> it = counts.keySet().iterator();
        while (it.hasNext() && counts.size() > max) {
            String k = it.next();
            if (!names.contains(k.substring(0, k.indexOf('\u0000')))) {
                it.remove();
            }
        }
    }
}
