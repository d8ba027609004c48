package io.visionstream.zones;

/** The point of a box that crosses a line or enters a zone. */
public enum Anchor {
    /** The box centre: objects seen from above (a belt, a ceiling camera). */
    CENTER,
    /** The middle of the bottom edge: where a person or a car touches the ground in a side view. */
    BOTTOM;

    public float x(float x1, float x2) {
        return (x1 + x2) / 2f;
    }

    public float y(float y1, float y2) {
        return this == CENTER ? (y1 + y2) / 2f : y2;
    }
}
