package io.visionstream.model;

import java.util.EnumMap;
import java.util.Map;

/**
 * Milliseconds one record spent in each step, as its result reports them ({@code timingsMs}). Each step is timed
 * where it happens: a text handler's detector runs are inference and its recogniser runs recognition, an
 * image-to-image handler's streamed PNG is encode, a batch's one run is the inference of each of its records.
 */
public final class StepTimes {
    /** The steps, in the order {@code timingsMs} lists them (THEN: a cascade's second model on its crops). */
    public enum Step {
        DECODE, PREPROCESS, INFERENCE, RECOGNITION, THEN, ENCODE, POSTPROCESS;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether {@code timingsMs} always carries this step (the others only when they took place). */
        public boolean always() {
            return this == DECODE || this == PREPROCESS || this == INFERENCE || this == POSTPROCESS;
        }
    }

    private final EnumMap<Step, Double> ms = new EnumMap<>(Step.class);
    private long mark = System.nanoTime();

    /** Adds the time since the last mark (or construction) to {@code step} and sets the mark to now. */
    public StepTimes lap(Step step) {
        long now = System.nanoTime();
        add(step, (now - mark) / 1e6);
        mark = now;
        return this;
    }

    /** Sets the mark to now without charging anything (time spent elsewhere, such as waiting for a batch). */
    public StepTimes restart() {
        mark = System.nanoTime();
        return this;
    }

    public StepTimes add(Step step, double millis) {
        ms.merge(step, millis, Double::sum);
        return this;
    }

    /** Adds every step of {@code other} (a handler's times into the record's). */
    public StepTimes addAll(StepTimes other) {
        other.ms.forEach(this::add);
        return this;
    }

    public double get(Step step) {
        return ms.getOrDefault(step, 0.0);
    }

    /** The steps that took place, and the always-reported ones (0 where they did not). */
    public Map<Step, Double> reported() {
        EnumMap<Step, Double> out = new EnumMap<>(Step.class);
        for (Step s : Step.values()) {
            if (s.always() || ms.containsKey(s)) {
                out.put(s, get(s));
            }
        }
        return out;
    }

    public double total() {
        return ms.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
