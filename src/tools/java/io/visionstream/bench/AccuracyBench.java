package io.visionstream.bench;

import io.visionstream.result.TaskResult;
import io.visionstream.serving.ModelHandlers;

import io.visionstream.model.Inference;
import io.visionstream.model.ModelHandler;
import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import io.visionstream.runtime.SlotContext;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code visionstream bench accuracy}: accuracy against ground truth the project makes itself.
 * Text: {@link TextPages} layouts at every size, read by {@code ppocr} as it is configured (mode
 * {@code default}) and, for images above its input, by one downscaled run (mode {@code downscale}, PaddleOCR's
 * default), scored by {@link TextScore}. Huge frames: {@link TiledDetectionAccuracy} and {@link PastedPeopleMasks}
 * (photos pasted into large frames, against the model on each photo alone). Prints a table and writes
 * bench-accuracy.csv.
 */
public final class AccuracyBench {
    private static final String DEFAULT_SIZES = "640x480,1280x720,1920x1080,4000x3000,7680x4320";
    private static final String DEFAULT_PASTE_SIZES = "1920x1080,4000x3000,7680x4320";

    record Row(String task, String layout, int width, int height, String mode, int truth, int found, int regions,
               double recall, double precision, double charAccuracy, int tiles, double ms) {
        String csv() {
            return String.join(",", task, layout, width + "x" + height, mode, String.valueOf(truth),
                    String.valueOf(found), String.valueOf(regions), f(recall), f(precision), f(charAccuracy),
                    String.valueOf(tiles), String.format(Locale.ROOT, "%.0f", ms));
        }
    }

    private AccuracyBench() {
    }

    /** {@code a}: the options of {@code visionstream bench ...} by name (io.visionstream.cli.BenchCommand). */
    public static int main(Map<String, String> a) throws Exception {
        Path out = Path.of(a.getOrDefault("out", "bench-out"));
        List<int[]> sizes = sizes(a.getOrDefault("sizes", DEFAULT_SIZES));
        List<int[]> pasteSizes = sizes(a.getOrDefault("paste-sizes", DEFAULT_PASTE_SIZES));
        List<TextPages.Layout> layouts = new ArrayList<>();
        String layoutList = a.getOrDefault("layouts", "document,map,receipt,rotated");
        for (String l : layoutList.equals("none") ? new String[0] : layoutList.split(",")) {
            layouts.add(TextPages.Layout.valueOf(l.trim().toUpperCase(Locale.ROOT)));
        }
        long seed = Long.parseLong(a.getOrDefault("seed", "7"));
        Path dump = a.containsKey("dump") ? Path.of(a.get("dump")) : null;
        ModelRegistry registry = ModelRegistry.load(a.getOrDefault("registry", ModelRegistry.DEFAULT_LOCATION));
        Files.createDirectories(out);
        List<Row> rows = new ArrayList<>();
        String textModel = a.getOrDefault("text-model", "ppocr");
        ModelSpec text = registry.get(textModel);
        try (ModelHandler tiled = open(text);
             ModelHandler oneRun = open(text.with("memoryPolicy", "downscale", text.maxSide()))) {
            for (TextPages.Layout layout : layouts) {
                for (int[] s : sizes) {
                    TextPages.Page page = TextPages.render(layout, s[0], s[1], seed);
                    rows.add(print(text(tiled, page, "default", dump)));
                    if (Math.max(s[0], s[1]) > Math.max(text.inputWidth(), text.inputHeight())) {
                        rows.add(print(text(oneRun, page, "downscale", dump)));
                    }
                }
            }
        }
        if (!a.getOrDefault("paste", "true").equals("false")) {
            rows.addAll(TiledDetectionAccuracy.rows(registry, a.getOrDefault("detect-model", "nanodet-coco"),
                    pasteSizes, BenchImages.photos(a.containsKey("photos") ? Path.of(a.get("photos")) : null),
                    a.getOrDefault("tile-options", ""),
                    Integer.parseInt(a.getOrDefault("scenes", "4")), seed));
            if (!a.getOrDefault("masks", "true").equals("false")) {
                rows.addAll(PastedPeopleMasks.rows(registry, a.getOrDefault("mask-cascade", "people-masks"), pasteSizes,
                        a.containsKey("people") ? BenchImages.photos(Path.of(a.get("people"))) : null, seed));
            }
        }
        if (!a.getOrDefault("parts", "true").equals("false")) {
            rows.addAll(PartsAccuracy.rows(registry, "bodypix-parts",
                    sizes(a.getOrDefault("cascade-sizes", "1920x1080,4000x3000")), seed));
        }
        if (!a.getOrDefault("cascade", "true").equals("false")) {
            rows.addAll(CascadeAccuracy.rows(registry, a.getOrDefault("detect-model", "nanodet-coco"),
                    textModel, sizes(a.getOrDefault("cascade-sizes", "1920x1080,4000x3000")), seed));
        }
        Path csv = out.resolve("bench-accuracy.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("task,layout,size,mode,truth,found,regions,recall,precision,char_accuracy,tiles,ms\n");
            for (Row r : rows) {
                w.write(r.csv() + "\n");
            }
        }
        System.out.println("wrote " + csv);
        return 0;
    }

