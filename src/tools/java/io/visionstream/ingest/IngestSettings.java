package io.visionstream.ingest;

import io.visionstream.io.KafkaSettings;

/**
 * What the cameras of one ingest process share.
 *
 * @param ffmpeg the FFmpeg binary (Debian's {@code ffmpeg} on the PATH by default)
 * @param maxBlockMs the longest a send may wait for buffer space or metadata; past it the frame is dropped
 * @param bufferBytes the producer's buffer.memory: every camera's unsent frames together
 * @param backoffInitialMs the first reconnect wait (before jitter)
 * @param backoffMaxMs the longest reconnect wait
 * @param reportEveryS the table on standard output every so many seconds; 0: only at the end
 * @param metricsPort Prometheus text on this port ({@code /metrics}); 0: none
 * @param durationS stop after so many seconds; 0: until every camera has finished, or until stopped
 */
public record IngestSettings(String ffmpeg, KafkaSettings kafka, String topic, long maxBlockMs, long bufferBytes,
        long backoffInitialMs, long backoffMaxMs, double reportEveryS, int metricsPort, double durationS) {
}
