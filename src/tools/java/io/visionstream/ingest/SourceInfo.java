package io.visionstream.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The source's frame rate from FFmpeg's stream description ("..., 25 fps, 25 tbr, 90k tbn"). */
final class SourceInfo {
    private static final Pattern FPS = Pattern.compile("Video: .*?, (\\d+(?:\\.\\d+)?)(k?) fps");
    private static final Pattern TBR = Pattern.compile("Video: .*?, (\\d+(?:\\.\\d+)?)(k?) tbr");

    private SourceInfo() {
    }

    /** The frame rate the line announces, else 0. */
    static double fps(String line) {
        if (!line.contains("Stream #") || !line.contains("Video:")) {
            return 0;
        }
        Matcher m = FPS.matcher(line);
        if (!m.find()) {
            m = TBR.matcher(line);
            if (!m.find()) {
                return 0;
            }
        }
        double v = Double.parseDouble(m.group(1));
        return m.group(2).isEmpty() ? v : v * 1000;
    }
}
