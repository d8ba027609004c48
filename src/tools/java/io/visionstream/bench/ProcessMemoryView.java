package io.visionstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * This JVM's memory as the kernel, the JVM's Native Memory Tracking and glibc's malloc see it, read from inside
 * the process (no JNI, no attach): what the soak needs to tell a leak in ONNX Runtime from JIT warm-up, a thread
 * pool's malloc arena, or a memory-mapped file of the in-process broker.
 */
final class ProcessMemoryView {
    /**
     * glibc gives every non-main malloc arena heaps of HEAP_MAX_SIZE (64 MiB on 64-bit), mapped at 64 MiB-aligned
     * addresses: an anonymous mapping that starts on such a boundary and is at most that size is (almost always)
     * an arena heap. The JVM's own reservations are larger or not aligned that way.
     */
    static final long ARENA_HEAP_BYTES = 64L << 20;
    private static final Pattern NMT_LINE = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
    private static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern MAPPING = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) \\S+ \\S+ \\S+ \\S+\\s*(.*)$");

    /** Resident set split as /proc/self/status splits it, in KiB, plus the thread count. */
    record Status(long rssKb, long anonKb, long fileKb, int threads) { }

    /** glibc's non-main arenas as seen in /proc/self/smaps: how many heaps and how much of them is resident. */
    record Arenas(int heaps, long rssKb, long mainHeapRssKb) { }

    private ProcessMemoryView() {
    }

    static Status status() {
        Map<String, Long> v = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String[] parts = line.substring(colon + 1).trim().split("\\s+");
                    if (parts.length > 0 && parts[0].matches("\\d+")) {
                        v.put(line.substring(0, colon), Long.parseLong(parts[0]));
                    }
                }
            }
        } catch (IOException e) {
            return new Status(-1, -1, -1, -1);
        }
        return new Status(v.getOrDefault("VmRSS", -1L), v.getOrDefault("RssAnon", -1L), v.getOrDefault("RssFile", -1L),
                v.getOrDefault("Threads", -1L).intValue());
    }

    static Arenas arenas() {
        try {
            return arenas(Files.readAllLines(Path.of("/proc/self/smaps")));
        } catch (IOException e) {
            return new Arenas(-1, -1, -1);
        }
    }

    static Arenas arenas(List<String> smaps) {
        int heaps = 0;
        long rss = 0;
        long main = 0;
        int kind = 0; // 1 = arena heap, 2 = main heap (brk), 0 = anything else
        for (String line : smaps) {
            Matcher m = MAPPING.matcher(line);
            if (m.matches()) {
                long start = Long.parseUnsignedLong(m.group(1), 16);
                long size = Long.parseUnsignedLong(m.group(2), 16) - start;
                String name = m.group(3).trim();
                kind = name.equals("[heap]") ? 2
                        : name.isEmpty() && start % ARENA_HEAP_BYTES == 0 && size <= ARENA_HEAP_BYTES ? 1 : 0;
                heaps += kind == 1 ? 1 : 0;
            } else if (line.startsWith("Rss:") && kind != 0) {
                long kb = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                if (kind == 1) {
                    rss += kb;
                } else {
                    main += kb;
                }
            }
        }
        return new Arenas(heaps, rss, main);
    }

    /**
     * Native Memory Tracking's committed KiB per category plus "Total", or an empty map when the JVM runs without
     * {@code -XX:NativeMemoryTracking}. Read through the DiagnosticCommand MBean: what {@code jcmd PID
     * VM.native_memory summary} prints.
     */
    static Map<String, Long> nmtCommittedKb() {
        try {
            Object out = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary", "scale=KB"}}, new String[] {String[].class.getName()});
            return parseNmt(String.valueOf(out));
        } catch (Exception e) {
            return Map.of();
        }
    }

    static Map<String, Long> parseNmt(String summary) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : summary.split("\n")) {
            String l = line.trim();
            Matcher total = NMT_TOTAL.matcher(l);
            if (total.find()) {
                out.put("Total", Long.parseLong(total.group(2)));
                continue;
            }
            Matcher m = NMT_LINE.matcher(l);
            if (m.find()) {
                out.put(m.group(1).trim(), Long.parseLong(m.group(3)));
            }
        }
        return out;
    }
}
