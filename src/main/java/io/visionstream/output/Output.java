package io.visionstream.output;

/**
 * Everything the job publishes, typed until the sink: a {@link Result} (topic detections), a {@link Reject}
 * (topic rejects), a {@link Picture} (an overlay, mask or output image; topic masks) or an {@link Event} (a line
 * crossed, a zone entered or left; topic events). The sink's
 * {@link OutputSerializer} turns each into its Kafka record; nothing before it writes JSON or headers.
 */
public sealed interface Output permits Result, Reject, Picture, Event {

    Origin origin();

    /** The Kafka key of every output: the stream id. */
    default String stream() {
        return origin().stream();
    }
}
