package io.visionstream.guard;

import io.visionstream.codec.ImageHeader;
import io.visionstream.codec.ImageFormat;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.reject.RejectReason;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.visionstream.TestImages;
import io.visionstream.codec.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class InputGuardTest {
    private final InputGuard guard = new InputGuard(GuardLimits.defaults(), Set.of("nanodet-coco")::contains);

    private RejectReason rejectOf(byte[] value, String model) {
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> guard.check(value, model));
        return e.reason();
    }

    @Test
    void acceptsRealImagesAndReadsTheirSizeFromTheHeader() throws Exception {
        ImageHeader h = guard.check(TestImages.sample("dog.jpg"), "nanodet-coco");
        assertEquals(new ImageHeader(ImageFormat.JPEG, 768, 576, 3), h);
        ImageHeader p = guard.check(encode("png"), "nanodet-coco");
        assertEquals(new ImageHeader(ImageFormat.PNG, 37, 21, 3), p);
        assertEquals(new ImageHeader(ImageFormat.BMP, 37, 21, 3), guard.check(encode("bmp"), "nanodet-coco"));
        assertEquals(new ImageHeader(ImageFormat.GIF, 37, 21, 1), guard.check(encode("gif"), "nanodet-coco"));
    }

    @Test
    void emptyRecord() {
        assertEquals(RejectReason.EMPTY, rejectOf(new byte[0], "nanodet-coco"));
        assertEquals(RejectReason.EMPTY, rejectOf(null, "nanodet-coco"));
    }

    @Test
    void tooManyBytes() {
        InputGuard small = new InputGuard(new GuardLimits(1000, GuardLimits.DEFAULT_MAX_PIXELS), m -> true);
        RejectedInputException e = assertThrows(RejectedInputException.class,
                () -> small.check(TestImages.sample("dog.jpg"), "nanodet-coco"));
        assertEquals(RejectReason.TOO_LARGE_BYTES, e.reason());
        assertTrue(e.getMessage().contains("guard.max-bytes"), e.getMessage());
    }

    @Test
    void pngHeaderClaimingTenGigapixelsIsRejectedBeforeDecoding() {
        byte[] bomb = TestImages.pngClaiming(100_000, 100_000);
        assertTrue(bomb.length < 100);
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> guard.check(bomb, "nanodet-coco"));
        assertEquals(RejectReason.TOO_MANY_PIXELS, e.reason());
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
    }

    @Test
    void sixteenBitRgbaIsBoundedByItsDecodedSizeNotOnlyItsPixels() {
        byte[] rgb8 = TestImages.pngClaiming(6000, 6000); // 36 MP at 3 bytes: 108 MB decoded
        assertEquals(3, assertDoesNotThrow(() -> guard.check(rgb8, "nanodet-coco")).bytesPerPixel());
        byte[] rgba16 = rgb8.clone();
        rgba16[24] = 16; // bit depth
        rgba16[25] = 6;  // RGBA: 8 bytes per pixel, 288 MB decoded
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> guard.check(rgba16, "nanodet-coco"));
        assertEquals(RejectReason.TOO_MANY_PIXELS, e.reason());
        assertTrue(e.getMessage().contains("8 bytes per pixel"), e.getMessage());
    }

    @Test
    void textIsNotAnImage() {
        assertEquals(RejectReason.UNSUPPORTED_FORMAT, rejectOf(TestImages.textFile(), "nanodet-coco"));
    }

    @Test
    void unknownModel() {
        assertEquals(RejectReason.UNKNOWN_MODEL, rejectOf(TestImages.sample("dog.jpg"), "yolo-does-not-exist"));
    }

    @Test
    void jpegCutInsideItsHeaderIsCorrupt() {
        byte[] dog = TestImages.sample("dog.jpg");
        byte[] head = java.util.Arrays.copyOf(dog, 40);
        assertEquals(RejectReason.CORRUPT_IMAGE, rejectOf(head, "nanodet-coco"));
    }

    @Test
    void truncatedJpegPassesTheHeaderCheckButFailsToDecode() throws Exception {
        byte[] cut = TestImages.truncatedJpeg();
        ImageHeader h = guard.check(cut, "nanodet-coco");
        RejectedInputException e = assertThrows(RejectedInputException.class, () -> ImageDecoder.decode(cut, h));
        assertEquals(RejectReason.CORRUPT_IMAGE, e.reason());
    }

    private static byte[] encode(String format) throws Exception {
        BufferedImage img = new BufferedImage(37, 21, BufferedImage.TYPE_3BYTE_BGR);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }
}
