package io.visionstream.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.fuzz.HostileInputs;
import io.visionstream.guard.GuardLimits;
import io.visionstream.codec.ImageFormat;
import io.visionstream.codec.ImageHeader;
import io.visionstream.guard.InputGuard;
import io.visionstream.reject.RejectedInputException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The libjpeg-turbo codec against ImageIO, the reference: the same verdict (decoded, or rejected for the same
 * reason) for every hostile input at every subsampling the job uses, the same picture for real photos, and
 * overlays that encode to the same picture at the same size.
 */
class JpegCodecParityTest {
    private static final Path IMAGES = Path.of("samples");

    @Test
    void theNativeDecoderIsBuiltAndLoadedOnLinuxX86() {
        boolean linuxX86 = System.getProperty("os.name").equals("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        // CI and the project's machines have gcc and libjpeg62-turbo-dev: a missing library here is a broken build
        assertEquals(linuxX86, ImageDecoder.scaledJpeg(), "libvisionstream-jpeg loaded");
    }

    @Test
    void theScaleIsTheSmallestThatStillGivesWhatTheSubsamplingWould() {
        for (int s : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 1000, Integer.MAX_VALUE}) {
            int n = TurboJpeg.eighths(s);
            assertTrue(n >= 1 && n <= 8 && n / 8.0 >= 1.0 / s, s + " -> " + n + "/8");
            assertTrue(n == 1 || (n - 1) / 8.0 < 1.0 / s, s + " -> " + n + "/8 is not the smallest");
        }
        assertEquals(4, TurboJpeg.eighths(2));
        assertEquals(2, TurboJpeg.eighths(4));
    }

    @Test
    void everyHostileInputGetsTheSameVerdictFromBothDecoders() {
        InputGuard guard = new InputGuard(GuardLimits.defaults(), m -> true);
        List<String> differ = new ArrayList<>();
        int jpegs = 0;
        for (HostileInputs.Input in : HostileInputs.generate(12)) {
            ImageHeader h;
            try {
                h = guard.check(in.value(), HostileInputs.MODEL);
            } catch (RejectedInputException e) {
                continue;
            }
            if (h.format() != ImageFormat.JPEG) {
                continue;
            }
            jpegs++;
            for (int subsampling : new int[] {1, 2, 3}) {
                String ours = verdict(() -> ImageDecoder.decode(in.value(), h, subsampling), subsampling);
                String reference = verdict(() -> ImageDecoder.decodeWithImageIo(in.value(), h, subsampling), subsampling);
                if (!ours.equals(reference)) {
                    differ.add(in + " at 1/" + subsampling + ": " + ours + " vs ImageIO " + reference);
                }
            }
        }
        assertTrue(jpegs >= 200, "hostile JPEGs past the guard: " + jpegs);
        assertEquals(List.of(), differ);
    }

    @Test
    void photosDecodeToTheSamePictureAsImageIo() throws Exception {
        for (String name : List.of("dog.jpg", "horses.jpg", "person.jpg")) {
            byte[] bytes = Files.readAllBytes(IMAGES.resolve(name));
            BufferedImage probe = ImageIO.read(IMAGES.resolve(name).toFile());
            ImageHeader h = new ImageHeader(ImageFormat.JPEG, probe.getWidth(), probe.getHeight());
            BufferedImage full = ImageDecoder.decode(bytes, h, 1);
            BufferedImage fullRef = ImageDecoder.decodeWithImageIo(bytes, h, 1);
            // the same library, the same inverse DCT and upsampling: the same bytes but for rounding
            assertTrue(meanAbsDiff(full, fullRef) < 1.0, name + " full size: " + meanAbsDiff(full, fullRef));

            BufferedImage half = ImageDecoder.decode(bytes, h, 2);
            assertEquals((probe.getWidth() + 1) / 2, half.getWidth(), name);
            assertEquals((probe.getHeight() + 1) / 2, half.getHeight(), name);
            assertEquals(probe.getWidth(), SourceSize.width(half), name + " keeps its source size");
            // DCT scaling averages where subsampling picks: compare both with the full picture averaged 2×2
            BufferedImage averaged = average2x2(fullRef);
            double scaled = meanAbsDiff(half, averaged);
            double picked = meanAbsDiff(ImageDecoder.decodeWithImageIo(bytes, h, 2), averaged);
            assertTrue(scaled < 4.0 && scaled <= picked + 0.5, String.format(Locale.ROOT,
                    "%s at 1/2: scaled decode %.2f from the averaged picture, ImageIO's subsampling %.2f", name, scaled, picked));
        }
    }

