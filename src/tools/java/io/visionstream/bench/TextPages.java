package io.visionstream.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Pages with text the project knows: strings drawn with Java2D fonts at known places, so a text detector and
 * recognizer can be scored against ground truth. Layouts that matter to users: a document (lines of prose),
 * a dense map-like scatter of short labels in several sizes and colours on a textured background, a receipt
 * (a narrow, tall strip) and labels rotated up to ±15°. Deterministic for a seed.
 */
public final class TextPages {
    public enum Layout { DOCUMENT, MAP, RECEIPT, ROTATED }

    /** A ground-truth line: its text and its ink outline (four corners, clockwise from top-left). */
    public record Line(String text, double[][] corners) { }

    /** A rendered page and the lines on it. */
    public record Page(Layout layout, BufferedImage image, List<Line> lines) { }

    private static final String[] WORDS = ("the quick brown fox jumps over lazy dog memory safe vision stream "
            + "camera frame kafka topic model runtime slot budget image text line harbor market station "
            + "bridge garden river north south east west river valley airport luggage belt scanner document "
            + "invoice total price order number delivery window checkpoint recovery tile seam label street").split(" ");
    private static final String[] STREETS = {"Elm St", "Oak Ave", "Harbor Rd", "Mill Ln", "Park Pl", "King St",
        "Bay Dr", "Rose Ct", "Lake Way", "Hill Rd", "Dock St", "Main St", "Fox Ln", "Ash Ave", "Pine Rd"};
    private static final String[] ITEMS = {"COFFEE LATTE", "BAGEL", "ORANGE JUICE", "CROISSANT", "GREEN TEA",
        "MUFFIN", "SANDWICH", "WATER", "SALAD BOWL", "COOKIE", "SOUP", "ESPRESSO"};
    private static final Color[] INKS = {new Color(20, 20, 20), new Color(30, 40, 140), new Color(150, 20, 20),
        new Color(10, 90, 40), new Color(90, 40, 110)};

    private TextPages() {
    }

    /** Labels on a map at least this many font sizes apart: wider than any word space, so each is its own line. */
    public static final double MAP_LABEL_GAP = 1.5;

    public static Page render(Layout layout, int width, int height, long seed) {
        return render(layout, width, height, seed, MAP_LABEL_GAP);
    }

