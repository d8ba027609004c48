package io.visionstream.render;

import io.visionstream.codec.JpegEncoder;
import io.visionstream.codec.PngEncoder;
import io.visionstream.codec.SourceSize;
import io.visionstream.result.TaskResult;
import io.visionstream.result.MaskImage;
import io.visionstream.result.Detection;
import io.visionstream.result.Person;
import io.visionstream.result.Stage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Draws a result over its image and encodes it: boxes with labels, text polygons, or a tinted mask. The
 * overlay is rendered at most {@code maxSide} pixels on its long side: an overlay is for looking at, and a
 * full-size 8K PNG would cost 100 MB of heap and a second of CPU for nothing a person can see. Overlays are
 * photos, so JPEG is the default: a 1280-pixel overlay encodes in a few milliseconds to about 0.1 MB, where PNG
 * takes about ten times as long and 2–3 MB (more than a camera frame's share of a core). An overlay still too big
 * for one Kafka record is rendered again at half the size, a few times at most (rare with JPEG).
 */
public final class OverlayRenderer {
    private static final Color[] PALETTE = {
        new Color(230, 25, 75), new Color(60, 180, 75), new Color(255, 225, 25), new Color(0, 130, 200),
        new Color(245, 130, 48), new Color(145, 30, 180), new Color(70, 240, 240), new Color(240, 50, 230)
    };

    /** What is drawn on the scaled copy of the image; s = overlay pixels per image pixel. */
    @FunctionalInterface
    private interface Decoration {
        void draw(BufferedImage overlay, Graphics2D g, double s);
    }

    /** How overlays are encoded: JPEG (photos, the default) or PNG (lossless, slow, large). */
    public enum Format {
        JPEG, PNG;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** JPEG quality of overlays: boxes and labels stay crisp enough to read, files stay small. */
    private static final float JPEG_QUALITY = 0.85f;

    private final int maxSide;
    private final Format format;

    public OverlayRenderer(int maxSide) {
        this(maxSide, Format.PNG);
    }

    public OverlayRenderer(int maxSide, Format format) {
        this.maxSide = maxSide;
        this.format = format;
    }

    public int maxSide() {
        return maxSide;
    }

    public Format format() {
        return format;
    }

    /** The encoded overlay of a result, or null when the task has none or no size fits maxBytes. */
    public byte[] render(BufferedImage image, TaskResult result, int maxBytes) {
        Decoration d;
        if (result instanceof TaskResult.Detections r) {
            d = (o, g, s) -> {
                r.detections().forEach(det -> box(g, det, s));
                for (int i = 0; i < r.detections().size(); i++) {
                    Stage stage = r.stage(i);
                    if (stage != null && stage.result() != null) {
                        decorate(stage.result(), g, s);
                    }
                }
            };
        } else if (result instanceof TaskResult.Texts r) {
            d = (o, g, s) -> r.texts().forEach(t -> polygon(g, t, s));
        } else if (result instanceof TaskResult.Segments r) {
            d = (o, g, s) -> {
                if (r.mask() != null) {
                    tint(o, r.mask(), s);
                }
                r.people().forEach(p -> person(g, p, s));
            };
        } else {
            return null;
        }
        for (int side = maxSide; side >= 160; side /= 2) {
            byte[] encoded = renderAt(image, d, side, format);
            if (encoded.length <= maxBytes) {
                return encoded;
            }
        }
        return null;
    }

    /** The image scaled for an overlay and encoded with nothing drawn on it, to be {@link #decorate decorated} later. */
    public byte[] renderBase(BufferedImage image, int maxBytes) {
        for (int side = maxSide; side >= 160; side /= 2) {
            byte[] encoded = renderAt(image, (o, g, s) -> { }, side, format);
            // room for what is drawn on it later
            if (encoded.length <= maxBytes * 0.9) {
                return encoded;
            }
        }
        return null;
    }

    /**
     * A {@link #renderBase base} with the detections drawn on it, each labelled with its track number where it has
     * one, and the stream's lines (with their direction) and zones; {@code sourceWidth}: the original image's width,
     * which the boxes are in. Null when the result does not fit {@code maxBytes}.
     */
    public byte[] decorate(byte[] base, int sourceWidth, TaskResult.Detections d, int[] tracks,
                           io.visionstream.zones.StreamZones zones, int maxBytes) {
        BufferedImage image;
        try {
            image = io.visionstream.codec.ImageDecoder.decode(base, io.visionstream.guard.HeaderSniffer.sniff(base));
        } catch (io.visionstream.reject.RejectedInputException | RuntimeException e) {
            return null; // our own JPEG: cannot happen short of a bug, and then no overlay, not a failed stream
        }
        double s = image.getWidth() / (double) sourceWidth;
        Graphics2D g = image.createGraphics(); // the decoded base is this call's own: drawn on as it is
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int w = image.getWidth();
            int h = image.getHeight();
            g.setStroke(new BasicStroke(Math.max(2f, Math.max(w, h) / 300f)));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, Math.max(w, h) / 50)));
            zones(g, zones, s);
            // boxes not (yet) tracked first: a tracked box and its number are drawn over them, never under
            for (boolean tracked : new boolean[] {false, true}) {
                for (int i = 0; i < d.detections().size(); i++) {
                    Detection det = d.detections().get(i);
                    int track = tracks != null && i < tracks.length ? tracks[i] : 0;
                    if ((track > 0) == tracked) {
                        box(g, det, s, track > 0 ? String.format("%s #%d %.2f", det.label(), track, det.score()) : null);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        byte[] encoded = format == Format.JPEG ? JpegEncoder.encode(image, JPEG_QUALITY) : PngEncoder.encode(image);
        return encoded.length <= maxBytes ? encoded : null;
    }

    /** Zones as outlined polygons, lines with an arrow at p2 (a "+" crossing goes to the arrow's right), named. */
    private static void zones(Graphics2D g, io.visionstream.zones.StreamZones zones, double s) {
        if (zones == null) {
            return;
        }
        g.setColor(new Color(255, 225, 25));
        for (io.visionstream.zones.ZoneSpec z : zones.zones()) {
            Path2D.Double p = new Path2D.Double();
            p.moveTo(z.xs()[0] * s, z.ys()[0] * s);
            for (int i = 1; i < z.xs().length; i++) {
                p.lineTo(z.xs()[i] * s, z.ys()[i] * s);
            }
            p.closePath();
            g.draw(p);
            g.drawString(z.name(), (int) Math.round(z.xs()[0] * s) + 4,
                    (int) Math.round(z.ys()[0] * s) + g.getFontMetrics().getAscent());
        }
        g.setColor(new Color(70, 240, 240));
        for (io.visionstream.zones.LineSpec l : zones.lines()) {
            double x1 = l.x1() * s;
            double y1 = l.y1() * s;
            double x2 = l.x2() * s;
            double y2 = l.y2() * s;
            g.drawLine((int) Math.round(x1), (int) Math.round(y1), (int) Math.round(x2), (int) Math.round(y2));
            double a = Math.atan2(y2 - y1, x2 - x1);
            double head = Math.max(8, g.getFont().getSize() * 0.8);
            for (double side : new double[] {-0.4, 0.4}) {
                g.drawLine((int) Math.round(x2), (int) Math.round(y2), (int) Math.round(x2 - head * Math.cos(a + side)),
                        (int) Math.round(y2 - head * Math.sin(a + side)));
            }
            g.drawString(l.name(), (int) Math.round((x1 + x2) / 2) + 4, (int) Math.round((y1 + y2) / 2));
        }
    }

    private static byte[] renderAt(BufferedImage image, Decoration decoration, int maxSide, Format format) {
        // s: overlay pixels per pixel of the original image (results are in those; the decoded image may be smaller)
        int sw = SourceSize.width(image);
        int sh = SourceSize.height(image);
        double s = Math.min(1.0, (double) maxSide / Math.max(sw, sh));
        int w = Math.max(1, (int) Math.round(sw * s));
        int h = Math.max(1, (int) Math.round(sh * s));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(image, 0, 0, w, h, null);
            g.setStroke(new BasicStroke(Math.max(2f, Math.max(w, h) / 300f)));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, Math.max(w, h) / 50)));
            decoration.draw(out, g, s);
        } finally {
            g.dispose();
        }
        return format == Format.JPEG ? JpegEncoder.encode(out, JPEG_QUALITY) : PngEncoder.encode(out);
    }

    private static void box(Graphics2D g, Detection d, double s) {
        box(g, d, s, null);
    }

    private static void box(Graphics2D g, Detection d, double s, String label) {
        Color c = PALETTE[Math.floorMod(d.classId(), PALETTE.length)];
        int x1 = (int) Math.round(d.x1() * s);
        int y1 = (int) Math.round(d.y1() * s);
        int x2 = (int) Math.round(d.x2() * s);
        int y2 = (int) Math.round(d.y2() * s);
        g.setColor(c);
        g.drawRect(x1, y1, Math.max(1, x2 - x1), Math.max(1, y2 - y1));
        String text = label != null ? label : String.format("%s %.2f", d.label(), d.score());
        FontMetrics fm = g.getFontMetrics();
        int tw = fm.stringWidth(text) + 6;
        int th = fm.getHeight();
        int ty = y1 - th >= 0 ? y1 - th : y1;
        g.fillRect(x1, ty, tw, th);
        g.setColor(Color.BLACK);
        g.drawString(text, x1 + 3, ty + fm.getAscent());
    }

    /** A cascade's second result over its detection: text with what was read, people with their skeletons. */
    private static void decorate(TaskResult r, Graphics2D g, double s) {
        if (r instanceof TaskResult.Texts t) {
            for (TaskResult.TextRegion region : t.texts()) {
                polygon(g, region, s);
                if (region.text() != null) {
                    float[] p = region.polygon()[3];
                    label(g, region.text(), (int) Math.round(p[0] * s), (int) Math.round(p[1] * s), Color.WHITE);
                }
            }
        } else if (r instanceof TaskResult.Segments sg) {
            sg.people().forEach(p -> person(g, p, s));
        } else if (r instanceof TaskResult.Detections d) {
            d.detections().forEach(det -> box(g, det, s));
        }
    }

    /** PoseNet's skeleton: pairs of keypoint indices joined where both were seen. */
    private static final int[][] SKELETON = {{5, 6}, {5, 7}, {7, 9}, {6, 8}, {8, 10}, {5, 11}, {6, 12}, {11, 12},
        {11, 13}, {13, 15}, {12, 14}, {14, 16}, {0, 1}, {0, 2}, {1, 3}, {2, 4}};

    private static void person(Graphics2D g, Person p, double s) {
        g.setColor(new Color(70, 240, 240));
        java.util.List<Person.Keypoint> k = p.keypoints();
        for (int[] bone : SKELETON) {
            if (bone[1] < k.size() && k.get(bone[0]).score() >= 0.3f && k.get(bone[1]).score() >= 0.3f) {
                g.drawLine((int) Math.round(k.get(bone[0]).x() * s), (int) Math.round(k.get(bone[0]).y() * s),
                        (int) Math.round(k.get(bone[1]).x() * s), (int) Math.round(k.get(bone[1]).y() * s));
            }
        }
        int r = Math.max(2, (int) Math.round(3 * Math.max(1.0, s)));
        for (Person.Keypoint kp : k) {
            if (kp.score() >= 0.3f) {
                g.fillOval((int) Math.round(kp.x() * s) - r, (int) Math.round(kp.y() * s) - r, 2 * r, 2 * r);
            }
        }
    }

    private static void label(Graphics2D g, String text, int x, int y, Color background) {
        FontMetrics fm = g.getFontMetrics();
        g.setColor(background);
        g.fillRect(x, y, fm.stringWidth(text) + 6, fm.getHeight());
        g.setColor(Color.BLACK);
        g.drawString(text, x + 3, y + fm.getAscent());
    }

    private static void polygon(Graphics2D g, TaskResult.TextRegion t, double s) {
        Path2D.Double p = new Path2D.Double();
        float[][] q = t.polygon();
        p.moveTo(q[0][0] * s, q[0][1] * s);
        for (int i = 1; i < 4; i++) {
            p.lineTo(q[i][0] * s, q[i][1] * s);
        }
        p.closePath();
        g.setColor(new Color(60, 180, 75));
        g.draw(p);
    }

    /** Half-transparent class colour over every masked pixel, sampled from the full-size mask. */
    private static void tint(BufferedImage overlay, MaskImage mask, double s) {
        int w = overlay.getWidth();
        int h = overlay.getHeight();
        for (int y = 0; y < h; y++) {
            int my = Math.min(mask.height() - 1, (int) (y / s));
            for (int x = 0; x < w; x++) {
                int k = mask.at(Math.min(mask.width() - 1, (int) (x / s)), my);
                if (k != 0) {
                    Color c = k == 1 ? new Color(255, 0, 200) : MaskImage.colour(k);
                    int rgb = overlay.getRGB(x, y);
                    int r = (((rgb >> 16) & 0xFF) + c.getRed()) / 2;
                    int gg = (((rgb >> 8) & 0xFF) + c.getGreen()) / 2;
                    int b = ((rgb & 0xFF) + c.getBlue()) / 2;
                    overlay.setRGB(x, y, (r << 16) | (gg << 8) | b);
                }
            }
        }
    }
}
