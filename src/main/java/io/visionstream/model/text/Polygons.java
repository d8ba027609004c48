package io.visionstream.model.text;

import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;

/** Polygon areas and overlaps, exact for the straight-edged shapes text boxes are. */
public final class Polygons {
    private Polygons() {
    }

    /** The polygon through the corners, in order. */
    public static Area of(double[] xs, double[] ys) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        p.closePath();
        return new Area(p);
    }

    /** The area of the polygon through the corners (shoelace formula). */
    public static double area(double[] xs, double[] ys) {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            int j = (i + 1) % xs.length;
            s += xs[i] * ys[j] - xs[j] * ys[i];
        }
        return Math.abs(s) / 2;
    }

    /** The area inside an Area with straight edges: the shoelace formula over each of its outlines. */
    public static double size(Area a) {
        double total = 0;
        double sub = 0;
        double[] c = new double[6];
        double startX = 0;
        double startY = 0;
        double lastX = 0;
        double lastY = 0;
        for (PathIterator it = a.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> {
                    total += Math.abs(sub) / 2;
                    sub = 0;
                    startX = lastX = c[0];
                    startY = lastY = c[1];
                }
                case PathIterator.SEG_LINETO -> {
                    sub += lastX * c[1] - c[0] * lastY;
                    lastX = c[0];
                    lastY = c[1];
                }
                case PathIterator.SEG_CLOSE -> {
                    sub += lastX * startY - startX * lastY;
                    lastX = startX;
                    lastY = startY;
                }
                default -> { }
            }
        }
        return total + Math.abs(sub) / 2;
    }

    /** The area of the intersection of two shapes. */
    public static double overlap(Area a, Area b) {
        Area inter = new Area(a);
        inter.intersect(b);
        return inter.isEmpty() ? 0 : size(inter);
    }
}
