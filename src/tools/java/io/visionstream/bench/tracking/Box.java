package io.visionstream.bench.tracking;

/** An axis-aligned box, corners x1, y1, x2, y2 in image pixels. */
public record Box(float x1, float y1, float x2, float y2) {

    public double area() {
        return Math.max(0, x2 - x1) * (double) Math.max(0, y2 - y1);
    }

    public double iou(Box o) {
        double ix = Math.max(0, Math.min(x2, o.x2) - Math.max(x1, o.x1));
        double iy = Math.max(0, Math.min(y2, o.y2) - Math.max(y1, o.y1));
        double inter = ix * iy;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    public float cx() {
        return (x1 + x2) / 2f;
    }

    public float cy() {
        return (y1 + y2) / 2f;
    }
}
