package io.visionstream.ingest;

import java.util.Random;

/**
 * Reconnect delays: exponential from {@code initialMs}, bounded by {@code maxMs}, each drawn uniformly from the
 * upper half of the current step ("equal jitter"), so cameras that dropped together (one switch, one NVR) do not
 * reconnect in lock step, and no wait is ever longer than the bound.
 */
public final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private final Random random;
    private long stepMs;

    public Backoff(long initialMs, long maxMs, Random random) {
        if (initialMs <= 0 || maxMs < initialMs) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, not " + initialMs + ", " + maxMs);
        }
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.random = random;
        this.stepMs = initialMs;
    }

    /** The next wait; the step after it doubles, up to the bound. */
    public long nextDelayMs() {
        long step = stepMs;
        stepMs = Math.min(maxMs, stepMs * 2);
        return step / 2 + (long) (random.nextDouble() * (step - step / 2 + 1));
    }

    /** After a connection that delivered frames: the next drop starts from the first step again. */
    public void reset() {
        stepMs = initialMs;
    }

    public long maxMs() {
        return maxMs;
    }
}
