package io.visionstream.track;

import io.visionstream.result.Detection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Comparator;
import java.util.List;

/**
 * ByteTrack (Zhang et al., ECCV 2022), following BYTETracker.update of its reference implementation: the
 * confident detections are matched to the tracked and lost tracks by IoU (fused with the score), the
 * low-score detections then to the tracks still unmatched, the remaining confident detections to the
 * unconfirmed tracks; what is left of them starts new tracks. Three departures, all for a camera product:
 * boxes match only boxes of the same label (duplicate removal, as ByteTrack's, looks at boxes only); a track
 * gets its id when it is confirmed, so ids count 1, 2, 3... per stream without gaps; and what IoU leaves is
 * matched by distance (stage 4), so an object faster than its own size a frame is followed at all. All state is in the
 * {@link TrackerState} passed in, so Flink checkpoints it.
 */
public final class ByteTracker {
    /** How near, in sizes of its box, a track's predicted centre must be to a detection to match it by distance. */
    static final double NEAR = 0.5;
    private final TrackerSettings settings;

    /**
     * The tracker's answer for one frame: each detection's track id (0: none yet), the confirmed ids dropped, and
     * each detection's track key (the tracker's own number for a track from its first frame on, confirmed or not;
     * -1: no track).
     */
    public record Step(int[] ids, List<Integer> removed, int refused, long[] keys) { }

    public ByteTracker(TrackerSettings settings) {
        this.settings = settings;
    }

    /** A frame without detections (rejected or empty): tracks age, none are matched. */
    public Step skip(TrackerState state) {
        return update(state, List.of());
    }

    public Step update(TrackerState state, List<Detection> all) {
        state.frames++;
        int[] index = strongest(all);
        List<Detection> detections = new ArrayList<>(index.length);
        for (int i : index) {
            detections.add(all.get(i));
        }
        int[] ids = new int[all.size()];
        long[] keys = new long[all.size()];
        Arrays.fill(keys, -1);
        Set<Track> matchedNow = Collections.newSetFromMap(new IdentityHashMap<>());
        Track[] owner = new Track[detections.size()];

        List<Integer> high = new ArrayList<>();
        List<Integer> low = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            float s = detections.get(i).score();
            if (s >= settings.highScore()) {
                high.add(i);
            } else if (s > settings.lowScore()) {
                low.add(i);
            }
        }
        List<Track> unconfirmed = new ArrayList<>();
        List<Track> pool = new ArrayList<>(); // confirmed tracks, tracked or lost
        for (Track t : state.tracks) {
            (t.confirmed() ? pool : unconfirmed).add(t);
        }
        for (Track t : pool) {
            if (t.lost > 0) {
                t.mean[7] = 0; // a lost track's height stops changing, as ByteTrack's multi_predict does
            }
            KalmanBoxFilter.predict(t.mean, t.cov);
        }

        // 1. confident detections against every confirmed track
        List<Integer> highLeft = new ArrayList<>();
        List<Track> poolLeft = new ArrayList<>();
        associate(pool, high, detections, 1 - settings.firstIou(), true, owner, matchedNow, poolLeft, highLeft,
                state.frames);
        // 2. low-score detections against the tracks matched on the previous frame and not yet now
        List<Track> recent = new ArrayList<>();
        for (Track t : poolLeft) {
            if (t.lost == 0) {
                recent.add(t);
            }
        }
        associate(recent, low, detections, 1 - settings.secondIou(), false, owner, matchedNow, new ArrayList<>(),
                new ArrayList<>(), state.frames);
        // 3. the remaining confident detections against unconfirmed tracks (seen on one frame so far)
        List<Integer> fresh = new ArrayList<>();
        List<Track> unconfirmedLeft = new ArrayList<>();
        associate(unconfirmed, highLeft, detections, 1 - settings.unconfirmedIou(), true, owner, matchedNow,
                unconfirmedLeft, fresh, state.frames);

        // 4. (not ByteTrack's) the confident detections still left against the tracks still unmatched, by distance
        // instead of IoU: an object moving more than its own size a frame overlaps neither its box of the previous
        // frame (a track seen once has no velocity yet) nor, while the filter is still learning its speed, its
        // predicted box after a missed frame
        if (settings.maxJump() > 0 && !fresh.isEmpty()) {
            List<Track> open = new ArrayList<>();
            for (Track t : state.tracks) {
                boolean seenOnce = t.hits == 1 && t.lastFrame == state.frames - 1 && vacated(t, detections);
                if (!matchedNow.contains(t) && (seenOnce || t.confirmed() && t.hits > 1)) {
                    open.add(t);
                }
            }
            List<Integer> left = new ArrayList<>();
            jump(open, fresh, detections, owner, matchedNow, left, state.frames);
            fresh = left;
        }