    @Test
    void overlaysEncodeAsImageIoEncodesThem() throws Exception {
        for (String name : List.of("dog.jpg", "person.jpg")) {
            BufferedImage photo = BgrPixels.of(ImageIO.read(IMAGES.resolve(name).toFile()));
            byte[] ours = JpegEncoder.encode(photo, 0.85f);
            byte[] reference = JpegEncoder.encodeWithImageIo(photo, 0.85f);
            assertTrue(ours.length < reference.length * 1.1 && ours.length > reference.length * 0.9,
                    name + ": " + ours.length + " bytes vs ImageIO's " + reference.length);
            BufferedImage back = ImageIO.read(new java.io.ByteArrayInputStream(ours));
            BufferedImage backRef = ImageIO.read(new java.io.ByteArrayInputStream(reference));
            assertEquals(photo.getWidth(), back.getWidth());
            assertTrue(meanAbsDiff(back, backRef) < 1.0, name + ": " + meanAbsDiff(back, backRef));
            assertTrue(meanAbsDiff(back, photo) < 4.0, name + " against the original: " + meanAbsDiff(back, photo));
        }
    }

    @Test
    void aTruncatedJpegIsRejectedAsCorruptNotFilledWithGrey() throws Exception {
        byte[] bytes = Files.readAllBytes(IMAGES.resolve("horses.jpg"));
        BufferedImage probe = ImageIO.read(IMAGES.resolve("horses.jpg").toFile());
        ImageHeader h = new ImageHeader(ImageFormat.JPEG, probe.getWidth(), probe.getHeight());
        byte[] cut = Arrays.copyOf(bytes, bytes.length * 2 / 3);
        for (int subsampling : new int[] {1, 2, 4}) {
            RejectedInputException e = org.junit.jupiter.api.Assertions.assertThrows(RejectedInputException.class,
                    () -> ImageDecoder.decode(cut, h, subsampling));
            assertEquals("CORRUPT_IMAGE", e.reason().name());
            assertTrue(e.getMessage().contains("decoder warning"), e.getMessage());
        }
    }

    @Test
    void decodesConcurrentlyWithoutSharedState() throws Exception {
        BufferedImage photo = ImageIO.read(IMAGES.resolve("horses.jpg").toFile());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(photo, "jpg", bytes);
        byte[] jpeg = bytes.toByteArray();
        ImageHeader h = new ImageHeader(ImageFormat.JPEG, photo.getWidth(), photo.getHeight());
        byte[] expected = BgrPixels.data(ImageDecoder.decode(jpeg, h, 2)).clone();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> same = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                same.add(pool.submit(() -> Arrays.equals(expected, BgrPixels.data(ImageDecoder.decode(jpeg, h, 2)))));
            }
            for (Future<Boolean> f : same) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Decode {
        BufferedImage run() throws RejectedInputException;
    }

    /** "decoded WxH" (sizes only at 1 and 2, where both decoders give the same size) or the reject reason. */
    private static String verdict(Decode d, int subsampling) {
        try {
            BufferedImage image = d.run();
            return subsampling <= 2 ? "decoded " + image.getWidth() + "x" + image.getHeight() : "decoded";
        } catch (RejectedInputException e) {
            return e.reason().name();
        }
    }

    private static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        byte[] x = BgrPixels.data(BgrPixels.of(a));
        byte[] y = BgrPixels.data(BgrPixels.of(b));
        assertEquals(x.length, y.length, "same size");
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
        }
        return (double) sum / x.length;
    }

    private static BufferedImage average2x2(BufferedImage full) {
        BufferedImage bgr = BgrPixels.of(full);
        byte[] src = BgrPixels.data(bgr);
        int w = bgr.getWidth();
        int h = bgr.getHeight();
        BufferedImage out = new BufferedImage((w + 1) / 2, (h + 1) / 2, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = BgrPixels.data(out);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    int n = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            int sx = 2 * x + dx;
                            int sy = 2 * y + dy;
                            if (sx < w && sy < h) {
                                sum += src[(sy * w + sx) * 3 + c] & 0xFF;
                                n++;
                            }
                        }
                    }
                    dst[(y * out.getWidth() + x) * 3 + c] = (byte) (sum / n);
                }
            }
        }
        return out;
    }
}
