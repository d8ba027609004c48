package io.visionstream.codec;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JPEG decoding with the system's libjpeg-turbo, scaled in the DCT domain (src/main/native says why it is twice
 * as fast as ImageIO for a detector's input), and JPEG encoding of overlays. The JNI library is built with the project where gcc and
 * libjpeg-turbo's headers are present and travels in the jar; where it is missing or does not load,
 * {@link #available()} is false and {@link ImageDecoder} uses ImageIO. VISIONSTREAM_JPEG_LIBRARY names a library
 * built elsewhere (a container image built against its own distribution's libjpeg-turbo) to load instead.
 *
 * <p>The JVM lets one class loader at a time hold a native library. Flink gives every job its own class loader,
 * so each loading of this class loads its own copy of the library from a fresh temporary file: a second job
 * (or the same job again) on a TaskManager gets the fast decoder too instead of an UnsatisfiedLinkError.
 */
final class TurboJpeg {
    private static final Logger LOG = LoggerFactory.getLogger(TurboJpeg.class);
    private static final String RESOURCE = "/native/linux-x86_64/libvisionstream-jpeg.so";
    private static final ComponentColorModel BGR = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
            new int[] {8, 8, 8}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    private static final boolean AVAILABLE = load();

    /** What the native decoder found: the image (tagged with the source size), and its warnings. */
    record Decoded(BufferedImage image, int sourceWidth, int sourceHeight, int warnings, String firstWarning) { }

    private TurboJpeg() {
    }

    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Decodes at the largest scale of the form n/8 that is at most 1/subsampling, or larger (never smaller: the
     * model needs at least what the subsampling would have given). Throws IOException for a stream libjpeg cannot
     * decode, or whose decoded pixels would take more than maxOutputBytes.
     */
    static Decoded decode(byte[] jpeg, int subsampling, long maxOutputBytes) throws IOException {
        int[] info = new int[5];
        String[] warning = new String[1];
        byte[] bgr = decode(jpeg, eighths(subsampling), maxOutputBytes, info, warning);
        int w = info[0];
        int h = info[1];
        Raster raster = Raster.createInterleavedRaster(new DataBufferByte(bgr, bgr.length), w, h, w * 3, 3,
                new int[] {2, 1, 0}, null);
        BufferedImage image = new BufferedImage(BGR, (java.awt.image.WritableRaster) raster, false, null);
        return new Decoded(SourceSize.tag(image, info[2], info[3]), info[2], info[3], info[4], warning[0]);
    }

    /** The scale numerator (over 8) for a subsampling factor: 1 → 8/8, 2 → 4/8, 3 → 3/8, 4 → 2/8, 8 or more → 1/8. */
    static int eighths(int subsampling) {
        int s = Math.max(1, subsampling);
        return s >= 8 ? 1 : (8 + s - 1) / s;
    }

    private static native byte[] decode(byte[] jpeg, int eighths, long maxOutputBytes, int[] info, String[] warning)
            throws IOException;

    /** A {@link BgrPixels#isPacked packed} BGR image as baseline JPEG at an IJG quality of 1–100. */
    static byte[] encode(BufferedImage bgr, int quality) throws IOException {
        return encode(BgrPixels.data(bgr), bgr.getWidth(), bgr.getHeight(), quality);
    }

    private static native byte[] encode(byte[] bgr, int width, int height, int quality) throws IOException;

    /**
     * A round trip through the loaded library. A libjpeg.so.62 that is not libjpeg-turbo (the IJG's own 6b)
     * loads but knows no BGR output, and would fail every frame before ImageIO took it.
     */
    private static void selfTest() throws IOException {
        BufferedImage probe = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
        probe.getRaster().setPixel(3, 3, new int[] {200, 100, 50});
        byte[] jpeg = encode(probe, 90);
        int[] info = new int[5];
        byte[] bgr = decode(jpeg, 4, 1 << 20, info, new String[1]);
        if (info[0] != 8 || info[1] != 8 || info[2] != 16 || bgr.length != 8 * 8 * 3 || info[4] != 0) {
            throw new IllegalStateException("self-test decoded " + info[0] + "x" + info[1] + " of " + info[2] + "x" + info[3]);
        }
    }

    private static boolean load() {
        if (Boolean.getBoolean("visionstream.imageio-only")) {
            LOG.info("JPEG: ImageIO (visionstream.imageio-only is set)");
            return false;
        }
        // a library built on the machine (or image) itself, against its own libjpeg-turbo, wins over the jar's
        String own = System.getenv("VISIONSTREAM_JPEG_LIBRARY");
        boolean ownLibrary = own != null && !own.isBlank();
        try (InputStream in = ownLibrary ? Files.newInputStream(Path.of(own)) : TurboJpeg.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                LOG.info("JPEG: ImageIO (no native decoder for this platform in the jar)");
                return false;
            }
            Path copy = Files.createTempFile("visionstream-jpeg", ".so");
            try {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toAbsolutePath().toString());
            } finally {
                // mapped once loaded: the file itself is no longer needed
                Files.deleteIfExists(copy);
            }
            selfTest();
            LOG.info("JPEG: libjpeg-turbo with DCT scaling ({})", ownLibrary ? own : "from the jar");
            return true;
        } catch (IOException | UnsatisfiedLinkError | SecurityException | IllegalStateException e) {
            LOG.warn("JPEG: ImageIO (the native decoder did not load: {})", e.toString());
            return false;
        }
    }
}
