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

    /**
     * Detected objects; {@code stages} (null unless a cascade ran) holds, per detection in the same order, what the
     * cascade's second model made of it (null for a detection the cascade does not look at); {@code mask} (null
     * unless a cascade's second model segments) is the frame's mask, each crop's mask painted where it was cut.
     */
    record Detections(List<Detection> detections, List<Stage> stages, MaskImage mask) implements TaskResult {
        public Detections(List<Detection> detections) {
            this(detections, null, null);
        }

        public Detections(List<Detection> detections, List<Stage> stages) {
            this(detections, stages, null);
        }

        @Override
        public Task task() {
            return Task.DETECT;
        }

        @Override
        public TaskResult withoutPixels() {
            return mask == null ? this : new Detections(detections, stages, null);
        }

        @Override
        public TaskResult detached() {
            return mask == null ? this : new Detections(detections, stages, mask.copy());
        }

        /** The stage of detection i, or null. */
        public Stage stage(int i) {
            return stages == null || i >= stages.size() ? null : stages.get(i);
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

    /**
     * The mask is a view of the slot's reusable mask buffer: valid until the slot's next record. {@code people}
     * is empty except for body-parts models: one entry per person found.
     */
    record Segments(List<Segment> segments, MaskImage mask, List<Person> people) implements TaskResult {
        public Segments(List<Segment> segments, MaskImage mask) {
            this(segments, mask, List.of());
        }

        @Override
        public Task task() {
            return Task.SEGMENT;
        }

        @Override
        public TaskResult withoutPixels() {
            return new Segments(segments, null, people);
        }

        @Override
        public TaskResult detached() {
            return new Segments(segments, mask == null ? null : mask.copy(), people);
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
