package io.visionstream.model.cascade;

import io.visionstream.result.MaskImage;

/**
 * One frame's mask made of its crops' masks (a cascade whose second model segments): each crop's mask painted
 * back where the crop was cut, at frame resolution. A pixel keeps the first non-background value painted on it,
 * so overlapping crops (padding reaches into a neighbour) never erase each other. Allocated on the first crop.
 */
final class FrameMask {
    private final int width;
    private final int height;
    private byte[] data;

    FrameMask(int width, int height) {
        this.width = width;
        this.height = height;
    }

    void paint(MaskImage crop, CropPlacement p) {
        if (crop == null) {
            return;
        }
        if (data == null) {
            data = new byte[width * height];
        }
        int x2 = Math.min(width, p.x() + p.width());
        int y2 = Math.min(height, p.y() + p.height());
        for (int fy = p.y(); fy < y2; fy++) {
            int cy = Math.min(crop.height() - 1, (int) ((fy - p.y() + 0.5) * p.scale()));
            int row = fy * width;
            for (int fx = p.x(); fx < x2; fx++) {
                int cx = Math.min(crop.width() - 1, (int) ((fx - p.x() + 0.5) * p.scale()));
                byte v = crop.data()[cy * crop.width() + cx];
                if (v != 0 && data[row + fx] == 0) {
                    data[row + fx] = v;
                }
            }
        }
    }

    /** The frame's mask, or null when no crop was painted. */
    MaskImage image() {
        return data == null ? null : new MaskImage(width, height, data);
    }
}
