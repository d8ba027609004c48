package io.visionstream.image;

import io.visionstream.model.detect.Detection;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws detection boxes and labels over the image and encodes a PNG. The overlay is rendered at most
 * {@code maxSide} pixels on its long side: an overlay is for looking at, and a full-size 8K PNG would cost
 * 100 MB of heap and a second of CPU for nothing a person can see.
 */
public final class OverlayRenderer {
    private static final Color[] PALETTE = {
        new Color(230, 25, 75), new Color(60, 180, 75), new Color(255, 225, 25), new Color(0, 130, 200),
        new Color(245, 130, 48), new Color(145, 30, 180), new Color(70, 240, 240), new Color(240, 50, 230)
    };

    private final int maxSide;

    public OverlayRenderer(int maxSide) {
        this.maxSide = maxSide;
    }

    /**
     * The overlay PNG, at most maxSide on its long side and maxBytes in size: a busy photo whose PNG is too
     * big for one Kafka record is rendered again at half the size (a few times at most). Null when even a
     * small one does not fit.
     */
    public byte[] render(BufferedImage image, List<Detection> detections, int maxBytes) {
        for (int side = maxSide; side >= 160; side /= 2) {
            byte[] png = renderAt(image, detections, side);
            if (png.length <= maxBytes) {
                return png;
            }
        }
        return null;
    }

    private static byte[] renderAt(BufferedImage image, List<Detection> detections, int maxSide) {
        double s = Math.min(1.0, (double) maxSide / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * s));
        int h = Math.max(1, (int) Math.round(image.getHeight() * s));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.drawImage(image, 0, 0, w, h, null);
            float stroke = Math.max(2f, Math.max(w, h) / 300f);
            g.setStroke(new BasicStroke(stroke));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, Math.max(w, h) / 50)));
            FontMetrics fm = g.getFontMetrics();
            for (Detection d : detections) {
                Color c = PALETTE[Math.floorMod(d.classId(), PALETTE.length)];
                int x1 = (int) Math.round(d.x1() * s);
                int y1 = (int) Math.round(d.y1() * s);
                int x2 = (int) Math.round(d.x2() * s);
                int y2 = (int) Math.round(d.y2() * s);
                g.setColor(c);
                g.drawRect(x1, y1, Math.max(1, x2 - x1), Math.max(1, y2 - y1));
                String text = String.format("%s %.2f", d.label(), d.score());
                int tw = fm.stringWidth(text) + 6;
                int th = fm.getHeight();
                int ty = y1 - th >= 0 ? y1 - th : y1;
                g.fillRect(x1, ty, tw, th);
                g.setColor(Color.BLACK);
                g.drawString(text, x1 + 3, ty + fm.getAscent());
            }
        } finally {
            g.dispose();
        }
        return Png.encode(out);
    }

    /** PNG encoding shared by every renderer. */
    public static final class Png {
        private Png() {
        }

        public static byte[] encode(BufferedImage image) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight());
            try {
                if (!ImageIO.write(image, "png", bytes)) {
                    throw new IOException("no PNG writer");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }
}
