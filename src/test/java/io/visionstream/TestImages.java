package io.visionstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Real sample images and the bad inputs users send by mistake. */
public final class TestImages {
    private TestImages() {
    }

    /** A bundled sample (samples/) or a test-only image (src/test/resources/images/). */
    public static byte[] sample(String name) {
        try {
            Path p = Path.of("samples", name);
            return Files.readAllBytes(Files.exists(p) ? p : Path.of("src/test/resources/images", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** dog.jpg cut after 40% of its bytes: header intact, scan data missing. */
    public static byte[] truncatedJpeg() {
        byte[] dog = sample("dog.jpg");
        return Arrays.copyOf(dog, dog.length * 2 / 5);
    }

    /** A well-formed 57-byte PNG whose header claims width×height pixels (and whose data is one empty IDAT). */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[0]);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    public static byte[] textFile() {
        return "camera 3 is offline, please check the cable\n".getBytes(StandardCharsets.UTF_8);
    }
}
