package io.visionstream.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One frame line of FFmpeg's showinfo filter, e.g.
 * {@code [Parsed_showinfo_0 @ 0x55..] n:  48 pts:  48 pts_time:1.92 pos: -1 fmt:yuv420p sar:1/1 s:320x200 ...}.
 *
 * @param filter the instance name ({@link FfmpegCommand#DECODED} or {@link FfmpegCommand#KEPT})
 * @param n the frame's number at that filter (from 0)
 * @param size "WxH", or "" where the line has none
 */
public record ShowinfoLine(String filter, long n, long pts, double ptsTime, String size) {
    private static final Pattern LINE = Pattern.compile(
            "^\\[(Parsed_showinfo_\\d+) @ [^\\]]*\\] n:\\s*(\\d+) pts:\\s*(-?\\d+|NOPTS) pts_time:(\\S+)");
    private static final Pattern SIZE = Pattern.compile("\\ss:(\\d+x\\d+)\\s");

    /** {@link #pts} of a frame without a timestamp. */
    public static final long NO_PTS = Long.MIN_VALUE;

    /** The frame line, or null for any other line (config lines, side data, FFmpeg's own messages). */
    public static ShowinfoLine parse(String line) {
        if (!line.startsWith("[Parsed_showinfo_")) {
            return null;
        }
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return null;
        }
        double t;
        try {
            t = Double.parseDouble(m.group(4));
        } catch (NumberFormatException e) {
            t = Double.NaN; // "nan" and the like: a frame without a timestamp
        }
        Matcher s = SIZE.matcher(line + " ");
        long pts = m.group(3).equals("NOPTS") ? NO_PTS : Long.parseLong(m.group(3));
        return new ShowinfoLine(m.group(1), Long.parseLong(m.group(2)), pts, t,
                s.find() ? s.group(1) : "");
    }
}
