package io.visionstream.bench;

import java.util.Arrays;

/** Percentiles of a set of millisecond samples. */
final class Stats {
    private Stats() {
    }

    static double percentile(double[] ms, double p) {
        if (ms.length == 0) {
            return Double.NaN;
        }
        double[] s = ms.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    static double median(double[] ms) {
        return percentile(ms, 50);
    }
}
