package io.visionstream.bench.tracking;

import io.visionstream.zones.StreamZones;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A generated sequence: objects pasted over a grey, noisy background, frames 0 .. frames-1. Frame numbers in
 * {@code dropped} never arrive (the tracker sees the next one); those in {@code corrupt} arrive without an
 * image (the tracker is told to skip one). Objects later in {@code movers} are drawn over earlier ones.
 */
public final class Scene {
    /** Below this visible fraction a box is ignored by the metrics (MOTChallenge keeps such boxes out). */
    static final double MIN_VISIBLE = 0.5;

    private final String name;
    private final int width;
    private final int height;
    private final int frames;
    private final Set<Integer> dropped;
    private final Set<Integer> corrupt;
    private final List<Mover> movers;
    private final StreamZones zones;
    private final byte[] background;
    private final java.util.Map<Integer, List<TruthBox>> truth = new java.util.HashMap<>();

    public Scene(String name, int width, int height, int frames, Set<Integer> dropped, Set<Integer> corrupt,
                 List<Mover> movers, StreamZones zones, long seed) {
        this.name = name;
        this.width = width;
        this.height = height;
        this.frames = frames;
        this.dropped = Set.copyOf(dropped);
        this.corrupt = Set.copyOf(corrupt);
        this.movers = List.copyOf(movers);
        this.zones = zones;
        this.background = background(width, height, seed);
    }

    public String name() {
        return name;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int frames() {
        return frames;
    }

    public boolean dropped(int frame) {
        return dropped.contains(frame);
    }

    public boolean corrupt(int frame) {
        return corrupt.contains(frame);
    }

    public List<Mover> movers() {
        return movers;
    }

    public StreamZones zones() {
        return zones;
    }

    public BufferedImage render(int frame) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(background, 0, px, 0, px.length);
        Graphics2D g = img.createGraphics();
        for (Mover m : movers) {
            if (m.present(frame)) {
                int[] p = m.corner(frame);
                g.drawImage(m.sprite().image(), p[0], p[1], null);
            }
        }
        g.dispose();
        return img;
    }

    /** The objects on {@code frame}: boxes clipped to the image, ignored where less than half is visible. */
    public synchronized List<TruthBox> truth(int frame) {
        return truth.computeIfAbsent(frame, this::place);
    }

    private List<TruthBox> place(int frame) {
        int[] owner = new int[width * height];
        for (int i = 0; i < movers.size(); i++) {
            Mover m = movers.get(i);
            if (!m.present(frame)) {
                continue;
            }
            int[] p = m.corner(frame);
            BufferedImage s = m.sprite().image();
            for (int y = Math.max(0, p[1]); y < Math.min(height, p[1] + s.getHeight()); y++) {
                for (int x = Math.max(0, p[0]); x < Math.min(width, p[0] + s.getWidth()); x++) {
                    owner[y * width + x] = i + 1;
                }
            }
        }
        List<TruthBox> out = new ArrayList<>();
        for (int i = 0; i < movers.size(); i++) {
            Mover m = movers.get(i);
            if (!m.present(frame)) {
                continue;
            }
            for (int k = 0; k < m.sprite().parts().size(); k++) {
                Sprite.Part part = m.sprite().parts().get(k);
                Box b = m.box(frame, k);
                Box clipped = new Box(Math.max(0, b.x1()), Math.max(0, b.y1()), Math.min(width, b.x2()),
                        Math.min(height, b.y2()));
                if (clipped.x2() <= clipped.x1() || clipped.y2() <= clipped.y1()) {
                    continue; // wholly outside the image
                }
                long seen = 0;
                for (int y = (int) Math.ceil(clipped.y1()); y < clipped.y2(); y++) {
                    for (int x = (int) Math.ceil(clipped.x1()); x < clipped.x2(); x++) {
                        if (owner[y * width + x] == i + 1) {
                            seen++;
                        }
                    }
                }
                out.add(new TruthBox(m.truthId(k), part.label(), clipped,
                        part.ignored() || seen < MIN_VISIBLE * b.area()));
            }
        }
        return List.copyOf(out);
    }

    /** Grey with fixed noise: nothing in it the detector could take for an object. */
    private static byte[] background(int w, int h, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            int v = 108 + r.nextInt(21);
            px[3 * i] = (byte) (v + 4);
            px[3 * i + 1] = (byte) v;
            px[3 * i + 2] = (byte) (v - 4);
        }
        return px;
    }
}
