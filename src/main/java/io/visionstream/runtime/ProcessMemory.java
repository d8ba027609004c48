package io.visionstream.runtime;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's memory as the kernel and the JVM see it: resident set (now and peak), JVM direct buffers,
 * heap. ONNX Runtime's native memory shows only in the resident set, so RSS is what budgets are checked with.
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ProcessMemory() {
    }

    public static long rssBytes() {
        return statusKb("VmRSS:") * 1024;
    }

    /** Peak resident set since start or the last {@link #resetPeak()}. */
    public static long peakRssBytes() {
        return statusKb("VmHWM:") * 1024;
    }

    /** Resets the kernel's peak-RSS mark (Linux: "5" to clear_refs); false where that is not allowed. */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    public static long directBytes() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getMemoryUsed();
            }
        }
        return 0;
    }

    public static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Heap in use right after the last garbage collection, summed over the heap pools: the live set, without
     * what other threads allocated since (which makes {@link #heapUsedBytes()} after a GC jump around).
     */
    public static long heapAfterLastGcBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (after != null) {
                sum += after.getUsed();
            }
        }
        return sum;
    }

    private static long statusKb(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
