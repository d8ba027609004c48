package io.visionstream.ingest;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Test videos with the frame number burnt in: a row of 16 black/white blocks across the top of each frame (bit 15
 * first) survives H.264 and JPEG, and scaling, and {@link #counter} reads it back from a published JPEG. Frames are
 * rendered here and encoded by the real FFmpeg, so the tests run the decoder a camera's stream would.
 */
final class TestVideo {
    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    private static final int BITS = 16;
    private static final int BAR_HEIGHT = 40;

    private TestVideo() {
    }

    /** Skips the calling test where FFmpeg is not installed (.ci/run installs it). */
    static void assumeFfmpeg() {
        boolean ok;
        try {
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            ok = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        Assumptions.assumeTrue(ok, "ffmpeg is not installed (apt-get install ffmpeg)");
    }

    /** An H.264 MP4 of {@code frames} frames at {@code fps}, a key frame every {@code gop} frames. */
    static Path h264(Path file, int frames, int fps, int gop) throws IOException, InterruptedException {
        return h264(file, frames, fps, gop, WIDTH, HEIGHT);
    }

    /** The same at another frame size (a camera that comes back at another resolution). */
    static Path h264(Path file, int frames, int fps, int gop, int width, int height)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo",
                "-pix_fmt", "rgb24", "-s", width + "x" + height, "-r", Integer.toString(fps), "-i", "pipe:0",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", Integer.toString(gop), "-pix_fmt", "yuv420p",
                file.toString())).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream o = p.getOutputStream()) {
            byte[] rgb = new byte[width * height * 3];
            for (int i = 0; i < frames; i++) {
                render(i, rgb, width, height);
                o.write(rgb);
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg could not encode the test video");
        }
        return file;
    }

    private static void render(int n, byte[] rgb, int width, int height) {
        int bar = height * BAR_HEIGHT / HEIGHT;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v;
                if (y < bar) {
                    int bit = BITS - 1 - x * BITS / width;
                    v = ((n >> bit) & 1) == 1 ? 255 : 0;
                } else {
                    v = (x + y + n * 4) & 0x7F | 0x40; // moving mid-grey texture: the encoder has work to do
                }
                int i = (y * width + x) * 3;
                rgb[i] = (byte) v;
                rgb[i + 1] = (byte) v;
                rgb[i + 2] = (byte) (y < bar ? v : 0x80);
            }
        }
    }

    /** The frame number burnt into a JPEG at any scale. */
    static int counter(byte[] jpeg) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        int w = img.getWidth();
        int y = img.getHeight() * (BAR_HEIGHT / 2) / HEIGHT;
        int n = 0;
        for (int b = 0; b < BITS; b++) {
            int x = (int) ((b + 0.5) * w / BITS);
            int grey = img.getRGB(x, y) >> 8 & 0xFF;
            n = n << 1 | (grey > 127 ? 1 : 0);
        }
        return n;
    }
}
