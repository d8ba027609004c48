package io.visionstream.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of one camera's decoder: FFmpeg reads the source, keeps the sampled frames and writes them as
 * JPEG to its standard output (Frigate's model: one process per camera, so a camera that crashes its decoder
 * takes nothing else with it). The filter chain is
 * <pre>showinfo (every decoded frame: number, pts, size) → select (sampling) → showinfo (kept frames) → scale</pre>
 * so frames that sampling drops are never scaled nor encoded, and the two showinfo lines on standard error tell
 * {@link FfmpegSession} the source frame number of each JPEG: the {@code frame} header counts source frames, and a
 * consumer can tell a sample from a drop. The filter instances are therefore named {@link #DECODED} and
 * {@link #KEPT} in FFmpeg's log.
 */
public final class FfmpegCommand {
    /** FFmpeg's log prefix of the first showinfo: every decoded frame. */
    public static final String DECODED = "Parsed_showinfo_0";
    /** FFmpeg's log prefix of the second showinfo: the frames sampling kept. */
    public static final String KEPT = "Parsed_showinfo_2";

    private FfmpegCommand() {
    }

    public static List<String> argv(String ffmpeg, CameraConfig c) {
        List<String> a = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info"));
        switch (c.kind()) {
            case RTSP -> a.addAll(List.of("-rtsp_transport", c.rtspTransport()));
            case DEVICE -> a.addAll(List.of("-f", "v4l2"));
            case FILE -> {
                // a file plays at its own rate, as a camera delivers frames; loop without restarting the process
                a.add("-re");
                if (c.loop()) {
                    a.addAll(List.of("-stream_loop", "-1"));
                }
            }
            default -> {
            }
        }
        if (c.keyframesOnly()) {
            a.addAll(List.of("-skip_frame", "nokey")); // the decoder skips the other frames: not decoded at all
        }
        a.addAll(List.of("-i", c.source(), "-map", "0:v:0", "-an", "-sn", "-dn",
                "-vf", filters(c), "-fps_mode", "passthrough",
                "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", Integer.toString(qscale(c.quality())),
                "-f", "image2pipe", "pipe:1"));
        return a;
    }

    /** The filter chain; commas inside expressions are escaped for the filter-graph parser. */
    static String filters(CameraConfig c) {
        return "showinfo=checksum=0,select=" + select(c.fps()) + ",showinfo=checksum=0,scale=" + scale(c.maxSide())
                + ":flags=bilinear";
    }

    /**
     * Keeps the first frame of each 1/fps slot of the timeline: the average rate is exactly {@code fps} whatever
     * the source rate (a "at least 1/fps since the last one" rule would beat against it: 25 → 7 fps would give
     * 6.25). A timestamp that jumps back (a looped file) starts the slots over.
     */
    static String select(double fps) {
        if (fps <= 0) {
            return "1";
        }
        String f = String.format(Locale.ROOT, "%.6f", fps);
        return ("isnan(prev_selected_t)+gt(floor(t*F+0.001),floor(prev_selected_t*F+0.001))+lt(t,prev_selected_t)")
                .replace("F", f).replace(",", "\\,");
    }

    /** The longer side to {@code maxSide} at most, never up; the other side keeps the aspect (even, for 4:2:0). */
    static String scale(int maxSide) {
        String m = Integer.toString(maxSide);
        return ("w=if(gte(iw,ih),min(iw,M),-2):h=if(gte(iw,ih),-2,min(ih,M))").replace("M", m).replace(",", "\\,");
    }

    /** JPEG quality 1..100 onto MJPEG's qscale 2..31 (lower is better), about libjpeg's scale: 85 → 4, 95 → 2. */
    static int qscale(int quality) {
        return Math.max(2, Math.min(31, (int) Math.round((100 - quality) / 5.0 + 1)));
    }
}
