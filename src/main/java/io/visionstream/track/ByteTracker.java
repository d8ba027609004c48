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
 * unconfirmed tracks; what is left of them starts new tracks. Four departures, all for a camera product:
 * boxes match only boxes of the same label (duplicate removal, as ByteTrack's, looks at boxes only); a track
 * gets its id when it is confirmed, so ids count 1, 2, 3... per stream without gaps; what IoU leaves is
 * matched by distance (stage 4), so an object faster than its own size a frame is followed at all; and a box
 * mostly inside a more confident tracked box of its label starts no track (see {@link #covered}). All state is in the
 * {@link TrackerState} passed in, so Flink checkpoints it.
 */
public final class ByteTracker {
    /** How near, in sizes of its box, a track's predicted centre must be to a detection to match it by distance. */
    static final double NEAR = 0.5;
    /** How fast, per matched frame, a track forgets how tall its box was (see {@link Track#tall}). */
    static final double TALL_DECAY = 0.9;
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
        // frame nor, while the filter is still learning its speed, its predicted box after a missed frame
        List<Track> inherited = new ArrayList<>();
        if (settings.maxJump() > 0 && !fresh.isEmpty()) {
            // tracks followed for a while first: a track seen once never takes a box such a track is near
            List<Track> followed = new ArrayList<>();
            List<Track> once = new ArrayList<>();
            for (Track t : state.tracks) {
                if (matchedNow.contains(t)) {
                    continue;
                }
                if (t.confirmed() && t.hits > 1) {
                    followed.add(t);
                } else if (seenOnlyOnPreviousFrame(t, state)) {
                    once.add(t);
                }
            }
            for (List<Track> open : List.of(followed, once)) {
                List<Integer> left = new ArrayList<>();
                near(state, open, fresh, detections, owner, matchedNow, left, inherited, state.frames);
                fresh = left;
            }
        }
        // seen once on the previous frame and not where it was now: what may have jumped to a box starting a track
        List<Track> vacated = new ArrayList<>();
        if (settings.maxJump() > 0) {
            for (Track t : state.tracks) {
                if (!matchedNow.contains(t) && seenOnlyOnPreviousFrame(t, state) && vacated(t, detections)) {
                    vacated.add(t);
                }
            }
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
            if (inherited.contains(t)) {
                continue; // its id goes on in the track that followed its jump
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
        // predicted boxes of the confirmed tracks no box took, for insideLost: once a frame, not once a new box
        List<Track> unmatchedConfirmed = new ArrayList<>();
        List<float[]> predicted = new ArrayList<>();
        if (settings.maxCovered() < 1) {
            for (Track t : state.tracks) {
                if (t.confirmed() && !matchedNow.contains(t)) {
                    unmatchedConfirmed.add(t);
                    predicted.add(t.box());
                }
            }
        }
        int refused = 0;
        // the most confident first, so that of two overlapping new boxes the better one is the owner
        fresh.sort(Comparator.comparingDouble((Integer i) -> detections.get(i).score()).reversed());
        for (int i : fresh) {
            Detection d = detections.get(i);
            if (d.score() < settings.newTrackScore() || covered(i, detections, owner)
                    || insideLost(d, unmatchedConfirmed, predicted)) {
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
            guess(t, vacated);
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
     * Matches tracks to detections of the same label and a height within a factor 2, nearest first, each within
     * {@link #NEAR} of a size of where it should be now: a track started on the previous frame with a guessed jump
     * (see {@link #guess}) where that jump would have taken it again, which makes three boxes a frame apart in a
     * line (it takes the jump as its velocity, and the id of the track it jumped from, if that one had one and was
     * not seen since); any other track at its predicted centre, close enough that only a low IoU (a box that
     * changed shape, a low score) kept it unmatched.
     */
    private void near(TrackerState state, List<Track> tracks, List<Integer> candidates, List<Detection> detections,
                      Track[] owner, Set<Track> matchedNow, List<Integer> detsLeft, List<Track> inherited, long frame) {
        double[][] cost = new double[tracks.size()][candidates.size()];
        for (int r = 0; r < tracks.size(); r++) {
            Track t = tracks.get(r);
            // a box shrunk by occlusion (the upper half of a person walking behind another) makes the filter's
            // height shrink with it: the size it had before it shrank decides, so the whole box coming back matches
            double height = Math.max(t.mean[3], t.tall);
            double reach = NEAR * Math.max(t.mean[2] * t.mean[3], height);
            double x = t.mean[0] + (t.hits == 1 ? t.jumpX : 0); // jumpX, jumpY: 0 unless guessed
            double y = t.mean[1] + (t.hits == 1 ? t.jumpY : 0);
            for (int c = 0; c < candidates.size(); c++) {
                Detection d = detections.get(candidates.get(c));
                double h = d.y2() - d.y1();
                double dist = Math.hypot((d.x1() + d.x2()) / 2.0 - x, (d.y1() + d.y2()) / 2.0 - y);
                boolean fits = d.classId() == t.classId && h <= 2 * height && 2 * h >= t.mean[3];
                // seen once, no guess: for a box that moved too far for IoU only (a box IoU did overlap enough was
                // refused for its score), nearness weighed by the score as stage 3 weighs IoU, so that a
                // flickering low-score box is not confirmed by distance where IoU would not confirm it
                if (fits && t.hits == 1 && t.from == 0) {
                    fits = iou(t.box(), d) < settings.unconfirmedIou()
                            && (1 - dist / reach) * d.score() >= settings.unconfirmedIou();
                }
                cost[r][c] = fits ? dist / reach : Double.POSITIVE_INFINITY;
            }
        }
        int[] match = Assignment.solve(cost, tracks.size(), candidates.size(), 1.0);
        for (int r = 0; r < tracks.size(); r++) {
            if (match[r] < 0) {
                continue;
            }
            Track t = tracks.get(r);
            boolean seenOnce = t.hits == 1;
            long from = t.from;
            Detection d = detections.get(candidates.get(match[r]));
            double x = t.mean[0];
            double y = t.mean[1];
            claim(t, candidates.get(match[r]), detections, owner, matchedNow, frame);
            if (seenOnce) {
                t.mean[4] = (d.x1() + d.x2()) / 2.0 - x;
                t.mean[5] = (d.y1() + d.y2()) / 2.0 - y;
            }
            if (seenOnce && from != 0) {
                for (Track before : state.tracks) {
                    // one heir only: two new tracks may have guessed a jump from the same one
                    if (before.key == from && before.confirmed() && !matchedNow.contains(before)
                            && !inherited.contains(before)) {
                        t.id = before.id;
                        inherited.add(before);
                    }
                }
            }
        }
        unmatched(candidates, match, detsLeft);
    }

    /**
     * A new track's guess at a jump: the nearest track {@code vacated} (seen on the previous frame only, no box of
     * its label where it was now) within maxJump sizes, of its label and a height within a factor 2, may be the
     * same object moving faster than its own size a frame. Only a guess: the new track takes the move as its
     * velocity, and the old one its id, if a third box a frame later lies on the same line (see {@link #near}). An
     * object missed for a frame while another appears near it never gives three such boxes, where matching on the
     * guess at once took the other object's box and lost both.
     */
    private void guess(Track t, List<Track> vacated) {
        Track best = null;
        double bestDist = Double.POSITIVE_INFINITY;
        for (Track v : vacated) {
            double reach = settings.maxJump() * Math.max(v.mean[2] * v.mean[3], v.mean[3]);
            double dist = Math.hypot(t.mean[0] - v.mean[0], t.mean[1] - v.mean[1]);
            boolean fits = v.classId == t.classId && t.mean[3] <= 2 * v.mean[3] && 2 * t.mean[3] >= v.mean[3];
            if (fits && dist <= reach && dist < bestDist) {
                best = v;
                bestDist = dist;
            }
        }
        if (best != null) {
            t.from = best.key;
            t.jumpX = t.mean[0] - best.mean[0];
            t.jumpY = t.mean[1] - best.mean[1];
        }
    }

    /**
     * Whether more than maxCovered of detection i's box lies inside a more confident box of its label that a track
     * took on this frame. NanoDet, for one, often adds a narrower, less confident box over part of a person (on
     * 3–10% of the frames of bench tracking's people): matching never takes it, since the person's track takes the
     * person's box, so ByteTrack starts a track on it, confirmed at once on a stream's first frame or when the box
     * comes twice in a row, and that track enters the zone the person stands in. A real second object that far
     * inside a first one of its label is hidden behind it; it gets its track once it comes out from behind.
     */
    private boolean covered(int i, List<Detection> detections, Track[] owner) {
        if (settings.maxCovered() >= 1) {
            return false;
        }
        Detection d = detections.get(i);
        if (d.area() <= 0) {
            return false;
        }
        for (int j = 0; j < detections.size(); j++) {
            Detection o = detections.get(j);
            if (owner[j] == null || j == i || o.classId() != d.classId() || o.score() <= d.score()) {
                continue;
            }
            if (shareInside(d, o.x1(), o.y1(), o.x2(), o.y2()) > settings.maxCovered()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether more than maxCovered of the box lies inside the predicted box of a more confident confirmed track of
     * its label that no box took on this frame: the part of an object seen while the rest is hidden (a head and
     * shoulders behind a counter), too small for matching, which would otherwise start a second track and lend it
     * a second id until the whole object is seen again.
     */
    private boolean insideLost(Detection d, List<Track> unmatchedConfirmed, List<float[]> predicted) {
        if (settings.maxCovered() >= 1 || d.area() <= 0) {
            return false;
        }
        for (int k = 0; k < unmatchedConfirmed.size(); k++) {
            Track t = unmatchedConfirmed.get(k);
            if (t.classId != d.classId() || t.score <= d.score()) {
                continue;
            }
            float[] b = predicted.get(k);
            if (shareInside(d, b[0], b[1], b[2], b[3]) > settings.maxCovered()) {
                return true;
            }
        }
        return false;
    }

    /** The share of d's box (of positive area) that lies inside the box x1, y1, x2, y2. */
    private static double shareInside(Detection d, float x1, float y1, float x2, float y2) {
        double ix = Math.min(x2, d.x2()) - Math.max(x1, d.x1());
        double iy = Math.min(y2, d.y2()) - Math.max(y1, d.y1());
        return ix > 0 && iy > 0 ? ix * iy / d.area() : 0;
    }

    /** Whether the track was seen on one frame only, the previous one. */
    private static boolean seenOnlyOnPreviousFrame(Track t, TrackerState state) {
        return t.hits == 1 && t.lastFrame == state.frames - 1;
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
        t.tall = Math.max(d.y2() - d.y1(), TALL_DECAY * t.tall);
        t.from = 0; // a guessed jump counts on the frame after the guess only
        t.jumpX = 0;
        t.jumpY = 0;
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
        t.tall = d.y2() - d.y1();
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
