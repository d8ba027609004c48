package io.visionstream.model.text;

import java.awt.geom.Area;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Text boxes of overlapping tiles made into one set of lines. Only what a seam cut is joined: a box whose
 * text runs into an edge of its tile (an edge inside the image) joins the box of a neighbouring tile whose
 * text, level with it, runs across that edge, where the neighbour could see on. Two boxes of one tile are never
 * joined, and nothing else is: separate labels do not chain into blocks. Then each line found more than once
 * (whole in one tile, in part or whole in a neighbour) keeps its largest copy.
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
            return min(xs);
        }

        double maxX() {
            return max(xs);
        }

        double minY() {
            return min(ys);
        }

        double maxY() {
            return max(ys);
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
        double edge = Math.max(EDGE, EDGE_PER_HEIGHT * Math.min(b.rect().width(), b.rect().height()));
        return new Piece(xs, ys, b.score(), tileIndex, t.x() + b.minX(), t.y() + b.minY(), t.x() + b.maxX() + 1,
                t.y() + b.maxY() + 1,
                t.x() > 0 && min(xs) <= t.x() + edge,
                t.y() > 0 && min(ys) <= t.y() + edge,
                t.x() + t.w() < imageW && max(xs) >= t.x() + t.w() - edge,
                t.y() + t.h() < imageH && max(ys) >= t.y() + t.h() - edge);
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

    /** Two pieces of one line: one was cut at an edge of its tile, and the other's text runs across that edge. */
    private static boolean cutBySameSeam(Piece a, Piece b, List<Tile> tiles) {
        return continues(a, b, tiles.get(a.tile())) || continues(b, a, tiles.get(b.tile()));
    }

    /**
     * Piece a was cut at an edge of its tile t, and b (from another tile, where that edge lies inside) has
     * text on both sides of the edge, level with a's: b holds what a's tile could not see.
     */
    private static boolean continues(Piece a, Piece b, Tile t) {
        double sharedY = Math.min(a.textMaxY(), b.textMaxY()) - Math.max(a.textMinY(), b.textMinY());
        double sharedX = Math.min(a.textMaxX(), b.textMaxX()) - Math.max(a.textMinX(), b.textMinX());
        boolean level = sharedY > 0.5 * Math.min(a.textMaxY() - a.textMinY(), b.textMaxY() - b.textMinY());
        boolean column = sharedX > 0.5 * Math.min(a.textMaxX() - a.textMinX(), b.textMaxX() - b.textMinX());
        int right = t.x() + t.w();
        int bottom = t.y() + t.h();
        return level && sharedX > 0 && (a.cutRight() && b.textMinX() < right && b.textMaxX() > right
                        || a.cutLeft() && b.textMinX() < t.x() && b.textMaxX() > t.x())
                || column && (a.cutBottom() && b.textMinY() < bottom && b.textMaxY() > bottom
                        || a.cutTop() && b.textMinY() < t.y() && b.textMaxY() > t.y());
    }

    /**
     * Largest first; a box mostly inside a larger one that came from other tiles, or from a line joined across
     * a seam, is a copy of it.
     */
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
                    Polygons.of(line.xs(), line.ys()), Polygons.area(line.xs(), line.ys())));
        }
        all.sort(Comparator.comparingDouble(Candidate::size).reversed());
        List<Candidate> kept = new ArrayList<>();
        List<Line> out = new ArrayList<>();
        for (Candidate c : all) {
            boolean copy = false;
            for (Candidate k : kept) {
                // one tile's own boxes are never copies of each other; a line joined across a seam can hold
                // a small box its tile split off (a bracket, a stray mark) and that is then part of it
                if (k.tiles().intersects(c.tiles()) && k.tiles().cardinality() == 1 || k.maxX() <= c.minX() || c.maxX() <= k.minX()
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
