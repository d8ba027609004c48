package io.visionstream.bench;

import io.visionstream.model.Inference;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.cascade.CascadeHandler;
import io.visionstream.model.cascade.CascadeSettings;
import io.visionstream.result.Detection;
import io.visionstream.result.Stage;
import io.visionstream.result.TaskResult;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Cascade rows of {@code bench accuracy}: tags with known codes rendered onto objects, the objects pasted into a
 * grey "belt" scene at known places and scales, the frame read by detector then OCR. Scored per tag by character
 * accuracy (1 − edit distance / length, at least 0) of what the cascade read on the object found there, against the
 * same OCR model on the tagged object cut by hand (the ceiling the cascade can reach). The objects are the person of
 * samples/person.jpg: no photo of a suitcase is available on these machines, and the detector must find the object for
 * the cascade to matter.
 */
final class CascadeAccuracy {
    /** The person of person.jpg as NanoDet finds it, with some margin. */
    private static final int[] PERSON = {180, 92, 290, 384};
    private static final int OBJECTS = 4;
    private static final int SCENES = 3;

    private CascadeAccuracy() {
    }

    static List<AccuracyBench.Row> rows(ModelRegistry registry, String detect, String ocr, List<int[]> sizes, long seed)
            throws Exception {
        List<AccuracyBench.Row> rows = new ArrayList<>();
        ModelSpec first = registry.get(detect);
        ModelSpec spec = new CascadeSettings(detect, ocr, List.of("person"), 0.3f, 0.1f, 16, 2_000_000, 8, false)
                .toSpec("bench-tags", first, "bench accuracy");
        BufferedImage photo = AccuracyBench.sampleImage("person.jpg");
        try (ModelHandler det = AccuracyBench.open(first); ModelHandler read = AccuracyBench.open(registry.get(ocr))) {
            CascadeHandler cascade = new CascadeHandler(spec, det, read);
            for (int[] s : sizes) {
              double cascadeSum = 0;
              double handSum = 0;
              int found = 0;
              double foundSum = 0;
              int detections = 0;
              int runs = 0;
              double ms = 0;
              for (int scene = 0; scene < SCENES; scene++) {
                Random random = new Random(seed + s[0] + 1000L * scene);
                BufferedImage canvas = emptyBelt(s[0], s[1]);
                Graphics2D g = canvas.createGraphics();
                List<int[]> placed = new ArrayList<>();
                List<String> codes = new ArrayList<>();
                List<BufferedImage> handCut = new ArrayList<>();
                // objects of 0.8-1.6x their photo size (at 1080p; scaled with the frame) at well separated places along the belt
                for (int i = 0; i < OBJECTS; i++) {
                    String code = String.format(Locale.ROOT, "%04d", random.nextInt(10000));
                    BufferedImage obj = tagged(photo, code);
                    double scale = (s[1] / 1080.0) * (0.8 + 0.8 * random.nextDouble());
                    int w = (int) Math.round(obj.getWidth() * scale);
                    int h = (int) Math.round(obj.getHeight() * scale);
                    int slot = s[0] / OBJECTS;
                    int x = i * slot + random.nextInt(Math.max(1, slot - w));
                    int y = random.nextInt(Math.max(1, s[1] - h));
                    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                    g.drawImage(obj, x, y, w, h, null);
                    placed.add(new int[] {x, y, x + w, y + h});
                    codes.add(code);
                    handCut.add(canvas.getSubimage(x, y, w, h));
                }
                g.dispose();
                long t0 = System.nanoTime();
                Inference inf = cascade.infer(cascade.prepare(canvas));
                ms += (System.nanoTime() - t0) / 1e6;
                TaskResult.Detections d = (TaskResult.Detections) inf.result();
                detections += d.detections().size();
                runs += inf.runs();
                for (int i = 0; i < OBJECTS; i++) {
                    String got = readAt(d, placed.get(i));
                    if (System.getenv("CASCADE_DEBUG") != null) {
                        System.out.println(codes.get(i) + " at " + java.util.Arrays.toString(placed.get(i)) + " read "
                                + got + " among " + d.detections() + " " + d.stages());
                    }
                    if (got != null) {
                        found++;
                        foundSum += accuracy(got, codes.get(i));
                    }
                    cascadeSum += accuracy(got == null ? "" : got, codes.get(i));
                    TaskResult.Texts t = (TaskResult.Texts) read.infer(read.prepare(copy(handCut.get(i)))).result();
                    handSum += accuracy(join(t), codes.get(i));
                }
              }
                int tags = OBJECTS * SCENES;
                rows.add(print(new AccuracyBench.Row("cascade", "tags-cascade", s[0], s[1], "default", tags, found,
                        detections, found / (double) tags, Double.NaN, cascadeSum / tags, runs / SCENES, ms / SCENES)));
                rows.add(print(new AccuracyBench.Row("cascade", "tags-detected", s[0], s[1], "default", found, found,
                        detections, 1.0, Double.NaN, found == 0 ? Double.NaN : foundSum / found, runs / SCENES,
                        ms / SCENES)));
                rows.add(print(new AccuracyBench.Row("cascade", "tags-hand-cut", s[0], s[1], "reference", tags,
                        tags, tags, 1.0, Double.NaN, handSum / tags, OBJECTS, Double.NaN)));
            }
            int[] beltSize = sizes.get(0);
            for (boolean once : new boolean[] {false, true}) {
                ModelSpec belt = new CascadeSettings(detect, ocr, List.of("person"), 0.3f, 0.1f, 16, 2_000_000, 8, once)
                        .toSpec("bench-belt", first, "bench accuracy");
                rows.add(print(belt(new CascadeHandler(belt, det, read), photo, beltSize[0], beltSize[1], seed, once)));
            }
        }
        return rows;
    }

