package io.visionstream.result;

import java.util.List;

/** What a model found in one image, before it is written as JSON or rendered. One variant per task. */
public sealed interface TaskResult {

    Task task();

    /**
     * This result without its pixels (a segmentation mask, an output image), once they are encoded and published
     * on their own: what travels on to the sink with the result.
     */
    default TaskResult withoutPixels() {
        return this;
    }

    /**
     * This result with its own copy of anything that is a view of a handler's reused buffer (a mask): what a batch
     * item gets, since the next item's decode reuses the buffer before the first is published.
     */
    default TaskResult detached() {
        return this;
    }

    record Detections(List<Detection> detections) implements TaskResult {
        @Override
        public Task task() {
            return Task.DETECT;
        }
    }

    /** A class and its probability. */
    record ClassScore(int classId, String label, float score) { }

    record Classes(List<ClassScore> classes) implements TaskResult {
        @Override
        public Task task() {
            return Task.CLASSIFY;
        }
    }

    /** One class present in a mask: the share of image pixels it covers and their bounding box. */
    record Segment(int classId, String label, double coverage, int[] box) { }

    /** The mask is a view of the slot's reusable mask buffer: valid until the slot's next record. */
    record Segments(List<Segment> segments, MaskImage mask) implements TaskResult {
        @Override
        public Task task() {
            return Task.SEGMENT;
        }

        @Override
        public TaskResult withoutPixels() {
            return new Segments(segments, null);
        }

        @Override
        public TaskResult detached() {
            return new Segments(segments, mask == null ? null : mask.copy());
        }
    }

    /** An output image, already encoded (streamed) as PNG; png is null, with the reason, when it did not fit. */
    record ImageOutput(int width, int height, byte[] png, String error) implements TaskResult {
        @Override
        public Task task() {
            return Task.IMAGE2IMAGE;
        }

        @Override
        public TaskResult withoutPixels() {
            return new ImageOutput(width, height, null, error);
        }
    }

    /** A text region: four corners in original pixels (clockwise from top-left), score, recognised text. */
    record TextRegion(float[][] polygon, float score, String text, float textScore) { }

    record Texts(List<TextRegion> texts) implements TaskResult {
        @Override
        public Task task() {
            return Task.TEXT;
        }
    }
}
