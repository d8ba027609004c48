package io.visionstream.result;

/** One detected object, box corners in pixels of the original image. */
public record Detection(int classId, String label, float score, float x1, float y1, float x2, float y2) {
    public float area() {
        return Math.max(0f, x2 - x1) * Math.max(0f, y2 - y1);
    }

    private float intersection(Detection o) {
        float ix = Math.max(0f, Math.min(x2, o.x2) - Math.max(x1, o.x1));
        float iy = Math.max(0f, Math.min(y2, o.y2) - Math.max(y1, o.y1));
        return ix * iy;
    }

    public float iou(Detection o) {
        float inter = intersection(o);
        float union = area() + o.area() - inter;
        return union <= 0f ? 0f : inter / union;
    }

    /** Intersection over the smaller box's area: 1 when one box lies inside the other. */
    public float overlapOfSmaller(Detection o) {
        float smaller = Math.min(area(), o.area());
        return smaller <= 0f ? 0f : intersection(o) / smaller;
    }
}
