package io.visionstream.model.text;

import java.awt.geom.Area;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Text boxes of overlapping tiles made into one set of lines. Only what a seam cut is joined: two pieces
 * from different tiles whose text runs into the facing edges of their tiles (the right edge of one, the left
 * edge of its neighbour to the right; or bottom and top) and meets inside the overlap of the two tiles. Two
 * boxes of one tile are never joined, and nothing else is: a chain of separate labels cannot form. Then each
 * line found more than once (whole in one tile, in part or whole in a neighbour) keeps its largest copy.
 */
final class SeamMerger {
    /**
     * A box this close to a tile's edge inside the image is taken as cut by it: at least 4 pixels, and a third
     * of the box's height, since the unclipped box only approximates where the ink ends.
     */
    static final int EDGE = 4;
    static final double EDGE_PER_HEIGHT = 0.33;
    /** A box lying this much inside a larger one from other tiles is a copy of it. */
    static final double COPY_OVERLAP = 0.7;

    /** A tile: the image region it covered. */
    record Tile(int x, int y, int w, int h) { }

    /**
     * One box of one tile, in image pixels: its corners (after unclipping), score, the tile it came from,
     * the bounds of its text region before unclipping, and which tile edges (inside the image) the text runs into.
     */
    record Piece(double[] xs, double[] ys, float score, int tile, double textMinX, double textMinY,
                 double textMaxX, double textMaxY, boolean cutLeft, boolean cutTop, boolean cutRight,
                 boolean cutBottom) {
        double minX() {
            return Math.min(Math.min(xs[0], xs[1]), Math.min(xs[2], xs[3]));
        }

        double maxX() {
            return Math.max(Math.max(xs[0], xs[1]), Math.max(xs[2], xs[3]));
        }

        double minY() {
            return Math.min(Math.min(ys[0], ys[1]), Math.min(ys[2], ys[3]));
        }

        double maxY() {
            return Math.max(Math.max(ys[0], ys[1]), Math.max(ys[2], ys[3]));
        }
    }

    /** A merged line: corners clockwise from top-left, and the best score of its pieces. */
    record Line(double[] xs, double[] ys, float score) { }

    private SeamMerger() {
    }

    /**
     * A piece from a box of a tile's probability map, drawn at full resolution with the tile's top-left at
     * the map's origin.
     */
    static Piece piece(DbPostProcessor.Box b, int tileIndex, Tile t, int imageW, int imageH) {
        double[][] c = b.rect().corners();
        double[] xs = new double[4];
        double[] ys = new double[4];
        for (int i = 0; i < 4; i++) {
            xs[i] = t.x() + c[i][0];
            ys[i] = t.y() + c[i][1];
        }
        // DBNet's text region stops short of where the ink ends (its kernel is the text shrunk by about half
        // a line height); the unclipped box is where the ink ends, so that is what meets a cutting edge
        Piece p = new Piece(xs, ys, b.score(), tileIndex, t.x() + b.minX(), t.y() + b.minY(), t.x() + b.maxX() + 1,
                t.y() + b.maxY() + 1, false, false, false, false);
        double edge = Math.max(EDGE, EDGE_PER_HEIGHT * Math.min(b.rect().width(), b.rect().height()));
        return new Piece(xs, ys, b.score(), tileIndex, p.textMinX(), p.textMinY(), p.textMaxX(), p.textMaxY(),
                t.x() > 0 && p.minX() <= t.x() + edge,
                t.y() > 0 && p.minY() <= t.y() + edge,
                t.x() + t.w() < imageW && p.maxX() >= t.x() + t.w() - edge,
                t.y() + t.h() < imageH && p.maxY() >= t.y() + t.h() - edge);
    }

