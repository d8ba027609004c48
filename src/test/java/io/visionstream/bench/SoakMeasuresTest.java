package io.visionstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak's readings and slopes, on real /proc data and on text in the exact formats the JDK and kernel write. */
class SoakMeasuresTest {
    @Test
    void theilSenIgnoresOneBurstThatTiltsLeastSquares() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = {10, 10.5, 11, 11.5, 12, 12.5, 13, 13.5, 40};
        assertEquals(0.5, Slopes.theilSen(x, y), 1e-9);
        assertTrue(Slopes.leastSquares(x, y) > 0.9, "least squares follows the burst");
    }

    @Test
    void nmtSummaryGivesCommittedPerCategory() {
        String summary = """
                Native Memory Tracking:

                Total: reserved=2894366KB, committed=1447174KB
                       malloc: 157150KB #610222
                -                 Java Heap (reserved=1048576KB, committed=1048576KB)
                                            (mmap: reserved=1048576KB, committed=1048576KB)
                -                      Code (reserved=250572KB, committed=41396KB)
                                            (malloc=2884KB #15798) (peak=2889KB #15514)
                -               Arena Chunk (reserved=18761KB, committed=18761KB)
                """;
        assertEquals(Map.of("Total", 1447174L, "Java Heap", 1048576L, "Code", 41396L, "Arena Chunk", 18761L),
                ProcessMemoryView.parseNmt(summary));
    }

    @Test
    void arenaHeapsAre64MibAlignedAnonymousMappings() {
        List<String> smaps = List.of(
                "55d4c0000000-55d4c0021000 rw-p 00000000 00:00 0                          [heap]",
                "Rss:                 100 kB",
                "7f1c04000000-7f1c05ff0000 rw-p 00000000 00:00 0 ",
                "Rss:                2000 kB",
                "7f1c05ff0000-7f1c08000000 ---p 00000000 00:00 0 ",
                "Rss:                   0 kB",
                "7f1c08000000-7f1c08100000 rw-p 00000000 00:00 0 ",
                "Rss:                 512 kB",
                "7f1c0c000000-7f1c0c200000 r--p 00000000 fd:01 123   /usr/lib/libc.so.6",
                "Rss:                 900 kB",
                "7f1c0d000000-7f1c0d100000 rw-p 00000000 00:00 0 ",
                "Rss:                 300 kB");
        ProcessMemoryView.Arenas a = ProcessMemoryView.arenas(smaps);
        assertEquals(2, a.heaps());
        assertEquals(2512, a.rssKb());
        assertEquals(100, a.mainHeapRssKb());
    }

    @Test
    void thisProcessReadsAsTheKernelSplitsIt() {
        ProcessMemoryView.Status s = ProcessMemoryView.status();
        assertTrue(s.rssKb() > 10_000, "a JVM is more than 10 MB resident");
        assertTrue(Math.abs(s.anonKb() + s.fileKb() - s.rssKb()) < 2048, "anonymous + file-backed ≈ resident: " + s);
        assertTrue(s.threads() > 1);
        assertTrue(ProcessMemoryView.arenas().heaps() >= 0);
    }
}
