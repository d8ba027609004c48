#!/usr/bin/env bash
# Starts a Flink 2.2 standalone session cluster (one JobManager, one TaskManager) from Maven-resolved jars,
# with flink-conf/conf/config.yaml. Web UI and REST on http://localhost:8081; logs in flink-conf/log/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ ! -d lib ]; then
  echo "resolving Flink 2.2.1 jars from Maven Central ..."
  mvn -q -B -f pom.xml dependency:copy-dependencies -DoutputDirectory=lib ${FLINK_GPU:+-Pgpu}
fi
mkdir -p log
conf="$(pwd)/conf"
# ONNX Runtime's large buffers go back to the kernel when freed (honest RSS, no slow growth of glibc's heap)
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-131072}
# Two malloc arenas and a periodic malloc_trim (malloc.sh says why; the same as ./visionstream)
. ./malloc.sh
# The module openings Flink needs on Java 17 (what flink's scripts pass as env.java.default-opts.all)
opens=$(cat java-opts)

start() { # name main-class "jvm args" "program args"
  local name=$1 main=$2 jvm=$3 prog=$4
  if [ -f "$name.pid" ] && kill -0 "$(cat "$name.pid")" 2>/dev/null; then echo "$name already running"; return; fi
  # shellcheck disable=SC2086
  nohup java $opens $jvm -Dlog.file="$(pwd)/log/$name.log" -Dlog4j.configurationFile="$conf/log4j.properties" \
    -cp "lib/*" "$main" --configDir "$conf" $prog > "log/$name.out" 2>&1 &
  echo $! > "$name.pid"
}

start jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "-Xmx768m" ""
# The TaskManager's JVM flags (heap, direct, metaspace) and memory settings follow from config.yaml, computed
# the way flink's own taskmanager.sh does it.
params=$(java -cp "lib/*" org.apache.flink.runtime.util.bash.BashJavaUtils GET_TM_RESOURCE_PARAMS \
  --configDir "$conf" 2>/dev/null | grep BASH_JAVA_UTILS_EXEC_RESULT | sed 's/BASH_JAVA_UTILS_EXEC_RESULT://')
start taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
  "$(echo "$params" | head -1) $MALLOC_JAVA_OPTS" "$(echo "$params" | tail -1)"

for _ in $(seq 1 90); do
  if curl -sf http://localhost:8081/taskmanagers 2>/dev/null | grep -q '"slotsNumber"'; then
    echo "Flink is up: http://localhost:8081 (logs in flink-conf/log/)"; exit 0
  fi
  sleep 1
done
echo "no TaskManager registered within 90 s; see flink-conf/log/"; exit 1
