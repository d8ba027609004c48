package io.visionstream.bench;

import io.visionstream.runtime.ProcessMemory;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One soak sample: what the kernel (resident set, anonymous and file-backed), the JVM (direct buffers, heap after
 * a forced GC, Native Memory Tracking per category), glibc (malloc arena heaps) and Flink (checkpoints) say.
 * {@code untrackedMb} is anonymous resident memory that NMT does not know: ONNX Runtime, image codecs, Java2D
 * and allocator fragmentation, the native growth a leak would be.
 */
record SoakSample(long images, double seconds, long checkpoints, double rssMb, double directMb, double heapMb,
                  double anonMb, double fileMb, int threads, int arenaHeaps, double arenaMb, double mainHeapMb,
                  Map<String, Long> nmtKb) {
    /** NMT categories written to the CSV (JDK 17 names), in this order. */
    static final List<String> NMT = List.of("Total", "Java Heap", "Class", "Thread", "Code", "GC", "Compiler",
            "Internal", "Other", "Symbol", "Native Memory Tracking", "Arena Chunk", "Metaspace");

    static SoakSample take(long images, double seconds) {
        System.gc();
        ProcessMemoryView.Status st = ProcessMemoryView.status();
        ProcessMemoryView.Arenas ar = ProcessMemoryView.arenas();
        return new SoakSample(images, seconds, CheckpointCounter.completed(), st.rssKb() / 1024.0,
                ProcessMemory.directBytes() / 1048576.0, ProcessMemory.heapAfterLastGcBytes() / 1048576.0,
                st.anonKb() / 1024.0, st.fileKb() / 1024.0, st.threads(), ar.heaps(), ar.rssKb() / 1024.0,
                ar.mainHeapRssKb() / 1024.0, ProcessMemoryView.nmtCommittedKb());
    }

    double nmtMb(String category) {
        Long kb = nmtKb.get(category);
        return kb == null ? Double.NaN : kb / 1024.0;
    }

    /** Anonymous resident memory beyond what NMT has committed; NaN without NMT. */
    double untrackedMb() {
        return anonMb - nmtMb("Total");
    }

    static String csvHeader() {
        StringBuilder b = new StringBuilder("images,rss_mb,direct_mb,heap_after_gc_mb,seconds,checkpoints,rss_anon_mb,"
                + "rss_file_mb,threads,malloc_arena_heaps,malloc_arena_mb,malloc_main_mb,untracked_mb");
        for (String c : NMT) {
            b.append(",nmt_").append(c.toLowerCase(Locale.ROOT).replace(' ', '_')).append("_mb");
        }
        return b.toString();
    }

    String csvRow() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d,%.1f,%.1f,%.1f,%.0f,%d,%.1f,%.1f,%d,%d,%.1f,%.1f,%s",
                images, rssMb, directMb, heapMb, seconds, checkpoints, anonMb, fileMb, threads, arenaHeaps, arenaMb,
                mainHeapMb, num(untrackedMb())));
        for (String c : NMT) {
            b.append(',').append(num(nmtMb(c)));
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }
}
