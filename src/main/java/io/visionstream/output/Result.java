package io.visionstream.output;

import io.visionstream.result.Task;
import io.visionstream.result.TaskResult;

/**
 * The result of one image. {@code result} holds what the model found, without pixels (a mask or output image
 * travels as its own {@link Picture}); {@code pictures} says what was published beside it. {@code streamSeq} is
 * 0 until the keyed per-stream step numbers it (1, 2, 3... per stream), {@code tracks} null until its tracker
 * has seen it. A tracked result's overlay travels undrawn with it ({@link Pictures#overlayBase}) and is drawn, with
 * the track numbers and the stream's lines and zones, where the tracker has run.
 */
public record Result(Origin origin, Task task, int width, int height, TaskResult result, RunInfo run,
                     Pictures pictures, long streamSeq, int[] tracks) implements Output {

    /**
     * What went to topic masks with this result: the overlay's format (null: no overlay), whether the task's own
     * image (mask or output image) was published, and why not where it was left out.
     */
    public record Pictures(String overlayFormat, boolean image, String imageError, byte[] overlayBase) {
        public static final Pictures NONE = new Pictures(null, false, null);

        public Pictures(String overlayFormat, boolean image, String imageError) {
            this(overlayFormat, image, imageError, null);
        }

        public boolean overlay() {
            return overlayFormat != null;
        }

        /** The frame scaled and encoded for an overlay, still to be drawn on (by the per-stream step, with tracks). */
        public boolean overlayPending() {
            return overlayBase != null;
        }

        /** These pictures once the overlay is published (format null: it could not be). */
        public Pictures overlayPublished(String format) {
            return new Pictures(format, image, imageError, null);
        }
    }

    public Result withPictures(Pictures p) {
        return new Result(origin, task, width, height, result, run, p, streamSeq, tracks);
    }

    public Result withStreamSeq(long seq) {
        return new Result(origin, task, width, height, result, run, pictures, seq, tracks);
    }

    /** Each detection's track id, in the order of the detections (0: not confirmed); null: not tracked. */
    public Result withTracks(int[] ids) {
        return new Result(origin, task, width, height, result, run, pictures, streamSeq, ids);
    }
}
