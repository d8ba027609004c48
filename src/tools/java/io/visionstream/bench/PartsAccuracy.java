package io.visionstream.bench;

import io.visionstream.model.Inference;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import io.visionstream.result.MaskImage;
import io.visionstream.result.TaskResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Body-part rows of {@code bench accuracy}: the person of samples/person.jpg (and its mirror image) pasted into grey
 * scenes at several sizes, many per frame, neighbours overlapping, the frame parsed by the body-parts model in one
 * run. Truth is the same model on the person alone at its native size. Per pasted person, over its placed
 * rectangle: mask IoU (person or not) against the truth mask scaled to the placement, and part agreement (of the
 * pixels both call a person, the share with the same part). Pixels of a neighbour that overlaps are left out.
 */
final class PartsAccuracy {
    private static final int[] PERSON = {180, 92, 290, 384};
    private static final int PEOPLE = 6;

    private PartsAccuracy() {
    }

    static List<AccuracyBench.Row> rows(ModelRegistry registry, String model, List<int[]> sizes, long seed)
            throws Exception {
        List<AccuracyBench.Row> rows = new ArrayList<>();
        ModelSpec spec = registry.get(model);
        BufferedImage photo = AccuracyBench.sampleImage("person.jpg");
        BufferedImage person = copy(photo.getSubimage(PERSON[0], PERSON[1], PERSON[2] - PERSON[0],
                PERSON[3] - PERSON[1]), false);
        BufferedImage mirrored = copy(person, true);
        ModelSpec tiled = spec.with("memoryPolicy", "tile", spec.maxSide());
        try (ModelHandler h = AccuracyBench.open(spec); ModelHandler tile = AccuracyBench.open(tiled)) {
            byte[][] truth = {truth(h, person), truth(h, mirrored)};
            for (int[] s : sizes) {
                Random random = new Random(seed + s[0]);
                BufferedImage canvas = new BufferedImage(s[0], s[1], BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = canvas.createGraphics();
                g.setColor(new Color(110, 110, 110));
                g.fillRect(0, 0, s[0], s[1]);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                List<int[]> placed = new ArrayList<>();
                // people of 1.0-2.5x their photo size (at 1080p; scaled with the frame), side by side, a fifth of a
                // person's width overlapping the neighbour
                int x = s[0] / 20;
                for (int i = 0; i < PEOPLE; i++) {
                    double scale = (s[1] / 1080.0) * (1.0 + 1.5 * random.nextDouble());
                    int w = (int) Math.round(person.getWidth() * scale);
                    int hgt = (int) Math.round(person.getHeight() * scale);
                    if (x + w > s[0]) {
                        break;
                    }
                    int y = random.nextInt(Math.max(1, s[1] - hgt));
                    g.drawImage(i % 2 == 0 ? person : mirrored, x, y, w, hgt, null);
                    placed.add(new int[] {x, y, w, hgt, i % 2});
                    x += (int) (w * 0.8);
                }
                g.dispose();
                for (String mode : List.of("default", "tile")) {
                ModelHandler run = mode.equals("tile") ? tile : h;
                long t0 = System.nanoTime();
                Inference inf = run.infer(run.prepare(canvas));
                double ms = (System.nanoTime() - t0) / 1e6;
                TaskResult.Segments r = (TaskResult.Segments) inf.result();
                double iouSum = 0;
                double agreeSum = 0;
                for (int i = 0; i < placed.size(); i++) {
                    int[] p = placed.get(i);
                    int[] next = i + 1 < placed.size() ? placed.get(i + 1) : null;
                    double[] score = score(r.mask(), truth[p[4]], person.getWidth(), person.getHeight(), p, next);
                    iouSum += score[0];
                    agreeSum += score[1];
                }
                int n = placed.size();
                rows.add(AccuracyBench.printRow(new AccuracyBench.Row("parts", "people-iou", s[0], s[1], mode, n,
                        r.people().size(), r.people().size(), iouSum / n, Double.NaN, Double.NaN, inf.runs(), ms)));
                rows.add(AccuracyBench.printRow(new AccuracyBench.Row("parts", "part-agreement", s[0], s[1], mode,
                        n, r.people().size(), r.people().size(), agreeSum / n, Double.NaN, Double.NaN, inf.runs(),
                        ms)));
                }
            }
        }
        return rows;
    }

    /** The label map of the person alone (its own size, as the model takes it). */
    private static byte[] truth(ModelHandler h, BufferedImage person) throws Exception {
        TaskResult.Segments s = (TaskResult.Segments) h.infer(h.prepare(person)).result();
        return java.util.Arrays.copyOf(s.mask().data(), person.getWidth() * person.getHeight());
    }

    /** {IoU, part agreement} of one placed person, leaving out where the next person was drawn over it. */
    private static double[] score(MaskImage mask, byte[] truth, int tw, int th, int[] p, int[] next) {
        long inter = 0;
        long union = 0;
        long same = 0;
        for (int y = p[1]; y < p[1] + p[3]; y++) {
            for (int x = p[0]; x < p[0] + p[2]; x++) {
                if (next != null && x >= next[0] && y >= next[1] && y < next[1] + next[3]) {
                    continue;
                }
                int tx = Math.min(tw - 1, (int) ((x - p[0]) * (double) tw / p[2]));
                int ty = Math.min(th - 1, (int) ((y - p[1]) * (double) th / p[3]));
                int t = truth[ty * tw + tx];
                int m = mask.at(x, y);
                if (t != 0 && m != 0) {
                    inter++;
                    if (t == m) {
                        same++;
                    }
                }
                if (t != 0 || m != 0) {
                    union++;
                }
            }
        }
        return new double[] {union == 0 ? 1 : inter / (double) union, inter == 0 ? 0 : same / (double) inter};
    }

    private static BufferedImage copy(BufferedImage src, boolean mirror) {
        BufferedImage c = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = c.createGraphics();
        if (mirror) {
            g.drawImage(src, src.getWidth(), 0, -src.getWidth(), src.getHeight(), null);
        } else {
            g.drawImage(src, 0, 0, null);
        }
        g.dispose();
        return c;
    }
}
