package io.visionstream.render;

import io.visionstream.codec.PngEncoder;
import io.visionstream.result.MaskImage;
import io.visionstream.result.TaskResult;
import io.visionstream.output.Origin;
import io.visionstream.output.Picture;
import io.visionstream.output.Result;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pictures of one result: its overlay (when sampling wants one) and the task's own image (a segmentation
 * mask as PNG, a model's output image), each only if it fits one Kafka record. Runs in the inference slot,
 * right after the model, while the decoded image and the slot's mask buffer are still there: moving it to a
 * step of its own would ship every decoded frame between tasks (see docs/performance.md).
 */
public final class ResultRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(ResultRenderer.class);

    private final OverlayRenderer overlays;
    private final OverlaySampling sampling;
    private final int maxRecordBytes;
    private final java.util.Set<String> drawnAfterTracking;

    /** What rendering gave: the pictures to publish, what the result says of them, the result without pixels. */
    public record Rendered(List<Picture> pictures, Result.Pictures summary, TaskResult result) { }

    public ResultRenderer(OverlaySettings settings) {
        this.overlays = new OverlayRenderer(settings.maxSide(), settings.format());
        this.sampling = settings.sampling();
        this.maxRecordBytes = settings.maxRecordBytes();
        this.drawnAfterTracking = settings.drawnAfterTracking();
    }

    /**
     * How much smaller than the original a frame may be decoded for its overlay, if it may get one
     * ({@link Integer#MAX_VALUE}: it gets none, the model alone decides).
     */
    public int overlaySubsampling(long frame, int width, int height) {
        if (!sampling.mayWant(frame)) {
            return Integer.MAX_VALUE;
        }
        return Math.max(1, Math.max(width, height) / overlays.maxSide());
    }

    public Rendered render(Origin origin, BufferedImage image, TaskResult result) {
        List<Picture> pictures = new ArrayList<>(2);
        String overlay = null;
        byte[] base = null;
        if (sampling.wants(origin.frame(), result)) {
            if (result instanceof TaskResult.Detections && drawnAfterTracking.contains(origin.model())) {
                // the boxes get their track numbers in the per-stream step: only the scaled frame travels there
                base = overlays.renderBase(image, maxRecordBytes);
                overlay = base == null ? null : overlays.format().wireName();
            } else {
                byte[] encoded = overlays.render(image, result, maxRecordBytes);
                if (encoded != null) {
                    overlay = overlays.format().wireName();
                    pictures.add(new Picture(origin, Picture.Kind.OVERLAY, overlay, encoded));
                }
            }
        }
        byte[] png;
        String why = null;
        MaskImage mask = result instanceof TaskResult.Segments sg ? sg.mask()
                : result instanceof TaskResult.Detections d ? d.mask() : null;
        if (mask != null) {
            png = PngEncoder.encode(mask.asImage());
            if (png.length > maxRecordBytes) {
                why = "PNG of " + png.length + " bytes exceeds output.max-record-bytes (" + maxRecordBytes + ")";
                png = null;
            }
        } else if (result instanceof TaskResult.ImageOutput io) {
            png = io.png();
            why = io.error();
        } else {
            return new Rendered(pictures, new Result.Pictures(overlay, false, null, base), result);
        }
        if (png == null) {
            LOG.warn("stream {} frame {}: {}", origin.stream(), origin.frame(), why);
            return new Rendered(pictures, new Result.Pictures(overlay, false, why, base), result.withoutPixels());
        }
        Picture.Kind kind = mask != null ? Picture.Kind.MASK : Picture.Kind.IMAGE;
        pictures.add(new Picture(origin, kind, "png", png));
        return new Rendered(pictures, new Result.Pictures(overlay, true, null, base), result.withoutPixels());
    }
}