        for (Track t : state.tracks) {
            if (t.id == -1) {
                t.id = state.nextId++;
            }
        }
        List<Integer> removed = new ArrayList<>();
        List<Track> next = new ArrayList<>(state.tracks.size() + fresh.size());
        for (Track t : state.tracks) {
            if (matchedNow.contains(t)) {
                next.add(t);
                continue;
            }
            if (!t.confirmed()) {
                continue; // an unconfirmed track unmatched once is gone (ByteTrack marks it removed)
            }
            t.lost++;
            if (t.lost > settings.maxLost()) {
                removed.add(t.id);
            } else {
                next.add(t);
            }
        }
        int refused = 0;
        for (int i : fresh) {
            Detection d = detections.get(i);
            if (d.score() < settings.newTrackScore()) {
                continue;
            }
            if (next.size() >= settings.maxTracks() && !dropOldestLost(next, removed)) {
                refused++;
                continue;
            }
            Track t = start(state, d);
            if (state.frames == 1) {
                t.id = state.nextId++; // as ByteTrack: tracks of a stream's first frame are confirmed at once
            }
            next.add(t);
            owner[i] = t;
        }
        removeDuplicates(next, removed);
        state.tracks = next;
        Set<Track> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(next);
        for (int i = 0; i < detections.size(); i++) {
            Track t = owner[i];
            if (t != null && kept.contains(t)) {
                keys[index[i]] = t.key;
                if (t.confirmed()) {
                    ids[index[i]] = t.id;
                }
            }
        }
        return new Step(ids, removed, refused, keys);
    }

    /**
     * Matches tracks to the detections {@code candidates}; a matched track takes the detection (Kalman update,
     * hits, confirmation), the unmatched tracks and detections are added to {@code tracksLeft}, {@code detsLeft}.
     */
    private void associate(List<Track> tracks, List<Integer> candidates, List<Detection> detections, double limit,
                           boolean fuseScore, Track[] owner, Set<Track> matchedNow, List<Track> tracksLeft,
                           List<Integer> detsLeft, long frame) {
        double[][] cost = new double[tracks.size()][candidates.size()];
        for (int r = 0; r < tracks.size(); r++) {
            Track t = tracks.get(r);
            float[] box = t.box();
            for (int c = 0; c < candidates.size(); c++) {
                Detection d = detections.get(candidates.get(c));
                if (d.classId() != t.classId) {
                    cost[r][c] = Double.POSITIVE_INFINITY;
                    continue;
                }
                double iou = iou(box, d);
                cost[r][c] = fuseScore ? 1 - iou * d.score() : 1 - iou;
            }
        }
        int[] match = Assignment.solve(cost, tracks.size(), candidates.size(), limit);
        for (int r = 0; r < tracks.size(); r++) {
            if (match[r] < 0) {
                tracksLeft.add(tracks.get(r));
            } else {
                claim(tracks.get(r), candidates.get(match[r]), detections, owner, matchedNow, frame);
            }
        }
        unmatched(candidates, match, detsLeft);
    }

    /** Track t takes detection di on this frame. */
    private void claim(Track t, int di, List<Detection> detections, Track[] owner, Set<Track> matchedNow, long frame) {
        take(t, detections.get(di), frame);
        owner[di] = t;
        matchedNow.add(t);
    }

    /** The candidates no track took in {@code match} (track -> candidate, -1: none), in their order. */
    private static void unmatched(List<Integer> candidates, int[] match, List<Integer> detsLeft) {
        boolean[] taken = new boolean[candidates.size()];
        for (int m : match) {
            if (m >= 0) {
                taken[m] = true;
            }
        }
        for (int c = 0; c < candidates.size(); c++) {
            if (!taken[c]) {
                detsLeft.add(candidates.get(c));
            }
        }
    }

    /**
     * Matches tracks to detections of the same label and a height within a factor 2, nearest centres first: a track
     * seen once within maxJump sizes of its box, then taking the move between its two boxes as its velocity (which
     * the filter would take several frames to learn); any other track within {@link #NEAR} of a size of its
     * predicted centre, close enough that only a low IoU (a box that changed shape, a low score) kept it unmatched.
     */
    private void jump(List<Track> tracks, List<Integer> candidates, List<Detection> detections, Track[] owner,
                      Set<Track> matchedNow, List<Integer> detsLeft, long frame) {
        double[][] cost = new double[tracks.size()][candidates.size()];
        for (int r = 0; r < tracks.size(); r++) {
            Track t = tracks.get(r);
            double size = Math.max(t.mean[2] * t.mean[3], t.mean[3]);
            double reach = (t.hits == 1 ? settings.maxJump() : NEAR) * size;
            for (int c = 0; c < candidates.size(); c++) {
                Detection d = detections.get(candidates.get(c));
                double h = d.y2() - d.y1();
                double dist = Math.hypot((d.x1() + d.x2()) / 2.0 - t.mean[0], (d.y1() + d.y2()) / 2.0 - t.mean[1]);
                boolean fits = d.classId() == t.classId && h <= 2 * t.mean[3] && 2 * h >= t.mean[3];
                cost[r][c] = fits ? dist / reach : Double.POSITIVE_INFINITY;
            }
        }
        int[] match = Assignment.solve(cost, tracks.size(), candidates.size(), 1.0);
        for (int r = 0; r < tracks.size(); r++) {
            if (match[r] < 0) {
                continue;
            }
            Track t = tracks.get(r);
            Detection d = detections.get(candidates.get(match[r]));
            boolean seenOnce = t.hits == 1;
            double x = t.mean[0];
            double y = t.mean[1];
            long gap = frame - t.lastFrame;
            claim(t, candidates.get(match[r]), detections, owner, matchedNow, frame);
            if (seenOnce) {
                t.mean[4] = ((d.x1() + d.x2()) / 2.0 - x) / gap;
                t.mean[5] = ((d.y1() + d.y2()) / 2.0 - y) / gap;
            }
        }
        unmatched(candidates, match, detsLeft);
    }

    /** Whether no detection of the track's label overlaps its box: the object is not where the track saw it. */
    private static boolean vacated(Track t, List<Detection> detections) {
        float[] box = t.box();
        for (Detection d : detections) {
            if (d.classId() == t.classId && iou(box, d) > 0) {
                return false;
            }
        }
        return true;
    }

    private void take(Track t, Detection d, long frame) {
        KalmanBoxFilter.update(t.mean, t.cov, measurement(d));
        t.lastFrame = frame;
        t.score = d.score();
        t.hits++;
        t.lost = 0;
        if (!t.confirmed() && t.hits >= settings.minHits()) {
            t.id = -1; // marked; numbered below so that ids follow confirmation order within the frame
        }
    }

    private static Track start(TrackerState state, Detection d) {
        Track t = new Track();
        t.key = state.nextKey++;
        t.classId = d.classId();
        t.label = d.label();
        t.score = d.score();
        t.hits = 1;
        t.firstFrame = state.frames;
        t.lastFrame = state.frames;
        KalmanBoxFilter.initiate(measurement(d), t.mean, t.cov);
        return t;
    }

    /**
     * ByteTrack's remove_duplicate_stracks: a tracked and a lost track that overlap almost entirely
     * (IoU above 0.85) are one object; the one followed for fewer frames (last match − start) goes, the tracked one
     * on a tie (so a new track never starts where a lost one waits, and a long-followed track is not given up for a
     * lost one that was seen briefly). Whatever their labels, as in ByteTrack, where this step looks at boxes only:
     * matching is same-label, so when the detector flips an object's label (nanodet calls a person at the image's
     * edge "fire hydrant" on some frames) the flipped box cannot continue the object's track and starts a new one
     * on the very box where the object's track waits lost; keeping that duplicate confirmed it on the next flip and
     * the object's frames alternated between two ids (9 ID switches on bench tracking's dense sequence against
     * ByteTrack's 1). Two different objects almost never overlap at IoU 0.85 with one of them lost.
     */
    private static void removeDuplicates(List<Track> tracks, List<Integer> removed) {
        List<Track> gone = new ArrayList<>();
        for (Track a : tracks) {
            if (a.lost != 0) {
                continue; // a tracked track, confirmed or not, as ByteTrack's tracked_stracks holds both
            }
            for (Track b : tracks) {
                if (b == a || !b.confirmed() || b.lost == 0 || gone.contains(b)) {
                    continue;
                }
                if (iou(a.box(), b.box()) > 0.85) {
                    gone.add(a.lastFrame - a.firstFrame > b.lastFrame - b.firstFrame ? b : a);
                }
            }
        }
        for (Track t : gone) {
            tracks.remove(t);
            if (t.confirmed()) {
                removed.add(t.id);
            }
        }
    }

    /** Frees a place for a new track by dropping the lost track unseen the longest; false if none is lost. */
    private static boolean dropOldestLost(List<Track> tracks, List<Integer> removed) {
        Track oldest = null;
        for (Track t : tracks) {
            if (t.lost > 0 && (oldest == null || t.lost > oldest.lost)) {
                oldest = t;
            }
        }
        if (oldest == null) {
            return false;
        }
        tracks.remove(oldest);
        removed.add(oldest.id);
        return true;
    }

    /** The indices of the detections the tracker takes: all of them, or the maxDetections highest scores. */
    private int[] strongest(List<Detection> all) {
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (order.length > settings.maxDetections()) {
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> all.get(i).score()).reversed());
        }
        int n = Math.min(order.length, settings.maxDetections());
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[i];
        }
        return out;
    }

    static double[] measurement(Detection d) {
        double w = d.x2() - d.x1();
        double h = Math.max(1e-3, d.y2() - d.y1());
        return new double[] {(d.x1() + d.x2()) / 2.0, (d.y1() + d.y2()) / 2.0, w / h, h};
    }

    static double iou(float[] a, Detection d) {
        double ix = Math.max(0, Math.min(a[2], d.x2()) - Math.max(a[0], d.x1()));
        double iy = Math.max(0, Math.min(a[3], d.y2()) - Math.max(a[1], d.y1()));
        double inter = ix * iy;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + d.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private static double iou(float[] a, float[] b) {
        double ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = ix * iy;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
