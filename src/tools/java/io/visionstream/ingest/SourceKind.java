package io.visionstream.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a source string names; it decides FFmpeg's input options (transport, pacing, looping). */
public enum SourceKind {
    /** rtsp:// or rtsps://: a live camera. */
    RTSP(true),
    /** http(s):// MJPEG or HLS, or another network stream FFmpeg opens itself (rtmp://, srt://, udp://). */
    NETWORK(true),
    /** A V4L2 capture device (/dev/video*). */
    DEVICE(true),
    /** A directory of images, read in name order. */
    DIRECTORY(false),
    /** A video file (mp4, mkv, avi, ...), read at its own frame rate as a camera would deliver it. */
    FILE(false);

    /** Live sources are reconnected for ever; a file or directory that ends (without loop) is finished. */
    public final boolean live;

    SourceKind(boolean live) {
        this.live = live;
    }

    public static SourceKind of(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        if (s.startsWith("rtsp://") || s.startsWith("rtsps://")) {
            return RTSP;
        }
        if (s.matches("^[a-z][a-z0-9+.-]*://.*")) {
            return NETWORK;
        }
        if (s.startsWith("/dev/video")) {
            return DEVICE;
        }
        return Files.isDirectory(Path.of(source)) ? DIRECTORY : FILE;
    }
}
