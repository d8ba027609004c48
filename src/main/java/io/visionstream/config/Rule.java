package io.visionstream.config;

import java.io.Serializable;

/** What one option's value must satisfy; {@link #check} answers null when it does, else what is wrong. */
@FunctionalInterface
public interface Rule<T> extends Serializable {
    /** null when {@code value} is acceptable, else the reason, e.g. "must be positive". */
    String check(T value);

    static <T> Rule<T> none() {
        return v -> null;
    }

    static Rule<Number> positive() {
        return v -> v.longValue() > 0 ? null : "must be positive";
    }

    /** 0 or more; {@code zeroMeans} says what 0 stands for, for the message. */
    static Rule<Number> atLeastZero(String zeroMeans) {
        return v -> v.longValue() >= 0 ? null : "must be >= 0 (0 = " + zeroMeans + ")";
    }

    static Rule<Number> between(long min, long max) {
        return v -> v.longValue() >= min && v.longValue() <= max ? null
                : "must be between " + min + " and " + max;
    }
}