    static ModelHandler open(ModelSpec spec) throws Exception {
        return ModelHandlers.open(spec, SlotContext.defaults().withMaxOutputBytes(64 << 20));
    }

    /** One page read by one handler and scored. */
    public static Row text(ModelHandler h, TextPages.Page page, String mode, Path dump) throws Exception {
        long t0 = System.nanoTime();
        Inference run = h.infer(h.prepare(page.image()));
        List<TaskResult.TextRegion> regions = ((TaskResult.Texts) run.result()).texts();
        double ms = (System.nanoTime() - t0) / 1e6;
        TextScore s = TextScore.of(page.lines(), regions);
        if (dump != null) {
            dump(page, regions, mode, dump);
        }
        return new Row("text", page.layout().name().toLowerCase(Locale.ROOT), page.image().getWidth(),
                page.image().getHeight(), mode, s.lines(), s.found(), s.regions(), s.recall(), s.precision(),
                s.charAccuracy(), run.runs(), ms);
    }

    /** The page as PNG and, per line, what was read and what is there (GT), for a look at what went wrong. */
    private static void dump(TextPages.Page page, List<TaskResult.TextRegion> regions, String mode, Path dir)
            throws java.io.IOException {
        Files.createDirectories(dir);
        String name = page.layout().name().toLowerCase(Locale.ROOT) + "-" + page.image().getWidth() + "x"
                + page.image().getHeight();
        ImageIO.write(page.image(), "png", dir.resolve(name + ".png").toFile());
        try (Writer w = Files.newBufferedWriter(dir.resolve(name + "-" + mode + ".txt"), StandardCharsets.UTF_8)) {
            for (TaskResult.TextRegion r : regions) {
                w.write(java.util.Arrays.deepToString(r.polygon()) + " " + r.text() + "\n");
            }
            for (TextPages.Line l : page.lines()) {
                w.write("GT " + java.util.Arrays.deepToString(l.corners()) + " " + l.text() + "\n");
            }
        }
    }

    static BufferedImage sampleImage(String name) throws Exception {
        return sample(name);
    }

    static Row printRow(Row r) {
        return print(r);
    }

    private static BufferedImage sample(String name) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("samples", name))) {
            BufferedImage raw = ImageIO.read(in);
            BufferedImage bgr = new BufferedImage(raw.getWidth(), raw.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            bgr.getGraphics().drawImage(raw, 0, 0, null);
            return bgr;
        }
    }

    private static List<int[]> sizes(String list) {
        List<int[]> sizes = new ArrayList<>();
        for (String s : list.split(",")) {
            String[] wh = s.trim().split("x");
            sizes.add(new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])});
        }
        return sizes;
    }

    private static Row print(Row r) {
        System.out.printf(Locale.ROOT, "%-8s %-18s %10s %-9s truth %4d found %4d regions %4d recall %s precision %s"
                        + " chars %s tiles %3d %8.0f ms%n", r.task(), r.layout(), r.width() + "x" + r.height(), r.mode(),
                r.truth(), r.found(), r.regions(), f(r.recall()), f(r.precision()), f(r.charAccuracy()), r.tiles(), r.ms());
        return r;
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
