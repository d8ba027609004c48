package io.visionstream.bench;

import io.visionstream.result.Task;

import io.visionstream.model.ModelRegistry;
import io.visionstream.model.ModelSpec;
import io.visionstream.model.cascade.CascadeSettings;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * {@code visionstream bench memory}: every model family at 640×640, 1920×1080, 4000×3000 and 7680×4320, the
 * safe path and the naive one (safeguards off: one full-resolution run), each in a child JVM
 * ({@link MemoryProbe}) so that its peak resident set is its own. Naive runs that cannot happen are refused:
 * fixed-size models have no full-resolution run, and a run whose calibrated estimate exceeds
 * {@code --naive-limit-mb} would only get this machine's OOM killer to end it.
 * Prints a table and writes bench-memory.csv.
 */
public final class MemoryBench {
    private static final String DEFAULT_MODELS = "nanodet-coco,ppocr,selfie-person,waifu2x-2x,ppocr-cls";
    private static final String DEFAULT_SIZES = "640x640,1920x1080,4000x3000,7680x4320";

    private record Row(String model, String family, int width, int height, String mode, double peakRssMb,
                       double peakNativeMb, double ms, int tiles, long budgetMb, String within, String note) { }

    private MemoryBench() {
    }

    /** {@code a}: the options of {@code visionstream bench ...} by name (io.visionstream.cli.BenchCommand). */
    public static int main(Map<String, String> a) throws Exception {
        Path out = Path.of(a.getOrDefault("out", "bench-out"));
        long budgetMb = Long.parseLong(a.getOrDefault("budget-mb", "1024"));
        long naiveLimitMb = Long.parseLong(a.getOrDefault("naive-limit-mb", "8192"));
        List<String> models = List.of(a.getOrDefault("models", DEFAULT_MODELS).split(","));
        List<int[]> sizes = new ArrayList<>();
        for (String s : a.getOrDefault("sizes", DEFAULT_SIZES).split(",")) {
            String[] wh = s.split("x");
            sizes.add(new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])});
        }
        Files.createDirectories(out.resolve("images"));
        ModelRegistry registry = ModelRegistry.load(ModelRegistry.DEFAULT_LOCATION);
        List<Row> rows = new ArrayList<>();
        for (String model : models) {
            ModelSpec spec = registry.get(model);
            boolean cascade = CascadeSettings.isCascade(spec);
            // a cascade's two models are calibrated in its own probe, with the slot's plan
            Map<String, String> cost = cascade ? Map.of("session", "0", "fixed", "0", "perPixel", "0")
                    : probe(budgetMb, "--calibrate", model);
            if (!cascade) {
                System.out.printf("%s: session %s MB, activations %s MB + %s B/pixel%n", model,
                        mb(cost.get("session")), mb(cost.get("fixed")), cost.get("perPixel"));
            }
            // people for the body-part models and cascades, a street photo for the others
            String photo = cascade || "bodypix".equals(spec.family()) ? "person.jpg" : "dog.jpg";
            for (int[] size : sizes) {
                Path image = benchImage(out.resolve("images"), spec.task(), size[0], size[1], photo);
                for (String mode : cascade ? List.of("safe") : List.of("naive", "safe")) {
                    Row row = measure(spec, image, size, mode, budgetMb, naiveLimitMb, cost);
                    rows.add(row);
                    print(row, rows.size() == 1);
                }
            }
        }
        writeCsv(out.resolve("bench-memory.csv"), rows);
        System.out.println();
        System.out.println("wrote " + out.resolve("bench-memory.csv"));
        return 0;
    }

    private static Row measure(ModelSpec spec, Path image, int[] size, String mode, long budgetMb, long naiveLimitMb,
                               Map<String, String> cost) throws Exception {
        String family = spec.task().wireName();
        if (mode.equals("naive")) {
            boolean fullResolutionPossible = spec.task() == Task.TEXT || "waifu2x".equals(spec.family());
            if (!fullResolutionPossible) {
                return refused(spec, family, size, budgetMb, (spec.dynamicInput() ? "scaled to its "
                        : "fixed ") + spec.inputWidth() + "x" + spec.inputHeight() + " input: no full-resolution run");
            }
            long runPixels = spec.task() == Task.TEXT ? (long) size[0] * size[1] : 4L * size[0] * size[1];
            double estimateMb = (Double.parseDouble(cost.get("session")) + Double.parseDouble(cost.get("fixed"))
                    + Double.parseDouble(cost.get("perPixel")) * runPixels) / 1048576.0;
            if (estimateMb > naiveLimitMb) {
                return refused(spec, family, size, budgetMb, String.format("estimated %.0f MB", estimateMb));
            }
        }
        int runs = (long) size[0] * size[1] <= 1920L * 1080 ? 2 : 1;
        List<String> args = new ArrayList<>(List.of("--model", spec.name(), "--image", image.toString(), "--mode", mode,
                "--runs", Integer.toString(runs)));
        if (!CascadeSettings.isCascade(spec)) {
            args.addAll(List.of("--cost", cost.get("session") + "," + cost.get("fixed") + "," + cost.get("perPixel")));
        }
        Map<String, String> r = probe(budgetMb, args.toArray(new String[0]));
        if (!r.containsKey("baseline")) {
            return new Row(spec.name(), family, size[0], size[1], mode, 0, 0, 0, 0, budgetMb, "refused",
                    "probe died: " + r.getOrDefault("error", "killed"));
        }
        double peak = Double.parseDouble(r.get("peak")) / 1048576.0;
        double nativeMb = (Double.parseDouble(r.get("peak")) - Double.parseDouble(r.get("baseline"))) / 1048576.0;
        if (r.get("status").equals("failed")) {
            return new Row(spec.name(), family, size[0], size[1], mode, peak, nativeMb, 0, 0, budgetMb, "refused",
                    "failed: " + r.get("error"));
        }
        return new Row(spec.name(), family, size[0], size[1], mode, peak, nativeMb, Double.parseDouble(r.get("ms")),
                Integer.parseInt(r.get("tiles")), budgetMb, nativeMb <= budgetMb ? "yes" : "no",
                r.get("status").equals("ok") ? "" : r.get("status"));
    }

    private static Row refused(ModelSpec spec, String family, int[] size, long budgetMb, String why) {
        return new Row(spec.name(), family, size[0], size[1], "naive", 0, 0, 0, 0, budgetMb, "refused", why);
    }

    /** Runs MemoryProbe in a child JVM and returns its RESULT line as key=value pairs. */
    private static Map<String, String> probe(long budgetMb, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx6g", "-XX:MaxDirectMemorySize=2g", "-Dlog4j.configurationFile=" + System.getProperty(
                        "log4j.configurationFile", ""), MemoryProbe.class.getName(), "--budget-mb", Long.toString(budgetMb)));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MALLOC_MMAP_THRESHOLD_", "131072");
        pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        Map<String, String> result = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    for (String kv : line.substring(7).split(" ")) {
                        int eq = kv.indexOf('=');
                        result.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
            }
        }
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        if (p.exitValue() != 0 && result.isEmpty()) {
            result.put("error", "exit " + p.exitValue() + (p.exitValue() == 137 ? " (killed: out of memory)" : ""));
        }
        return result;
    }

    /** A photo (dog.jpg) or a page of text (imageTextN.png) scaled to the size, as a JPEG file. */
    private static Path benchImage(Path dir, Task task, int w, int h, String photo) throws IOException {
        boolean page = task == Task.TEXT;
        Path file = dir.resolve((page ? "page" : photo.replace(".jpg", "")) + "-" + w + "x" + h + ".jpg");
        if (Files.exists(file)) {
            return file;
        }
        BufferedImage src = ImageIO.read(new File(page ? "samples/imageTextN.png" : "samples/" + photo));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        if (page) {
            // pages side by side at twice their size: many lines, small print, as a scanner would send
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            int pw = src.getWidth() * 2;
            int ph = src.getHeight() * 2;
            for (int y = 0; y < h; y += ph) {
                for (int x = 0; x < w; x += pw) {
                    g.drawImage(src, x, y, pw, ph, null);
                }
            }
        } else {
            g.drawImage(src, 0, 0, w, h, null);
        }
        g.dispose();
        ImageIO.write(img, "jpg", file.toFile());
        return file;
    }

    private static String mb(String bytes) {
        return String.format("%.0f", Double.parseDouble(bytes) / 1048576.0);
    }

    private static void print(Row r, boolean header) {
        String fmt = "%-14s %-11s %-10s %-5s %9s %10s %10s %6s %8s %-7s %s%n";
        if (header) {
            System.out.println();
            System.out.printf(fmt, "model", "task", "size", "mode", "peak RSS", "peak slot", "ms/image", "tiles",
                    "budget", "within", "note");
            System.out.printf(fmt, "-".repeat(14), "-".repeat(11), "-".repeat(10), "-".repeat(5), "-".repeat(9),
                    "-".repeat(10), "-".repeat(10), "-".repeat(6), "-".repeat(8), "-".repeat(7), "-".repeat(20));
        }
        boolean ran = r.peakRssMb() > 0;
        System.out.printf(fmt, r.model(), r.family(), r.width() + "x" + r.height(), r.mode(),
                ran ? String.format("%.0f MB", r.peakRssMb()) : "-", ran ? String.format("%.0f MB", r.peakNativeMb()) : "-",
                r.ms() > 0 ? String.format("%.0f", r.ms()) : "-", r.tiles() > 0 ? Integer.toString(r.tiles()) : "-",
                r.budgetMb() + " MB", r.within(), r.note());
    }

    private static void writeCsv(Path file, List<Row> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("model,width,height,mode,peak_rss_mb,peak_native_mb,ms_per_image,tiles,budget_mb,within_budget,note\n");
            for (Row r : rows) {
                w.write(String.format("%s,%d,%d,%s,%.1f,%.1f,%.1f,%d,%d,%s,\"%s\"%n", r.model(), r.width(), r.height(),
                        r.mode(), r.peakRssMb(), r.peakNativeMb(), r.ms(), r.tiles(), r.budgetMb(), r.within(),
                        r.note().replace("\"", "'")));
            }
        }
    }
}
