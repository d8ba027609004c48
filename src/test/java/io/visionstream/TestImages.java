package io.visionstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

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
        return new io.visionstream.fuzz.PngBuilder().header(width, height, 2).chunk("IDAT", new byte[0])
                .end().bytes();
    }

    public static byte[] textFile() {
        return "camera 3 is offline, please check the cable\n".getBytes(StandardCharsets.UTF_8);
    }
}
