package io.visionstream.bench.tracking;

import io.visionstream.result.Detection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BYTETracker.update of ByteTrack's reference implementation (github.com/ifzhang/ByteTrack at d1bf019,
 * yolox/tracker/byte_tracker.py with matching.py and kalman_filter.py), ported statement by statement to judge
 * io.visionstream.track.ByteTracker against: class-agnostic, one global assignment per step (lapjv with
 * extend_cost and cost_limit, here a plain Hungarian on the same extended matrix), IoU with cython_bbox's +1
 * pixel convention, ids from one counter at every activation (so unconfirmed tracks use up ids), and the
 * original's bookkeeping as it is, including that a lost track timed out on frame f stays in the lost list,
 * and can be matched, on frame f + 1 (it is subtracted against the removed list before that frame's removals
 * are added to it). Arguments: track_thresh, match_thresh, track_buffer (frame_rate 30, mot20 false), and
 * det_thresh, which the original derives as track_thresh + 0.1; it is a parameter here so the reference can
 * run at the very thresholds of the tracker it is compared with. The no-argument one is the MOT17 demo's.
 */
public final class ReferenceByteTrack {
    private static final int TRACKED = 1;
    private static final int LOST = 2;
    private static final int REMOVED = 3;

    private final double trackThresh;
    private final double matchThresh;
    private final double detThresh;
    private final int maxTimeLost;
    List<STrack> tracked = new ArrayList<>(); // package-private for TrackingDiag
    List<STrack> lost = new ArrayList<>();
    /** The ids of self.removed_stracks: sub_stracks only ever looks at ids. */
    private final Set<Integer> removedIds = new HashSet<>();
    private int frameId;
    private int count; // BaseTrack._count (a class variable in the original; one per tracker here)
    /** Diagnostics only (TrackingDiag): pairs of different labels cost 1 (never match), as the product's tracker. */
    boolean sameLabel;

    /** A track the tracker reports on this frame, with the detection it took (the box the metrics judge). */
    public record Output(int id, Detection detection) { }

    /** This frame's outputs and the activated ids that left both lists (for the zone counter). */
    public record Step(List<Output> outputs, List<Integer> removed) { }

    public ReferenceByteTrack() {
        this(0.5, 0.5 + 0.1, 0.8, 30);
    }

    public ReferenceByteTrack(double trackThresh, double detThresh, double matchThresh, int trackBuffer) {
        this.trackThresh = trackThresh;
        this.matchThresh = matchThresh;
        this.detThresh = detThresh;
        this.maxTimeLost = trackBuffer; // int(frame_rate / 30.0 * track_buffer) at 30 fps
    }

    static final class STrack {
        final double[] tlwh;
        double[] mean;
        double[][] cov;
        boolean activated;
        int state;
        double score;
        int trackId;
        int frameId;
        int startFrame;
        int trackletLen;
        final Detection det;
        Detection taken;

        STrack(Detection d) {
            this.det = d;
            this.tlwh = new double[] {d.x1(), d.y1(), d.x2() - d.x1(), d.y2() - d.y1()};
            this.score = d.score();
        }

        double[] tlwh() {
            if (mean == null) {
                return tlwh.clone();
            }
            double w = mean[2] * mean[3];
            double h = mean[3];
            return new double[] {mean[0] - w / 2, mean[1] - h / 2, w, h};
        }

        double[] tlbr() {
            double[] r = tlwh();
            return new double[] {r[0], r[1], r[0] + r[2], r[1] + r[3]};
        }

        static double[] xyah(double[] tlwh) {
            return new double[] {tlwh[0] + tlwh[2] / 2, tlwh[1] + tlwh[3] / 2, tlwh[2] / tlwh[3], tlwh[3]};
        }

        void set(double[][][] state) {
            mean = state[0][0];
            cov = state[1];
        }
    }

    public Step update(List<Detection> output) {
        Set<Integer> before = activeIds();
        frameId++;
        List<STrack> activatedStracks = new ArrayList<>();
        List<STrack> refindStracks = new ArrayList<>();
        List<STrack> lostStracks = new ArrayList<>();
        List<STrack> removedStracks = new ArrayList<>();

        List<STrack> detections = new ArrayList<>();
        List<STrack> detectionsSecond = new ArrayList<>();
        for (Detection d : output) {
            if (d.score() > trackThresh) {
                detections.add(new STrack(d));
            } else if (d.score() > 0.1) { // inds_low & inds_high: 0.1 < score < track_thresh
                if (d.score() < trackThresh) {
                    detectionsSecond.add(new STrack(d));
                }
            }
        }

        List<STrack> unconfirmed = new ArrayList<>();
        List<STrack> trackedStracks = new ArrayList<>();
        for (STrack t : tracked) {
            (t.activated ? trackedStracks : unconfirmed).add(t);
        }

        // Step 2: first association, with high score detection boxes
        List<STrack> pool = joint(trackedStracks, lost);
        for (STrack t : pool) { // multi_predict
            double[] m = t.mean.clone();
            if (t.state != TRACKED) {
                m[7] = 0;
            }
            t.set(ReferenceKalman.predict(m, t.cov));
        }
        double[][] dists = fuseScore(iouDistance(pool, detections), detections);
        int[][] r = linearAssignment(dists, pool.size(), detections.size(), matchThresh);
        for (int i = 0; i < pool.size(); i++) {
            if (r[0][i] >= 0) {
                STrack track = pool.get(i);
                STrack det = detections.get(r[0][i]);
                if (track.state == TRACKED) {
                    update(track, det);
                    activatedStracks.add(track);
                } else {
                    reActivate(track, det);
                    refindStracks.add(track);
                }
            }
        }
        List<STrack> rTracked = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            if (r[0][i] < 0 && pool.get(i).state == TRACKED) {
                rTracked.add(pool.get(i));
            }
        }
        List<STrack> uDetection = new ArrayList<>();
        for (int j = 0; j < detections.size(); j++) {
            if (r[1][j] < 0) {
                uDetection.add(detections.get(j));
            }
        }

