# Memory settings for every VisionStream JVM (sourced by ./visionstream and flink-conf/start-cluster.sh;
# flink-conf/conf/config.yaml and deploy/kubernetes carry the same for a TaskManager; the tests set the allocator
# in pom.xml). Measured in issue 11 with `bench soak` (README, "Soak"):
# - glibc gives each thread that contends for malloc an arena of its own, up to 8 per core. A TaskManager has
#   ~170 threads (Flink, Kafka clients, ONNX Runtime's pools); the soak found 16 arenas in 20 heaps, memory freed
#   in one not reused by another, each keeping its own free pages resident (32 MB free in 6,500 chunks; the
#   arena heaps grew 29 MB an hour). With two arenas: 5 heaps, 141 MB flat over an hour.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# - Free memory in the middle of an arena stays resident until malloc_trim(); glibc trims only an arena's top.
#   The JVM (17.0.9 and later) calls malloc_trim every TrimNativeHeapInterval ms; where this java does not
#   know the flag it is left out (the arena limit still holds).
# - The JIT's code cache grows for hours: a rarely taken path (a checkpoint's, a Kafka segment roll's) reaches
#   the compile thresholds late, and every new compilation can raise the cache's high-water mark (issue 11's soak:
#   30 to 50 MB in the first 20 minutes, still 5 MB an hour after that). A cache capped at 48 MB, where cold code
#   is flushed to make room, turns that climb into a plateau. Lower compile thresholds
#   (-XX:CompileThresholdScaling=0.1) reach the plateau sooner but keep C2 busy recompiling for as long as the
#   job runs: a third of the pipeline's throughput on 2 cores (issue 9), so they are not used.
#   MEMORY_JAVA_OPTS set beforehand (even empty) wins.
JIT_JAVA_OPTS="-XX:ReservedCodeCacheSize=48m"
if [ -z "${MEMORY_JAVA_OPTS+set}" ]; then
  MEMORY_JAVA_OPTS="$JIT_JAVA_OPTS"
  if java -XX:TrimNativeHeapInterval=10000 -version >/dev/null 2>&1; then
    MEMORY_JAVA_OPTS="-XX:TrimNativeHeapInterval=10000 $JIT_JAVA_OPTS"
  fi
fi
