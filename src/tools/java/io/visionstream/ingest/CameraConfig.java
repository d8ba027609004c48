package io.visionstream.ingest;

import java.util.Locale;

/**
 * One camera (or file, or device) as {@code visionstream ingest} reads it: where it comes from, how it is sampled
 * and encoded, and the headers its records carry. The same fields are command-line options and cameras.yaml keys.
 *
 * @param fps target frames per second after sampling; 0 keeps every source frame
 * @param keyframesOnly decode key frames only (the decoder skips the rest: the cheapest monitoring)
 * @param maxSide the longer side of the published JPEG at most (never scaled up)
 * @param quality JPEG quality 1..100 (mapped onto FFmpeg's MJPEG scale)
 * @param loop a file source starts over at its end instead of finishing
 * @param queueFrames frames held between decode and publish; when full the oldest is dropped
 * @param stallTimeoutS no decoded frame for this long counts as a drop: the decoder is restarted
 * @param rtspTransport tcp or udp
 */
public record CameraConfig(String stream, String source, double fps, boolean keyframesOnly, int maxSide, String model,
        String profile, int quality, boolean loop, int queueFrames, double stallTimeoutS, String rtspTransport) {

    public static final int DEFAULT_MAX_SIDE = 1920;
    public static final int DEFAULT_QUALITY = 85;
    public static final int DEFAULT_QUEUE_FRAMES = 8;
    public static final double DEFAULT_STALL_TIMEOUT_S = 10;

    /** Checks what would otherwise fail later, in a decoder process, with a less helpful message. */
    public CameraConfig {
        if (stream == null || stream.isBlank()) {
            throw new IllegalArgumentException("a camera needs a stream id (--stream, or stream: in cameras.yaml)");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("camera '" + stream + "' needs a source (--source URL|FILE|DEVICE)");
        }
        if (fps < 0 || Double.isNaN(fps)) {
            throw new IllegalArgumentException("camera '" + stream + "': fps must be >= 0 (0: every frame), not " + fps);
        }
        if (maxSide < 16) {
            throw new IllegalArgumentException("camera '" + stream + "': max-side must be >= 16, not " + maxSide);
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("camera '" + stream + "': quality must be 1..100, not " + quality);
        }
        if (queueFrames < 1) {
            throw new IllegalArgumentException("camera '" + stream + "': queue-frames must be >= 1, not " + queueFrames);
        }
        if (!(stallTimeoutS > 0)) {
            throw new IllegalArgumentException("camera '" + stream + "': stall-timeout-s must be > 0, not " + stallTimeoutS);
        }
        rtspTransport = rtspTransport == null ? "tcp" : rtspTransport.toLowerCase(Locale.ROOT);
        if (!rtspTransport.equals("tcp") && !rtspTransport.equals("udp")) {
            throw new IllegalArgumentException("camera '" + stream + "': rtsp-transport must be tcp or udp, not "
                    + rtspTransport);
        }
    }

    /** The source as logs show it: a password in an RTSP or HTTP URL is masked. */
    public String shownSource() {
        return source.replaceAll("^([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:]*):[^/@]*@", "$1:***@");
    }

    public SourceKind kind() {
        return SourceKind.of(source);
    }
}
