package io.visionstream.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Camera-like huge frames with known content: photos scaled to several sizes and pasted without overlap, half of
 * them centred on a seam of the slices the detector will run (on purpose: the hard case), the rest at random.
 * The truth of each photo is the model's own answer on that photo alone, at the size it was pasted.
 */
final class PastedScenes {
    /** Long sides of the pasted photos, cycled: from the model input up to about 1.3× the sample photos. */
    static final int[] LONG_SIDES = {448, 576, 720, 896, 1024};

    static final Color BACKGROUND = new Color(118, 120, 116);

    record Placed(BufferedImage photo, int x, int y) {
        Rectangle box() {
            return new Rectangle(x, y, photo.getWidth(), photo.getHeight());
        }
    }

    record Scene(BufferedImage frame, List<Placed> photos) {
    }

    private PastedScenes() {
    }

    /**
     * A w×h frame holding up to {@code count} photos; {@code seams} are x positions of slice edges (photos on
     * seams are centred on one of them).
     */
    static Scene make(List<BufferedImage> photos, int w, int h, int count, List<Integer> seamsX, List<Integer> seamsY,
                      long seed) {
        Random random = new Random(seed);
        BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        List<Placed> placed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage src = photos.get(i % photos.size());
            int side = LONG_SIDES[(i + (int) (seed % LONG_SIDES.length)) % LONG_SIDES.length];
            double r = side / (double) Math.max(src.getWidth(), src.getHeight());
            int pw = (int) Math.round(src.getWidth() * r);
            int ph = (int) Math.round(src.getHeight() * r);
            if (pw > w || ph > h) {
                continue;
            }
            for (int attempt = 0; attempt < 300; attempt++) {
                int x;
                int y;
                if (i % 2 == 0 && !seamsX.isEmpty()) {
                    x = clamp(seamsX.get(random.nextInt(seamsX.size())) - pw / 2 + random.nextInt(41) - 20, w - pw);
                    y = i % 4 == 0 && !seamsY.isEmpty()
                            ? clamp(seamsY.get(random.nextInt(seamsY.size())) - ph / 2 + random.nextInt(41) - 20, h - ph)
                            : random.nextInt(h - ph + 1);
                } else {
                    x = random.nextInt(w - pw + 1);
                    y = random.nextInt(h - ph + 1);
                }
                Rectangle box = new Rectangle(x - 8, y - 8, pw + 16, ph + 16);
                if (placed.stream().noneMatch(p -> p.box().intersects(box))) {
                    BufferedImage scaled = scaled(src, pw, ph);
                    g.drawImage(scaled, x, y, null);
                    placed.add(new Placed(scaled, x, y));
                    break;
                }
            }
        }
        g.dispose();
        return new Scene(frame, placed);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    static BufferedImage scaled(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
