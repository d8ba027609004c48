package io.visionstream.guard;

import io.visionstream.codec.ImageHeader;
import io.visionstream.reject.Echo;
import io.visionstream.reject.RejectedInputException;
import io.visionstream.reject.RejectReason;
import java.util.function.Predicate;

/**
 * The checks every record passes before a single pixel is decoded: non-empty, within the byte limit, a known
 * format, a pixel count within the limit according to the header, and a model the registry knows.
 */
public final class InputGuard {
    private final GuardLimits limits;
    private final Predicate<String> knownModel;

    public InputGuard(GuardLimits limits, Predicate<String> knownModel) {
        this.limits = limits;
        this.knownModel = knownModel;
    }

    /** Returns the image header when the record may be decoded; throws with the reject reason otherwise. */
    public ImageHeader check(byte[] value, String model) throws RejectedInputException {
        if (value == null || value.length == 0) {
            throw new RejectedInputException(RejectReason.EMPTY, "record value is empty");
        }
        if (value.length > limits.maxBytes()) {
            throw new RejectedInputException(RejectReason.TOO_LARGE_BYTES,
                    value.length + " bytes exceeds the limit of " + limits.maxBytes() + " bytes (guard.max-bytes, by default kafka.max-record-bytes)");
        }
        if (!knownModel.test(model)) {
            throw new RejectedInputException(RejectReason.UNKNOWN_MODEL,
                    "model '" + Echo.header(model) + "' is not served by this job");
        }
        ImageHeader header = HeaderSniffer.sniff(value);
        if (header.pixels() > limits.maxPixels()) {
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS,
                    header.format() + " header claims " + header.width() + "x" + header.height() + " = "
                            + header.pixels() + " pixels, above the limit of " + limits.maxPixels()
                            + " (guard.max-pixels)");
        }
        // The pixel limit is meant as heap: guard.max-pixels at 4 bytes per pixel. A 16-bit RGBA image takes 8.
        long maxDecoded = limits.maxPixels() * 4;
        if (header.decodedBytes() > maxDecoded) {
            throw new RejectedInputException(RejectReason.TOO_MANY_PIXELS,
                    header.format() + " header claims " + header.width() + "x" + header.height() + " at "
                            + header.bytesPerPixel() + " bytes per pixel = " + header.decodedBytes()
                            + " bytes decoded, above " + maxDecoded + " (guard.max-pixels x 4 bytes)");
        }
        return header;
    }
}