    /** A page; on a map, labels in a row are labelGap to labelGap + 1.5 font sizes apart. */
    public static Page render(Layout layout, int width, int height, long seed, double labelGap) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        Random rnd = new Random(seed);
        List<Line> lines = new ArrayList<>();
        try {
            switch (layout) {
                case DOCUMENT -> document(g, width, height, rnd, lines);
                case MAP -> map(g, width, height, rnd, labelGap, lines);
                case RECEIPT -> receipt(g, width, height, rnd, lines);
                case ROTATED -> rotated(g, width, height, rnd, lines);
                default -> throw new IllegalArgumentException(layout.name());
            }
        } finally {
            g.dispose();
        }
        return new Page(layout, img, lines);
    }

    /** A font size that keeps text legible at every size: about 1/40 of the short side, 16 to 64 px. */
    private static float baseSize(int width, int height) {
        return Math.max(16f, Math.min(64f, Math.min(width, height) / 40f));
    }

    private static void document(Graphics2D g, int w, int h, Random rnd, List<Line> lines) {
        paper(g, w, h, rnd, new Color(250, 248, 240));
        float size = baseSize(w, h);
        Font font = new Font(Font.SERIF, Font.PLAIN, Math.round(size));
        int margin = Math.round(size * 2);
        // lines of a readable measure (at most ~70 characters), in columns where the page is wide
        int columnWidth = Math.min(w - 2 * margin, Math.round(size * 32));
        int gutter = Math.round(size * 2.5f);
        double lineStep = size * 1.6;
        for (int x0 = margin; x0 + columnWidth <= w - margin + 1; x0 += columnWidth + gutter) {
            for (double y = margin + size; y + size * 0.4 < h - margin; y += lineStep) {
                String text = words(rnd, 12, font, g.getFontRenderContext(), columnWidth);
                draw(g, font, text, x0, (float) y, INKS[0], 0, lines);
            }
        }
    }

    private static void map(Graphics2D g, int w, int h, Random rnd, double labelGap, List<Line> lines) {
        paper(g, w, h, rnd, new Color(236, 232, 222));
        float base = baseSize(w, h) * 0.8f;
        // blocks and roads: the texture a label sits on
        for (int i = 0; i < w * h / 40000 + 4; i++) {
            g.setColor(new Color(200 + rnd.nextInt(40), 210 + rnd.nextInt(35), 190 + rnd.nextInt(40)));
            int bw = 40 + rnd.nextInt(Math.max(1, w / 6));
            int bh = 40 + rnd.nextInt(Math.max(1, h / 6));
            g.fillRect(rnd.nextInt(w), rnd.nextInt(h), bw, bh);
        }
        g.setColor(new Color(255, 255, 255));
        g.setStroke(new BasicStroke(Math.max(2f, base / 3)));
        for (int i = 0; i < (w + h) / 150 + 2; i++) {
            if (rnd.nextBoolean()) {
                int y = rnd.nextInt(h);
                g.drawLine(0, y, w, y + rnd.nextInt(40) - 20);
            } else {
                int x = rnd.nextInt(w);
                g.drawLine(x, 0, x + rnd.nextInt(40) - 20, h);
            }
        }
        // rows of short labels a few pixels apart, several sizes and colours
        FontRenderContext frc = g.getFontRenderContext();
        double y = base * 1.2;
        while (true) {
            float size = base * (0.8f + 0.6f * rnd.nextFloat());
            if (y + size > h - 4) {
                break;
            }
            Font font = new Font(rnd.nextBoolean() ? Font.SANS_SERIF : Font.SERIF,
                    rnd.nextInt(4) == 0 ? Font.BOLD : Font.PLAIN, Math.round(size));
            double x = 4 + rnd.nextDouble() * size * 2;
            while (true) {
                String text = label(rnd);
                double tw = new TextLayout(text, font, frc).getAdvance();
                if (x + tw > w - 4) {
                    break;
                }
                if (rnd.nextInt(5) != 0) {
                    draw(g, font, text, (float) x, (float) (y + size), INKS[rnd.nextInt(INKS.length)], 0, lines);
                }
                x += tw + size * (labelGap + rnd.nextDouble() * 1.5);
            }
            y += size * (1.0 + rnd.nextDouble() * 0.15);
        }
    }

    private static void receipt(Graphics2D g, int w, int h, Random rnd, List<Line> lines) {
        paper(g, w, h, rnd, new Color(90, 95, 100));
        float size = baseSize(w, h) * 0.9f;
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.round(size));
        FontRenderContext frc = g.getFontRenderContext();
        int stripW = (int) Math.min(w - 8, new TextLayout("2x ORANGE JUICE 12.34 ", font, frc).getAdvance() + size * 2);
        int x0 = (w - stripW) / 2;
        g.setColor(new Color(252, 252, 250));
        g.fillRect(x0, 0, stripW, h);
        double step = size * 1.5;
        for (double y = size * 1.5; y + size * 0.4 < h - size * 0.5; y += step) {
            String text = (1 + rnd.nextInt(4)) + "x " + ITEMS[rnd.nextInt(ITEMS.length)] + " "
                    + (1 + rnd.nextInt(30)) + "." + String.format("%02d", rnd.nextInt(100));
            draw(g, font, text, x0 + size, (float) y, INKS[0], 0, lines);
        }
    }

    private static void rotated(Graphics2D g, int w, int h, Random rnd, List<Line> lines) {
        paper(g, w, h, rnd, new Color(245, 245, 245));
        float size = baseSize(w, h);
        FontRenderContext frc = g.getFontRenderContext();
        // one label per cell of a grid, rotated within its cell so labels never touch
        int cellW = Math.round(size * 12);
        int cellH = Math.round(size * 4.5f);
        for (int cy = 0; cy + cellH <= h; cy += cellH) {
            for (int cx = 0; cx + cellW <= w; cx += cellW) {
                Font font = new Font(rnd.nextBoolean() ? Font.SANS_SERIF : Font.SERIF, Font.PLAIN, Math.round(size));
                String text = label(rnd);
                double tw = new TextLayout(text, font, frc).getAdvance();
                double angle = Math.toRadians(-15 + rnd.nextDouble() * 30);
                float x = (float) (cx + (cellW - tw * Math.cos(angle)) / 2);
                float y = (float) (cy + cellH / 2.0 + size / 3 + tw * Math.sin(angle) / 2);
                draw(g, font, text, x, y, INKS[rnd.nextInt(INKS.length)], angle, lines);
            }
        }
    }

    /** Background: a paper colour with speckle noise, so no page is flat. */
    private static void paper(Graphics2D g, int w, int h, Random rnd, Color base) {
        g.setColor(base);
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < w * h / 400; i++) {
            int v = rnd.nextInt(30) - 15;
            g.setColor(new Color(clamp(base.getRed() + v), clamp(base.getGreen() + v), clamp(base.getBlue() + v)));
            g.fillRect(rnd.nextInt(w), rnd.nextInt(h), 2, 2);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static String label(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> STREETS[rnd.nextInt(STREETS.length)];
            case 1 -> (1 + rnd.nextInt(250)) + " " + STREETS[rnd.nextInt(STREETS.length)];
            default -> capitalise(WORDS[rnd.nextInt(WORDS.length)]);
        };
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Words until the line would be wider than maxWidth, at most maxWords. */
    private static String words(Random rnd, int maxWords, Font font, FontRenderContext frc, int maxWidth) {
        StringBuilder sb = new StringBuilder(capitalise(WORDS[rnd.nextInt(WORDS.length)]));
        int n = 1;
        while (n < maxWords) {
            String next = sb + " " + WORDS[rnd.nextInt(WORDS.length)];
            if (new TextLayout(next, font, frc).getAdvance() > maxWidth) {
                break;
            }
            sb.setLength(0);
            sb.append(next);
            n++;
        }
        return sb.toString();
    }

    /** Draws text with its baseline starting at (x, y), rotated about that point, and records its ink outline. */
    private static void draw(Graphics2D g, Font font, String text, float x, float y, Color ink, double angle,
                             List<Line> lines) {
        TextLayout layout = new TextLayout(text, font, g.getFontRenderContext());
        AffineTransform saved = g.getTransform();
        g.setColor(ink);
        g.rotate(angle, x, y);
        layout.draw(g, x, y);
        g.setTransform(saved);
        // the line's box: its ink from left to right with a little margin, the font's ascent to its descent
        // (the typographic line box, what text-detection ground truth outlines)
        Rectangle2D glyphs = layout.getBounds();
        double pad = font.getSize2D() * 0.1;
        double top = -layout.getAscent();
        double bottom = layout.getDescent();
        double[][] local = {{glyphs.getMinX() - pad, top}, {glyphs.getMaxX() + pad, top}, {glyphs.getMaxX() + pad, bottom},
            {glyphs.getMinX() - pad, bottom}};
        AffineTransform at = AffineTransform.getRotateInstance(angle, x, y);
        double[][] corners = new double[4][];
        for (int i = 0; i < 4; i++) {
            Point2D p = at.transform(new Point2D.Double(x + local[i][0], y + local[i][1]), null);
            corners[i] = new double[] {p.getX(), p.getY()};
        }
        lines.add(new Line(text, corners));
    }
}
