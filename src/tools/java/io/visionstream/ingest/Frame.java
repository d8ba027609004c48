package io.visionstream.ingest;

/**
 * A frame on its way to Kafka: the record the job reads (key = stream, value = JPEG, header frame = number,
 * timestamp = capture time).
 *
 * @param number the source frame number, increasing per stream across reconnects
 * @param captureMs when ingest took the frame from its decoder (wall clock): the record's timestamp
 */
public record Frame(CameraConfig camera, long number, long captureMs, byte[] jpeg) {
}
