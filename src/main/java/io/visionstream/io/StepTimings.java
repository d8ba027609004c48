package io.visionstream.io;

/** Milliseconds spent in each step of one record, as reported in {@code timingsMs}. */
public final class StepTimings {
    public double decode;
    public double preprocess;
    public double inference;
    public double postprocess;

    private long mark = System.nanoTime();

    /** Milliseconds since the previous call (or construction), and restarts the clock. */
    public double lap() {
        long now = System.nanoTime();
        double ms = (now - mark) / 1e6;
        mark = now;
        return ms;
    }

    public double total() {
        return decode + preprocess + inference + postprocess;
    }
}