    static List<Line> merge(List<Piece> pieces, List<Tile> tiles) {
        int n = pieces.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        // candidates sorted by left text edge, so each piece only looks at those that can reach it
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> pieces.get(i).textMinX()));
        for (int oi = 0; oi < n; oi++) {
            Piece a = pieces.get(order[oi]);
            if (!(a.cutLeft || a.cutTop || a.cutRight || a.cutBottom)) {
                continue;
            }
            for (int oj = oi + 1; oj < n; oj++) {
                Piece b = pieces.get(order[oj]);
                if (b.textMinX() > a.textMaxX()) {
                    break;
                }
                if (a.tile() != b.tile() && cutBySameSeam(a, b, tiles)) {
                    union(parent, order[oi], order[oj]);
                }
            }
        }
        List<List<Piece>> groups = new ArrayList<>();
        int[] groupOf = new int[n];
        Arrays.fill(groupOf, -1);
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (groupOf[r] < 0) {
                groupOf[r] = groups.size();
                groups.add(new ArrayList<>());
            }
            groups.get(groupOf[r]).add(pieces.get(i));
        }
        return dropCopies(groups);
    }

    /**
     * Two pieces of one line: the text of each runs into facing edges of their tiles, the texts overlap
     * along the seam inside both tiles, and they are level with each other (across a vertical seam: share
     * half the lower one's height; across a horizontal seam: half the narrower one's width).
     */
    private static boolean cutBySameSeam(Piece a, Piece b, List<Tile> tiles) {
        Tile ta = tiles.get(a.tile());
        Tile tb = tiles.get(b.tile());
        if (ta.x() != tb.x()) {
            Piece left = ta.x() < tb.x() ? a : b;
            Piece right = left == a ? b : a;
            Tile tl = tiles.get(left.tile());
            Tile tr = tiles.get(right.tile());
            double from = Math.max(Math.max(left.textMinX(), right.textMinX()), tr.x());
            double to = Math.min(Math.min(left.textMaxX(), right.textMaxX()), tl.x() + tl.w());
            double shared = Math.min(left.textMaxY(), right.textMaxY()) - Math.max(left.textMinY(), right.textMinY());
            double h = Math.min(left.textMaxY() - left.textMinY(), right.textMaxY() - right.textMinY());
            if (left.cutRight() && right.cutLeft() && to > from && shared > 0.5 * h) {
                return true;
            }
        }
        if (ta.y() != tb.y()) {
            Piece top = ta.y() < tb.y() ? a : b;
            Piece bottom = top == a ? b : a;
            Tile tt = tiles.get(top.tile());
            Tile tbm = tiles.get(bottom.tile());
            double from = Math.max(Math.max(top.textMinY(), bottom.textMinY()), tbm.y());
            double to = Math.min(Math.min(top.textMaxY(), bottom.textMaxY()), tt.y() + tt.h());
            double shared = Math.min(top.textMaxX(), bottom.textMaxX()) - Math.max(top.textMinX(), bottom.textMinX());
            double w = Math.min(top.textMaxX() - top.textMinX(), bottom.textMaxX() - bottom.textMinX());
            return top.cutBottom() && bottom.cutTop() && to > from && shared > 0.5 * w;
        }
        return false;
    }

    /** Largest first; a line mostly inside a larger one that came from other tiles is a copy of it. */
    private static List<Line> dropCopies(List<List<Piece>> groups) {
        record Candidate(Line line, BitSet tiles, double minX, double minY, double maxX, double maxY, Area area,
                         double size) { }
        List<Candidate> all = new ArrayList<>();
        for (List<Piece> g : groups) {
            Line line = g.size() == 1 ? new Line(g.get(0).xs(), g.get(0).ys(), g.get(0).score()) : union(g);
            BitSet tileSet = new BitSet();
            for (Piece p : g) {
                tileSet.set(p.tile());
            }
            all.add(new Candidate(line, tileSet, min(line.xs()), min(line.ys()), max(line.xs()), max(line.ys()),
                    Polygons.of(line.xs(), line.ys()), polygonArea(line.xs(), line.ys())));
        }
        all.sort(Comparator.comparingDouble(Candidate::size).reversed());
        List<Candidate> kept = new ArrayList<>();
        List<Line> out = new ArrayList<>();
        for (Candidate c : all) {
            boolean copy = false;
            for (Candidate k : kept) {
                if (k.tiles().intersects(c.tiles()) || k.maxX() <= c.minX() || c.maxX() <= k.minX()
                        || k.maxY() <= c.minY() || c.maxY() <= k.minY()) {
                    continue;
                }
                if (Polygons.overlap(c.area(), k.area()) >= COPY_OVERLAP * c.size()) {
                    copy = true;
                    break;
                }
            }
            if (!copy) {
                kept.add(c);
                out.add(c.line());
            }
        }
        return out;
    }

    private static Line union(List<Piece> g) {
        double[] xs = new double[g.size() * 4];
        double[] ys = new double[xs.length];
        float score = 0;
        for (int i = 0; i < g.size(); i++) {
            System.arraycopy(g.get(i).xs(), 0, xs, i * 4, 4);
            System.arraycopy(g.get(i).ys(), 0, ys, i * 4, 4);
            score = Math.max(score, g.get(i).score());
        }
        double[][] c = RotatedRect.minAreaRect(xs, ys, xs.length).corners();
        double[] nx = new double[4];
        double[] ny = new double[4];
        for (int i = 0; i < 4; i++) {
            nx[i] = c[i][0];
            ny[i] = c[i][1];
        }
        return new Line(nx, ny, score);
    }

    private static double polygonArea(double[] xs, double[] ys) {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            int j = (i + 1) % xs.length;
            s += xs[i] * ys[j] - xs[j] * ys[i];
        }
        return Math.abs(s) / 2;
    }

    private static double min(double[] v) {
        return Math.min(Math.min(v[0], v[1]), Math.min(v[2], v[3]));
    }

    private static double max(double[] v) {
        return Math.max(Math.max(v[0], v[1]), Math.max(v[2], v[3]));
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
