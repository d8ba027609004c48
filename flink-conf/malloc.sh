# Allocator settings for every VisionStream JVM (sourced by ./visionstream and flink-conf/start-cluster.sh; the
# tests set the same in pom.xml). Measured in issue 11 with `bench soak` (README, "Soak"):
# - glibc gives each thread that contends for malloc an arena of its own, up to 8 per core. A TaskManager has
#   ~170 threads (Flink, Kafka clients, ONNX Runtime's pools); the soak found 16 arenas in 20 heaps, memory freed
#   in one not reused by another, each keeping its own free pages resident (32 MB free in 6,500 chunks; the
#   arena heaps grew 29 MB an hour). With two arenas: 5 heaps, 141 MB flat over an hour.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# - Free memory in the middle of an arena stays resident until malloc_trim(); glibc trims only an arena's top.
#   The JVM (17.0.9 and later) calls malloc_trim every TrimNativeHeapInterval ms; where this java does not
#   know the flag it is left out (the arena limit still holds).
#   MALLOC_JAVA_OPTS set beforehand (even empty) wins.
if [ -z "${MALLOC_JAVA_OPTS+set}" ]; then
  MALLOC_JAVA_OPTS=""
  if java -XX:TrimNativeHeapInterval=10000 -version >/dev/null 2>&1; then
    MALLOC_JAVA_OPTS="-XX:TrimNativeHeapInterval=10000"
  fi
fi
