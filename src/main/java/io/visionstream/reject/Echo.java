package io.visionstream.reject;

/**
 * Bounds what a reject repeats of untrusted input. A 10 kB {@code model} header, or a decoder that warns once
 * per damaged block, must not turn one bad record into a large reject record (or log line) that an attacker
 * can multiply.
 */
public final class Echo {
    /** Most characters of a refused header value that a reject quotes. */
    public static final int MAX_HEADER_CHARS = 64;
    /** Most characters of a reject message. */
    public static final int MAX_MESSAGE_CHARS = 512;

    private Echo() {
    }

    /** A header value as a reject quotes it: control characters shown as '?', cut after 64 characters. */
    public static String header(String value) {
        if (value == null) {
            return null;
        }
        String printable = value.codePoints()
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cut(printable, MAX_HEADER_CHARS);
    }

    public static String message(String message) {
        return message == null ? null : cut(message, MAX_MESSAGE_CHARS);
    }

    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "…(" + s.length() + " chars)";
    }
}
