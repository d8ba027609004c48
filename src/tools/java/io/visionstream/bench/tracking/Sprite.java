package io.visionstream.bench.tracking;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A crop of a real photo at the size it is pasted, and the objects in it (boxes in crop pixels): first the
 * one it was cut for, then any other the detector finds in it (messi5.jpg's ball), which move with it and
 * are truth objects too. An {@code ignored} part is one the detector finds only weakly on the photo: whether it
 * is found once pasted is luck, so the metrics leave it out.
 */
public record Sprite(BufferedImage image, List<Part> parts) {

    public record Part(String label, Box box, boolean ignored) { }

    public String label() {
        return parts.get(0).label();
    }

    public Box inner() {
        return parts.get(0).box();
    }

    /** This sprite scaled to {@code height} pixels, mirrored left-right when {@code mirror} (a walker turned round). */
    public Sprite scaled(int height, boolean mirror) {
        double s = height / (double) image.getHeight();
        int w = Math.max(1, (int) Math.round(image.getWidth() * s));
        BufferedImage out = new BufferedImage(w, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        if (mirror) {
            g.drawImage(image, w, 0, -w, height, null);
        } else {
            g.drawImage(image, 0, 0, w, height, null);
        }
        g.dispose();
        List<Part> scaled = new ArrayList<>();
        for (Part p : parts) {
            Box b = p.box();
            float x1 = (float) (b.x1() * s);
            float x2 = (float) (b.x2() * s);
            float y1 = (float) (b.y1() * s);
            float y2 = (float) (b.y2() * s);
            scaled.add(new Part(p.label(), mirror ? new Box(w - x2, y1, w - x1, y2) : new Box(x1, y1, x2, y2),
                    p.ignored()));
        }
        return new Sprite(out, List.copyOf(scaled));
    }
}
