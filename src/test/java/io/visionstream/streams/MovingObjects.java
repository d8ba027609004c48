package io.visionstream.streams;

import io.visionstream.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Camera-like test frames with known motion: a real photo of a person (a crop of the sample, so the detector
 * really finds it) moved over a grey background along a straight path. The path's centre crosses a known
 * vertical line once per pass; a second sprite can move the other way.
 */
public final class MovingObjects {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 360;
    private static final BufferedImage DOG = crop("person.jpg", 177, 92, 290, 384, 80, 206);

    private MovingObjects() {
    }

    /** An object's centre x on frame i of n, moving from x0 to x1. */
    public static float x(int i, int n, float x0, float x1) {
        return x0 + (x1 - x0) * i / (n - 1f);
    }

    /** Frame i of a pass where one person moves left to right and, when {@code two}, a second right to left below it (their paths cross mid-frame). */
    public static byte[] frame(int i, int n, boolean two) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(128, 128, 120));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        paste(g, x(i, n, 80, 560), 110);
        if (two) {
            paste(g, x(i, n, 560, 80), 250);
        }
        g.dispose();
        return jpeg(img);
    }

    private static void paste(Graphics2D g, float cx, float cy) {
        g.drawImage(DOG, Math.round(cx - DOG.getWidth() / 2f), Math.round(cy - DOG.getHeight() / 2f), null);
    }

    private static BufferedImage crop(String name, int x1, int y1, int x2, int y2, int w, int h) {
        try {
            BufferedImage src = ImageIO.read(new ByteArrayInputStream(TestImages.sample(name)));
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src.getSubimage(x1, y1, x2 - x1, y2 - y1), 0, 0, w, h, null);
            g.dispose();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(BufferedImage img) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ImageIO.write(img, "jpg", b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For a look at the frames: writes a few of them under target/moving-objects. */
    public static void main(String[] args) throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("target/moving-objects");
        java.nio.file.Files.createDirectories(dir);
        List<Integer> which = new ArrayList<>(List.of(0, 10, 20));
        for (int i : which) {
            java.nio.file.Files.write(dir.resolve("f" + i + ".jpg"), frame(i, 30, true));
        }
    }
}
