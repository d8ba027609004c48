package io.visionstream.fuzz;

import io.visionstream.io.ImageRecord;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Test-only steps put between the job's source and its guard ({@code VisionStreamJob.build(env, config, tap)}).
 * They run inside the MiniCluster of the test's own JVM, so static counters are how they report back.
 */
public final class JobTaps {
    /** Highest task attempt number seen: 0 while the job has never restarted. */
    public static final AtomicInteger MAX_ATTEMPT = new AtomicInteger();
    /** Records seen by the first attempt of the tap, all subtasks together. */
    public static final AtomicLong SEEN = new AtomicLong();
    private static final AtomicLong FAIL_AT = new AtomicLong(Long.MAX_VALUE);

    private JobTaps() {
    }

    /** Counts restarts; passes every record through. */
    public static UnaryOperator<DataStream<ImageRecord>> countRestarts() {
        reset(Long.MAX_VALUE);
        return s -> s.map(new Tap()).name("test-tap");
    }

    /** Counts restarts and throws once, from inside the job, when the {@code n}-th record arrives. */
    public static UnaryOperator<DataStream<ImageRecord>> failOnceAt(long n) {
        reset(n);
        return s -> s.map(new Tap()).name("test-tap");
    }

    private static void reset(long failAt) {
        MAX_ATTEMPT.set(0);
        SEEN.set(0);
        FAIL_AT.set(failAt);
    }

    /** Job restarts so far. */
    public static int restarts() {
        return MAX_ATTEMPT.get();
    }

    static final class Tap extends RichMapFunction<ImageRecord, ImageRecord> {
        private boolean firstAttempt;

        @Override
        public void open(OpenContext ctx) {
            int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
            MAX_ATTEMPT.accumulateAndGet(attempt, Math::max);
            firstAttempt = attempt == 0;
        }

        @Override
        public ImageRecord map(ImageRecord r) {
            if (firstAttempt && SEEN.incrementAndGet() == FAIL_AT.get()) {
                throw new IllegalStateException("injected failure at record " + FAIL_AT.get() + " (" + r + ")");
            }
            return r;
        }
    }
}
