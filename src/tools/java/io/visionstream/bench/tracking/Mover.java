package io.visionstream.bench.tracking;

/**
 * One object of a sequence: a sprite (already at its pasted size) whose box centre follows straight segments
 * between keyframes {frame, cx, cy}; it exists from the first keyframe to the last.
 */
public record Mover(int id, Sprite sprite, double[][] keys) {

    public int first() {
        return (int) keys[0][0];
    }

    public int last() {
        return (int) keys[keys.length - 1][0];
    }

    public boolean present(int frame) {
        return frame >= first() && frame <= last();
    }

    /** The sprite's top-left corner on {@code frame}, whole pixels (where it is drawn, so the truth is exact). */
    public int[] corner(int frame) {
        double[] c = centre(frame);
        Box in = sprite.inner();
        return new int[] {(int) Math.round(c[0] - in.cx()), (int) Math.round(c[1] - in.cy())};
    }

    /** The object's whole box on {@code frame}, also where it lies outside the image. */
    public Box box(int frame) {
        return box(frame, 0);
    }

    /** Part {@code part}'s box on {@code frame} (see {@link Sprite#parts}). */
    public Box box(int frame, int part) {
        int[] p = corner(frame);
        Box in = sprite.parts().get(part).box();
        return new Box(p[0] + in.x1(), p[1] + in.y1(), p[0] + in.x2(), p[1] + in.y2());
    }

    /** The truth id of a part: the mover's own for its main object, 1000 × part + id for the others. */
    public int truthId(int part) {
        return part * 1000 + id;
    }

    private double[] centre(int frame) {
        for (int i = 1; i < keys.length; i++) {
            if (frame <= keys[i][0]) {
                double[] a = keys[i - 1];
                double[] b = keys[i];
                double t = b[0] == a[0] ? 1 : (frame - a[0]) / (b[0] - a[0]);
                return new double[] {a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])};
            }
        }
        return new double[] {keys[keys.length - 1][1], keys[keys.length - 1][2]};
    }
}
