package io.visionstream.bench.tracking;

import io.visionstream.model.ModelHandler;
import io.visionstream.result.Detection;
import io.visionstream.result.TaskResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Real objects cut out of the sample photos. Where each one is comes from the detector itself, run once on the
 * whole photo, so the pasted objects are ones it really recognises; the cut keeps a margin of the photo around
 * the box (a fifth of the box each side, because the detector needs some context, stopping short of any other
 * object there). People: once pasted at 640x480 this detector scores them 0.6-0.75, steadily from frame to
 * frame, where the dog, cow and bicycle crops score 0.35-0.58 and are often missed; messi5.jpg's ball comes
 * along inside the player's box and is a truth object of its own.
 */
public final class ObjectCrops {
    /** person.jpg's person (tall and narrow) and messi5.jpg's player (wide). */
    public static final List<String[]> SOURCES = List.of(new String[] {"person.jpg", "person"},
            new String[] {"messi5.jpg", "person"});

    /** Other objects in a crop found on the photo below this score are ignored parts (found or not by luck). */
    static final float CERTAIN = 0.45f;

    private ObjectCrops() {
    }

    public static List<Sprite> find(ModelHandler detector) throws Exception {
        List<Sprite> out = new ArrayList<>();
        for (String[] s : SOURCES) {
            BufferedImage photo = photo(s[0]);
            List<Detection> found = new ArrayList<>(
                    ((TaskResult.Detections) detector.infer(detector.prepare(photo)).result()).detections());
            List<Detection> all = new ArrayList<>(found);
            found.removeIf(d -> !d.label().equals(s[1]));
            Detection d = found.stream().max(Comparator.comparingDouble(Detection::score))
                    .orElseThrow(() -> new IllegalStateException("no " + s[1] + " found in " + s[0]));
            out.add(cut(photo, d, all));
        }
        return out;
    }

    /** The crop around {@code d}, with the other detections that lie (nine tenths or more) inside it as parts. */
    static Sprite cut(BufferedImage photo, Detection d, List<Detection> all) {
        float mw = (d.x2() - d.x1()) / 5;
        float mh = (d.y2() - d.y1()) / 5;
        int x1 = Math.max(0, Math.round(d.x1() - mw));
        int y1 = Math.max(0, Math.round(d.y1() - mh));
        int x2 = Math.min(photo.getWidth(), Math.round(d.x2() + mw));
        int y2 = Math.min(photo.getHeight(), Math.round(d.y2() + mh));
        // another object in the margin would be pasted along, half cut: the margin stops short of it
        for (Detection o : all) {
            if (o == d || o.x2() <= x1 || o.x1() >= x2 || o.y2() <= y1 || o.y1() >= y2) {
                continue;
            }
            if (o.x2() <= d.x1()) {
                x1 = Math.max(x1, (int) Math.ceil(o.x2()));
            } else if (o.x1() >= d.x2()) {
                x2 = Math.min(x2, (int) Math.floor(o.x1()));
            } else if (o.y2() <= d.y1()) {
                y1 = Math.max(y1, (int) Math.ceil(o.y2()));
            } else if (o.y1() >= d.y2()) {
                y2 = Math.min(y2, (int) Math.floor(o.y1()));
            }
        }
        BufferedImage crop = new BufferedImage(x2 - x1, y2 - y1, BufferedImage.TYPE_3BYTE_BGR);
        crop.getGraphics().drawImage(photo.getSubimage(x1, y1, x2 - x1, y2 - y1), 0, 0, null);
        List<Sprite.Part> parts = new ArrayList<>();
        parts.add(new Sprite.Part(d.label(), new Box(d.x1() - x1, d.y1() - y1, d.x2() - x1, d.y2() - y1), false));
        Box cropBox = new Box(x1, y1, x2, y2);
        for (Detection o : all) {
            Box b = new Box(o.x1(), o.y1(), o.x2(), o.y2());
            Box in = new Box(Math.max(x1, b.x1()), Math.max(y1, b.y1()), Math.min(x2, b.x2()), Math.min(y2, b.y2()));
            boolean inside = in.x2() > in.x1() && in.y2() > in.y1() && in.area() >= 0.9 * b.area();
            if (o == d || !inside || overlapsKept(b, parts, x1, y1)) {
                continue;
            }
            parts.add(new Sprite.Part(o.label(), new Box(b.x1() - x1, b.y1() - y1, b.x2() - x1, b.y2() - y1),
                    o.score() < CERTAIN));
        }
        return new Sprite(crop, List.copyOf(parts));
    }

    /** The same object found twice (as person and as its bag, say): one part is enough. */
    private static boolean overlapsKept(Box b, List<Sprite.Part> parts, int x1, int y1) {
        Box shifted = new Box(b.x1() - x1, b.y1() - y1, b.x2() - x1, b.y2() - y1);
        for (Sprite.Part p : parts) {
            if (p.box().iou(shifted) > 0.6) {
                return true;
            }
        }
        return false;
    }

    /** A photo from samples/ or the test images (src/test/resources/images/), as BGR. */
    static BufferedImage photo(String name) throws IOException {
        Path p = Path.of("samples", name);
        if (!Files.exists(p)) {
            p = Path.of("src/test/resources/images", name);
        }
        BufferedImage raw = ImageIO.read(p.toFile());
        BufferedImage bgr = new BufferedImage(raw.getWidth(), raw.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(raw, 0, 0, null);
        return bgr;
    }
}