        // Step 3: second association, with low score detection boxes
        dists = iouDistance(rTracked, detectionsSecond);
        r = linearAssignment(dists, rTracked.size(), detectionsSecond.size(), 0.5);
        for (int i = 0; i < rTracked.size(); i++) {
            STrack track = rTracked.get(i);
            if (r[0][i] >= 0) {
                STrack det = detectionsSecond.get(r[0][i]);
                if (track.state == TRACKED) {
                    update(track, det);
                    activatedStracks.add(track);
                } else {
                    reActivate(track, det);
                    refindStracks.add(track);
                }
            } else if (track.state != LOST) {
                track.state = LOST;
                lostStracks.add(track);
            }
        }

        // unconfirmed tracks, usually tracks with only one beginning frame
        detections = uDetection;
        dists = fuseScore(iouDistance(unconfirmed, detections), detections);
        r = linearAssignment(dists, unconfirmed.size(), detections.size(), 0.7);
        for (int i = 0; i < unconfirmed.size(); i++) {
            STrack track = unconfirmed.get(i);
            if (r[0][i] >= 0) {
                update(track, detections.get(r[0][i]));
                activatedStracks.add(track);
            } else {
                track.state = REMOVED;
                removedStracks.add(track);
            }
        }

        // Step 4: init new stracks
        for (int j = 0; j < detections.size(); j++) {
            STrack track = detections.get(j);
            if (r[1][j] >= 0 || track.score < detThresh) {
                continue;
            }
            activate(track);
            activatedStracks.add(track);
        }
        // Step 5: update state
        for (STrack track : lost) {
            if (frameId - track.frameId > maxTimeLost) {
                track.state = REMOVED;
                removedStracks.add(track);
            }
        }
        List<STrack> keep = new ArrayList<>();
        for (STrack t : tracked) {
            if (t.state == TRACKED) {
                keep.add(t);
            }
        }
        tracked = joint(keep, activatedStracks);
        tracked = joint(tracked, refindStracks);
        lost = sub(lost, ids(tracked));
        lost.addAll(lostStracks);
        lost = sub(lost, removedIds);
        for (STrack t : removedStracks) {
            removedIds.add(t.trackId);
        }
        removeDuplicates();