    private static final int BELT_FRAMES = 24;
    private static final int BELT_STEP = 12;

    /**
     * A belt: OBJECTS tagged objects moving BELT_STEP px a frame to the right for BELT_FRAMES frames of one stream,
     * read by the cascade frame by frame, every frame or (readOnce) once per object. Runs and ms are per frame; the
     * character accuracy is over every tag on every frame.
     */
    private static AccuracyBench.Row belt(CascadeHandler cascade, BufferedImage photo, int width, int height, long seed,
                                          boolean once) throws Exception {
        Random random = new Random(seed);
        List<BufferedImage> objects = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < OBJECTS; i++) {
            codes.add(String.format(Locale.ROOT, "%04d", random.nextInt(10000)));
            objects.add(tagged(photo, codes.get(i)));
        }
        double scale = height / 1080.0 * 1.2;
        int w = (int) Math.round(objects.get(0).getWidth() * scale);
        int h = (int) Math.round(objects.get(0).getHeight() * scale);
        int slot = (width - BELT_STEP * BELT_FRAMES) / OBJECTS;
        double sum = 0;
        int found = 0;
        int runs = 0;
        int detections = 0;
        double ms = 0;
        for (int f = 0; f < BELT_FRAMES; f++) {
            BufferedImage canvas = emptyBelt(width, height);
            Graphics2D g = canvas.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            List<int[]> placed = new ArrayList<>();
            for (int i = 0; i < OBJECTS; i++) {
                int x = i * slot + (slot - w) / 2 + BELT_STEP * f;
                int y = (height - h) / 2 + (i % 2 == 0 ? -h / 4 : h / 4);
                g.drawImage(objects.get(i), x, y, w, h, null);
                placed.add(new int[] {x, y, x + w, y + h});
            }
            g.dispose();
            long t0 = System.nanoTime();
            Inference inf = cascade.infer(List.of(cascade.prepare(canvas)), List.of("belt")).get(0);
            ms += (System.nanoTime() - t0) / 1e6;
            TaskResult.Detections d = (TaskResult.Detections) inf.result();
            runs += inf.runs();
            detections += d.detections().size();
            for (int i = 0; i < OBJECTS; i++) {
                String got = readAt(d, placed.get(i));
                found += got == null ? 0 : 1;
                sum += accuracy(got == null ? "" : got, codes.get(i));
            }
        }
        int tags = OBJECTS * BELT_FRAMES;
        return new AccuracyBench.Row("cascade", once ? "tags-belt-read-once" : "tags-belt-every-frame", width, height,
                "readOnce=" + once, tags, found, detections, found / (double) tags, Double.NaN, sum / tags,
                (int) Math.round(runs / (double) BELT_FRAMES), ms / BELT_FRAMES);
    }

    /** An empty grey belt of the frame's size, to paste the tagged objects on. */
    private static BufferedImage emptyBelt(int width, int height) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(96, 96, 100));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return canvas;
    }

    private static AccuracyBench.Row print(AccuracyBench.Row r) {
        return AccuracyBench.printRow(r);
    }

    /** The person of person.jpg, cut with margin, with a white tag carrying {@code code} on its chest. */
    static BufferedImage tagged(BufferedImage photo, String code) {
        BufferedImage obj = copy(photo.getSubimage(PERSON[0], PERSON[1], PERSON[2] - PERSON[0], PERSON[3] - PERSON[1]));
        Graphics2D g = obj.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(16, 78, 78, 30);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString(code, 21, 101);
        g.dispose();
        return obj;
    }

    /**
     * What the cascade read on the detection of the placed object: among the detections at IoU ≥ 0.5 with it, or
     * lying mostly on it (at least half of the detection's box inside the object's: nanodet boxes only the upper
     * body of some small objects, and the cascade reads their tag from that box), the one at the highest IoU; null
     * if none.
     */
    private static String readAt(TaskResult.Detections d, int[] box) {
        Detection truth = new Detection(0, "person", 1f, box[0], box[1], box[2], box[3]);
        String best = null;
        float bestIou = -1f;
        for (int i = 0; i < d.detections().size(); i++) {
            Stage s = d.stage(i);
            Detection det = d.detections().get(i);
            float iou = det.iou(truth);
            if (s != null && s.status() == Stage.Status.OK && (iou >= 0.5f || inside(det, box) >= 0.5)
                    && iou > bestIou) {
                bestIou = iou;
                best = join((TaskResult.Texts) s.result());
            }
        }
        return best;
    }

    /** The share of the detection's box that lies inside {@code box}. */
    private static double inside(Detection d, int[] box) {
        double w = Math.max(0, Math.min(d.x2(), box[2]) - Math.max(d.x1(), box[0]));
        double h = Math.max(0, Math.min(d.y2(), box[3]) - Math.max(d.y1(), box[1]));
        double area = (d.x2() - d.x1()) * (double) (d.y2() - d.y1());
        return area <= 0 ? 0 : w * h / area;
    }

    private static String join(TaskResult.Texts t) {
        StringBuilder b = new StringBuilder();
        t.texts().forEach(r -> b.append(r.text() == null ? "" : r.text()));
        return b.toString().replace(" ", "");
    }

    static double accuracy(String read, String truth) {
        return Math.max(0, 1 - TextScore.editDistance(read, truth) / (double) truth.length());
    }

    private static BufferedImage copy(BufferedImage src) {
        BufferedImage c = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = c.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return c;
    }
}
