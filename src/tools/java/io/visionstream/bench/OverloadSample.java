package io.visionstream.bench;

import io.visionstream.runtime.ProcessMemory;
import java.util.Locale;

/**
 * One sample of an overload run: frames produced, answers read back (read_committed), the lag between them,
 * the lag as the job's consumer group shows it (produced − offsets committed by the source at checkpoints; -1
 * when not readable), this JVM's resident set, heap after a forced GC, and checkpoints completed.
 * {@code phase}: warm-up, probe, steady (flow-controlled), overload (producing above the rate), catch-up.
 */
record OverloadSample(String run, String phase, double seconds, long produced, long answered, long groupLag,
                      double rssMb, double heapMb, long checkpoints) {

    /** Forces a GC first: heap after GC is the live set, not whatever was allocated since the last one. */
    static OverloadSample take(String run, String phase, double seconds, long produced, long answered, long groupLag) {
        System.gc();
        return new OverloadSample(run, phase, seconds, produced, answered, groupLag,
                ProcessMemoryView.status().rssKb() / 1024.0, ProcessMemory.heapAfterLastGcBytes() / 1048576.0,
                CheckpointCounter.completed());
    }

    long lag() {
        return produced - answered;
    }

    static String header() {
        return String.format(Locale.ROOT, "%-8s %-8s %6s %8s %9s %6s %9s %7s %7s %5s", "run", "phase", "t s",
                "produced", "published", "lag", "group lag", "RSS MB", "heap MB", "ckpts");
    }

    String row() {
        return String.format(Locale.ROOT, "%-8s %-8s %6.0f %8d %9d %6d %9d %7.0f %7.0f %5d", run, phase, seconds,
                produced, answered, lag(), groupLag, rssMb, heapMb, checkpoints);
    }

    static String csvHeader() {
        return "run,phase,seconds,produced,published,lag,group_lag,rss_mb,heap_after_gc_mb,checkpoints";
    }

    String csvRow() {
        return String.format(Locale.ROOT, "%s,%s,%.1f,%d,%d,%d,%d,%.1f,%.1f,%d", run, phase, seconds, produced,
                answered, lag(), groupLag, rssMb, heapMb, checkpoints);
    }
}
