package io.visionstream.model.detect;

import io.visionstream.result.Detection;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The boxes of one sliced frame's runs made into one answer, in frame pixels (README "Huge frames").
 * <ol>
 *   <li>Each level answers for the objects the next finer level cannot be sure to see whole: a whole box from
 *       a run of side S (or the overview) whose long side is at most overlap × the finer side is dropped, since
 *       some finer slice holds that object whole and sees it at more pixels. Coarse runs see groups of small
 *       things as one and miss what they are; this keeps their answers to the large objects only.</li>
 *   <li>A box that touches an inner edge of its slice (one that is not the frame's) is a <em>piece</em>: the
 *       object may go on in the neighbour. Two pieces of one class from neighbouring slices of one level, cut by
 *       the two edges of the same overlap band and agreeing along the seam, are merged into their union (SAHI's
 *       non-maximum merging, restricted to what a seam can cut), and again until nothing changes: an object cut
 *       in four comes back whole. A joined box that no seam cuts any more is a whole box from then on.</li>
 *   <li>Whole boxes, best score first, are suppressed per class when a kept box matches them on intersection over
 *       the smaller box (IoS, SAHI's postprocess_match_metric) or on IoU: the same object seen by two runs (two
 *       slices, a slice and the overview), or a part of it.</li>
 *   <li>A merged piece that lies inside a kept whole box of its class is dropped (a coarser run saw the object
 *       whole); the others are objects no run saw whole, and are kept.</li>
 * </ol>
 */
public final class SliceMerger {
    /** Box edges this close (share of the slice side) to an inner slice edge count as cut by it. */
    private static final double EDGE_MARGIN = 0.01;
    /** Extents of two pieces along their seam must agree this much (overlap of the shorter) to be one object. */
    private static final float SEAM_AGREEMENT = 0.6f;
    /** A piece this much inside a whole box of its class is a part of it. */
    private static final float PIECE_INSIDE = 0.6f;

    /** A box cut by inner slice edges: each cut side holds that edge's coordinate (NaN: not cut there). */
    private record Piece(Detection box, int side, float left, float top, float right, float bottom) {
    }

    /** A box no inner edge cut, and the side of the run that saw it (the overview: MAX_VALUE). */
    private record Whole(Detection box, int side) {
    }

    private final int frameWidth;
    private final int frameHeight;
    private final double overlap;
    private final float iosThreshold;
    private final float iouThreshold;
    private final int maxDetections;
    private final java.util.TreeSet<Integer> levels = new java.util.TreeSet<>();
    private final List<Whole> wholes = new ArrayList<>();
    private final List<Piece> pieces = new ArrayList<>();

    /**
     * @param overlap      the slices' overlap, as a share of their side ({@link SlicePlan})
     * @param iosThreshold whole boxes of one class overlapping by more (IoS) are one object
     */
    public SliceMerger(int frameWidth, int frameHeight, double overlap, float iosThreshold, float iouThreshold,
                       int maxDetections) {
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.overlap = overlap;
        this.iosThreshold = iosThreshold;
        this.iouThreshold = iouThreshold;
        this.maxDetections = maxDetections;
    }

    /** The boxes of one run, already in frame pixels; {@code run} is where it lay in the frame. */
    public void add(List<Detection> boxes, Rectangle run) {
        double m = Math.max(2, run.width * EDGE_MARGIN);
        float nan = Float.NaN;
        boolean overview = run.width >= frameWidth && run.height >= frameHeight;
        if (!overview) {
            levels.add(run.width);
        }
        for (Detection d : boxes) {
            float left = run.x > 0 && d.x1() <= run.x + m ? run.x : nan;
            float top = run.y > 0 && d.y1() <= run.y + m ? run.y : nan;
            float right = run.x + run.width < frameWidth && d.x2() >= run.x + run.width - m ? run.x + run.width : nan;
            float bottom = run.y + run.height < frameHeight && d.y2() >= run.y + run.height - m
                    ? run.y + run.height : nan;
            if (Float.isNaN(left) && Float.isNaN(top) && Float.isNaN(right) && Float.isNaN(bottom)) {
                wholes.add(new Whole(d, overview ? Integer.MAX_VALUE : run.width));
            } else {
                pieces.add(new Piece(d, run.width, left, top, right, bottom));
            }
        }
    }

    public List<Detection> finish() {
        List<Piece> joined = join(pieces);
        List<Whole> candidates = new ArrayList<>(wholes);
        // pieces joined into a box no seam cuts any more are whole objects, and compete as such
        for (java.util.Iterator<Piece> it = joined.iterator(); it.hasNext(); ) {
            Piece p = it.next();
            if (Float.isNaN(p.left()) && Float.isNaN(p.top()) && Float.isNaN(p.right()) && Float.isNaN(p.bottom())) {
                candidates.add(new Whole(p.box(), p.side()));
                it.remove();
            }
        }
        List<Whole> owned = new ArrayList<>(candidates.size());
        for (Whole w : candidates) {
            Integer finer = levels.lower(w.side());
            if (finer == null || Math.max(w.box().x2() - w.box().x1(), w.box().y2() - w.box().y1()) > overlap * finer) {
                owned.add(w);
            }
        }
        List<Detection> out = suppress(owned);
        for (Piece p : joined) {
            if (!insideAny(p.box(), out)) {
                out.add(p.box());
            }
        }
        out.sort(Comparator.comparingDouble(Detection::score).reversed());
        return out.size() > maxDetections ? new ArrayList<>(out.subList(0, maxDetections)) : out;
    }

    /** Greedy suppression, best first: a box goes when a kept box of its class matches it. */
    private List<Detection> suppress(List<Whole> boxes) {
        List<Whole> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble((Whole w) -> w.box().score()).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Whole w : sorted) {
            Detection d = w.box();
            boolean matched = false;
            for (Detection k : kept) {
                if (k.classId() == d.classId() && (k.overlapOfSmaller(d) > iosThreshold || k.iou(d) > iouThreshold)) {
                    matched = true;
                    break;
                }
            }
            if (!matched) {
                kept.add(d);
            }
        }
        return kept;
    }

    /** Pieces joined across seams until none is left to join. */
    private static List<Piece> join(List<Piece> all) {
        List<Piece> open = new ArrayList<>(all);
        open.sort(Comparator.comparingDouble((Piece p) -> p.box().score()).reversed());
        boolean changed = true;
        while (changed) {
            changed = false;
            outer:
            for (int i = 0; i < open.size(); i++) {
                for (int j = 0; j < open.size(); j++) {
                    Piece joined = i == j ? null : joined(open.get(i), open.get(j));
                    if (joined != null) {
                        open.set(Math.min(i, j), joined);
                        open.remove(Math.max(i, j));
                        changed = true;
                        break outer;
                    }
                }
            }
        }
        return open;
    }

    /**
     * {@code a} and {@code b} as one object, or null: a cut on its right (bottom) by the far edge of an overlap
     * band and b cut on its left (top) by its near edge, both spanning the band, agreeing across it.
     */
    static Piece joined(Piece a, Piece b) {
        Detection p = a.box();
        Detection q = b.box();
        if (p.classId() != q.classId() || a.side() != b.side()) {
            return null;
        }
        boolean acrossX = !Float.isNaN(a.right()) && !Float.isNaN(b.left()) && b.left() < a.right()
                && p.x1() < b.left() && q.x2() > a.right()
                && agreement(p.y1(), p.y2(), q.y1(), q.y2()) >= SEAM_AGREEMENT;
        boolean acrossY = !Float.isNaN(a.bottom()) && !Float.isNaN(b.top()) && b.top() < a.bottom()
                && p.y1() < b.top() && q.y2() > a.bottom()
                && agreement(p.x1(), p.x2(), q.x1(), q.x2()) >= SEAM_AGREEMENT;
        if (!acrossX && !acrossY) {
            return null;
        }
        Detection box = new Detection(p.classId(), p.label(), Math.max(p.score(), q.score()),
                Math.min(p.x1(), q.x1()), Math.min(p.y1(), q.y1()), Math.max(p.x2(), q.x2()), Math.max(p.y2(), q.y2()));
        return acrossX
                ? new Piece(box, a.side(), a.left(), either(a.top(), b.top()), b.right(), either(a.bottom(), b.bottom()))
                : new Piece(box, a.side(), either(a.left(), b.left()), a.top(), either(a.right(), b.right()), b.bottom());
    }

    /** How much two extents [a1, a2] and [b1, b2] overlap, as a share of the shorter. */
    private static float agreement(float a1, float a2, float b1, float b2) {
        float shorter = Math.min(a2 - a1, b2 - b1);
        return shorter <= 0 ? 0 : Math.max(0, Math.min(a2, b2) - Math.max(a1, b1)) / shorter;
    }

    private static float either(float a, float b) {
        return Float.isNaN(a) ? b : a;
    }

    private static boolean insideAny(Detection piece, List<Detection> kept) {
        for (Detection k : kept) {
            if (k.classId() == piece.classId() && k.overlapOfSmaller(piece) >= PIECE_INSIDE
                    && k.area() >= piece.area() * 0.5f) {
                return true;
            }
        }
        return false;
    }
}
