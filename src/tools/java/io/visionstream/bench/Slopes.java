package io.visionstream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Line slopes over soak samples, and the table the soaks print with them. */
final class Slopes {
    private Slopes() {
    }

    /**
     * Theil-Sen: the median of the slopes between every two points. One sample caught in a burst (a checkpoint,
     * a GC, a Kafka batch) tilts a least-squares line a lot and this one hardly at all; a leak moves every pair.
     */
    static double theilSen(double[] x, double[] y) {
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                if (x[j] != x[i]) {
                    slopes.add((y[j] - y[i]) / (x[j] - x[i]));
                }
            }
        }
        if (slopes.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(slopes);
        int n = slopes.size();
        return n % 2 == 1 ? slopes.get(n / 2) : (slopes.get(n / 2 - 1) + slopes.get(n / 2)) / 2;
    }

    /** Ordinary least squares, reported beside Theil-Sen: the two disagree when a few samples dominate. */
    static double leastSquares(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /**
     * The second half of a run's samples (warm-up of the JIT, arenas and buffers is over by then), after printing
     * what it spans and the header of the slope table; null (and a line saying so) when it is too short.
     */
    static <T> List<T> secondHalf(List<T> samples, ToDoubleFunction<T> images, ToDoubleFunction<T> seconds,
                                  ToDoubleFunction<T> checkpoints) {
        List<T> half = samples.subList(samples.size() / 2, samples.size());
        if (half.size() < 3) {
            System.out.println("too few samples for a slope");
            return null;
        }
        T first = half.get(0);
        T end = half.get(half.size() - 1);
        System.out.printf(Locale.ROOT, "%nsecond half: %d samples, images %.0f..%.0f, minutes %.1f..%.1f, "
                + "checkpoints %.0f..%.0f%n", half.size(), images.applyAsDouble(first), images.applyAsDouble(end),
                seconds.applyAsDouble(first) / 60, seconds.applyAsDouble(end) / 60, checkpoints.applyAsDouble(first),
                checkpoints.applyAsDouble(end));
        System.out.printf("%-22s %14s %14s %14s %12s%n", "slope (Theil-Sen)", "MB/1000 img", "MB/hour", "(least sq.)",
                "MB/100 ckpt");
        return half;
    }

    /** One row: {@code y} (MB) against images (per 1,000), seconds (per hour) and checkpoints (per 100). */
    static <T> void printRow(List<T> s, String name, ToDoubleFunction<T> images, ToDoubleFunction<T> seconds,
                             ToDoubleFunction<T> checkpoints, ToDoubleFunction<T> y) {
        double[] img = s.stream().mapToDouble(images).toArray();
        double[] sec = s.stream().mapToDouble(seconds).toArray();
        double[] ck = s.stream().mapToDouble(checkpoints).toArray();
        double[] v = s.stream().mapToDouble(y).toArray();
        System.out.printf(Locale.ROOT, "%-22s %+14.3f %+14.2f %+14.3f %+12.3f%n", name, theilSen(img, v) * 1000,
                theilSen(sec, v) * 3600, leastSquares(img, v) * 1000, theilSen(ck, v) * 100);
    }
}
