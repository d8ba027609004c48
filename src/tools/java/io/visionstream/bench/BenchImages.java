package io.visionstream.bench;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Camera-like frames for the throughput benchmark: the sample photos (or the user's) scaled to a camera's
 * resolution, shifted a little per frame, encoded as baseline JPEG at quality 85 (what IP cameras send) or PNG.
 */
public final class BenchImages {
    private BenchImages() {
    }

    /** The photos the frames are made from: every image file in dir, or the bundled samples. */
    static List<BufferedImage> photos(Path dir) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        File[] files = dir == null
                ? new File[] {new File("samples/dog.jpg"), new File("samples/person.jpg"), new File("samples/horses.jpg")}
                : dir.toFile().listFiles();
        if (files != null) {
            java.util.Arrays.sort(files);
            for (File f : files) {
                BufferedImage img = f.isFile() ? ImageIO.read(f) : null;
                if (img != null) {
                    out.add(img);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no readable images in " + (dir == null ? "samples/" : dir));
        }
        return out;
    }

    /** {@code count} frames of w×h: photo i % photos, cropped by a few pixels per frame, scaled to w×h. */
    static List<byte[]> frames(List<BufferedImage> photos, int count, int w, int h, String format) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage p = photos.get(i % photos.size());
            int shift = 2 * (i / photos.size());
            int cw = Math.max(16, p.getWidth() - 2 * shift);
            int ch = Math.max(16, p.getHeight() - 2 * shift);
            BufferedImage frame = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            var g = frame.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(p, 0, 0, w, h, Math.min(shift, p.getWidth() - cw), Math.min(shift, p.getHeight() - ch),
                        Math.min(shift, p.getWidth() - cw) + cw, Math.min(shift, p.getHeight() - ch) + ch, null);
            } finally {
                g.dispose();
            }
            out.add(encode(frame, format));
        }
        return out;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (format.equals("png")) {
            ImageIO.write(image, "png", bytes);
            return bytes.toByteArray();
        }
        return jpeg(image, 0.85f);
    }

    /** JPEG through ImageIO at {@code quality}, as a camera or a producer script would send it. */
    public static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static void save(Path dir, String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), bytes);
    }
}