        List<Output> out = new ArrayList<>();
        for (STrack t : tracked) {
            if (t.activated) {
                out.add(new Output(t.trackId, t.taken));
            }
        }
        Set<Integer> after = activeIds();
        List<Integer> gone = new ArrayList<>();
        for (int id : before) {
            if (!after.contains(id)) {
                gone.add(id);
            }
        }
        return new Step(out, gone);
    }

    private void activate(STrack t) {
        t.trackId = ++count;
        t.set(ReferenceKalman.initiate(STrack.xyah(t.tlwh)));
        t.trackletLen = 0;
        t.state = TRACKED;
        if (frameId == 1) {
            t.activated = true;
        }
        t.frameId = frameId;
        t.startFrame = frameId;
        t.taken = t.det;
    }

    private void reActivate(STrack t, STrack n) {
        t.set(ReferenceKalman.update(t.mean, t.cov, STrack.xyah(n.tlwh())));
        t.trackletLen = 0;
        t.state = TRACKED;
        t.activated = true;
        t.frameId = frameId;
        t.score = n.score;
        t.taken = n.det;
    }

    private void update(STrack t, STrack n) {
        t.frameId = frameId;
        t.trackletLen++;
        t.set(ReferenceKalman.update(t.mean, t.cov, STrack.xyah(n.tlwh())));
        t.state = TRACKED;
        t.activated = true;
        t.score = n.score;
        t.taken = n.det;
    }

    /** remove_duplicate_stracks: a tracked and a lost track at IoU distance under 0.15; the younger goes. */
    private void removeDuplicates() {
        double[][] d = iouDistance(tracked, lost);
        Set<Integer> dupA = new HashSet<>();
        Set<Integer> dupB = new HashSet<>();
        for (int p = 0; p < tracked.size(); p++) {
            for (int q = 0; q < lost.size(); q++) {
                if (d[p][q] < 0.15) {
                    int timeP = tracked.get(p).frameId - tracked.get(p).startFrame;
                    int timeQ = lost.get(q).frameId - lost.get(q).startFrame;
                    if (timeP > timeQ) {
                        dupB.add(q);
                    } else {
                        dupA.add(p);
                    }
                }
            }
        }
        List<STrack> a = new ArrayList<>();
        for (int p = 0; p < tracked.size(); p++) {
            if (!dupA.contains(p)) {
                a.add(tracked.get(p));
            }
        }
        List<STrack> b = new ArrayList<>();
        for (int q = 0; q < lost.size(); q++) {
            if (!dupB.contains(q)) {
                b.add(lost.get(q));
            }
        }
        tracked = a;
        lost = b;
    }

    private Set<Integer> activeIds() {
        Set<Integer> s = new HashSet<>();
        for (STrack t : tracked) {
            if (t.activated) {
                s.add(t.trackId);
            }
        }
        for (STrack t : lost) {
            if (t.activated) {
                s.add(t.trackId);
            }
        }
        return s;
    }

    private static List<STrack> joint(List<STrack> a, List<STrack> b) {
        Set<Integer> exists = new HashSet<>();
        List<STrack> res = new ArrayList<>();
        for (STrack t : a) {
            exists.add(t.trackId);
            res.add(t);
        }
        for (STrack t : b) {
            if (exists.add(t.trackId)) {
                res.add(t);
            }
        }
        return res;
    }

    private static List<STrack> sub(List<STrack> a, Set<Integer> ids) {
        Map<Integer, STrack> m = new LinkedHashMap<>();
        for (STrack t : a) {
            m.put(t.trackId, t);
        }
        m.keySet().removeAll(ids);
        return new ArrayList<>(m.values());
    }

    private static Set<Integer> ids(List<STrack> a) {
        Set<Integer> s = new HashSet<>();
        for (STrack t : a) {
            s.add(t.trackId);
        }
        return s;
    }

    /** matching.iou_distance: 1 − IoU of the tlbr boxes, cython_bbox's bbox_overlaps (+1 pixel). */
    double[][] iouDistance(List<STrack> a, List<STrack> b) {
        double[][] d = iouDistanceAgnostic(a, b);
        for (int i = 0; sameLabel && i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                if (a.get(i).det.classId() != b.get(j).det.classId()) {
                    d[i][j] = 1;
                }
            }
        }
        return d;
    }

    static double[][] iouDistanceAgnostic(List<STrack> a, List<STrack> b) {
        double[][] d = new double[a.size()][b.size()];
        for (int i = 0; i < a.size(); i++) {
            double[] p = a.get(i).tlbr();
            for (int j = 0; j < b.size(); j++) {
                double[] q = b.get(j).tlbr();
                double overlap = 0;
                double iw = Math.min(p[2], q[2]) - Math.max(p[0], q[0]) + 1;
                if (iw > 0) {
                    double ih = Math.min(p[3], q[3]) - Math.max(p[1], q[1]) + 1;
                    if (ih > 0) {
                        double ua = (p[2] - p[0] + 1) * (p[3] - p[1] + 1) + (q[2] - q[0] + 1) * (q[3] - q[1] + 1)
                                - iw * ih;
                        overlap = iw * ih / ua;
                    }
                }
                d[i][j] = 1 - overlap;
            }
        }
        return d;
    }

    /** matching.fuse_score: 1 − IoU × detection score. */
    static double[][] fuseScore(double[][] cost, List<STrack> dets) {
        for (double[] row : cost) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 1 - (1 - row[j]) * dets.get(j).score;
            }
        }
        return cost;
    }

    /**
     * matching.linear_assignment: lap.lapjv(cost, extend_cost=True, cost_limit=thresh) solves the (n+m)-square
     * matrix [[cost, thresh/2], [thresh/2, 0]], so leaving a row and a column unmatched costs thresh and only
     * pairs cheaper than that are matched. {rows → column or -1, columns → row or -1}.
     */
    static int[][] linearAssignment(double[][] cost, int n, int m, double thresh) {
        int[] x = new int[n];
        int[] y = new int[m];
        java.util.Arrays.fill(x, -1);
        java.util.Arrays.fill(y, -1);
        if (n == 0 || m == 0) {
            return new int[][] {x, y};
        }
        int size = n + m;
        double[][] ext = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                ext[i][j] = i < n && j < m ? cost[i][j] : i >= n && j >= m ? 0 : thresh / 2;
            }
        }
        int[] a = Hungarian.solve(ext, size, size);
        for (int i = 0; i < n; i++) {
            if (a[i] < m) {
                x[i] = a[i];
                y[a[i]] = i;
            }
        }
        return new int[][] {x, y};
    }
}
