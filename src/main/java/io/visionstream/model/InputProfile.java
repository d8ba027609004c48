package io.visionstream.model;

import java.io.Serializable;

/**
 * An input-size profile: the model input for one kind of scene (an ID card, a screenshot, a product shot), so
 * that a scanner's small cards are not blown up to a screenshot's input and a screenshot's small print is not
 * squeezed into a card's. Sizes are orientation-free: the long side meets the image's long side.
 */
public record InputProfile(String name, int width, int height) implements Serializable {
    public static final String DEFAULT = "default";

    public InputProfile {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("profile '" + name + "': sides must be positive, got " + width + "x" + height);
        }
    }

    public int longSide() {
        return Math.max(width, height);
    }

    public int shortSide() {
        return Math.min(width, height);
    }

    public long pixels() {
        return (long) width * height;
    }

    /** This size turned to the image's orientation: landscape images get the long side across. */
    public InputProfile orientedLike(int imageWidth, int imageHeight) {
        boolean landscape = imageWidth >= imageHeight;
        return landscape == (width >= height) ? this : new InputProfile(name, height, width);
    }

    /** This size scaled down (never up) so that its long side is at most {@code maxSide}. */
    public InputProfile cappedAt(int maxSide) {
        if (longSide() <= maxSide) {
            return this;
        }
        double r = maxSide / (double) longSide();
        return new InputProfile(name, Math.max(1, (int) (width * r)), Math.max(1, (int) (height * r)));
    }

    @Override
    public String toString() {
        return name + " " + width + "x" + height;
    }
}
