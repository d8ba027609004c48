package io.visionstream.result;

import java.util.Locale;

/** What a model produces; decides the payload field of the result JSON. */
public enum Task {
    DETECT, TEXT, SEGMENT, IMAGE2IMAGE, CLASSIFY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Task fromWire(String s) {
        return Task.valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
