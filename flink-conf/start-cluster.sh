#!/usr/bin/env bash
# Starts a Flink 2.2 standalone session cluster (one JobManager, one TaskManager) from Maven-resolved jars,
# with flink-conf/conf/config.yaml. Web UI and REST on http://localhost:8081; logs in flink-conf/log/.
#
# Across machines, the same files on every host and the differences from the environment (passed to Flink as
# -D dynamic properties, which win over config.yaml):
#   VS_ROLE=both|jobmanager|taskmanager  what this host runs (default both)
#   VS_JOBMANAGER_HOST=jm.example        where the JobManager is (rpc and REST address; default localhost)
#   VS_BIND_HOST=0.0.0.0                 interfaces the JobManager, TaskManager and REST server listen on
#   VS_TASKMANAGER_HOST=tm-3.example     the address this TaskManager advertises (default: this host's name
#                                        when VS_BIND_HOST is set, else localhost)
#   VS_CHECKPOINT_DIR=s3://bucket/vs/cp  checkpoints on storage every host reaches (s3://, hdfs://, a shared mount)
#   VS_SAVEPOINT_DIR=s3://bucket/vs/sp   default savepoint directory
#   VS_TASK_SLOTS=2                      slots of this TaskManager
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
# Two malloc arenas, a periodic malloc_trim and a bounded JIT code cache (memory.sh says why; as ./visionstream)
. ./memory.sh
# The module openings Flink needs on Java 17 (what flink's scripts pass as env.java.default-opts.all)
opens=$(cat java-opts)

role=${VS_ROLE:-both}
dyn=()
if [ -n "${VS_JOBMANAGER_HOST:-}" ]; then
  dyn+=(-D "jobmanager.rpc.address=$VS_JOBMANAGER_HOST" -D "rest.address=$VS_JOBMANAGER_HOST")
fi
if [ -n "${VS_BIND_HOST:-}" ]; then
  dyn+=(-D "jobmanager.bind-host=$VS_BIND_HOST" -D "taskmanager.bind-host=$VS_BIND_HOST" -D "rest.bind-address=$VS_BIND_HOST")
  dyn+=(-D "taskmanager.host=${VS_TASKMANAGER_HOST:-$(hostname -f 2>/dev/null || hostname)}")
elif [ -n "${VS_TASKMANAGER_HOST:-}" ]; then
  dyn+=(-D "taskmanager.host=$VS_TASKMANAGER_HOST")
fi
[ -z "${VS_CHECKPOINT_DIR:-}" ] || dyn+=(-D "execution.checkpointing.dir=$VS_CHECKPOINT_DIR")
[ -z "${VS_SAVEPOINT_DIR:-}" ] || dyn+=(-D "execution.checkpointing.savepoint-dir=$VS_SAVEPOINT_DIR")
[ -z "${VS_TASK_SLOTS:-}" ] || dyn+=(-D "taskmanager.numberOfTaskSlots=$VS_TASK_SLOTS")
# file systems such as S3 are Flink plugins: flink-conf/plugins/<name>/<jar> (see README, "Many machines")
export FLINK_PLUGINS_DIR=${FLINK_PLUGINS_DIR:-$(pwd)/plugins}

start() { # name main-class "jvm args" "program args"
  local name=$1 main=$2 jvm=$3 prog=$4
  if [ -f "$name.pid" ] && kill -0 "$(cat "$name.pid")" 2>/dev/null; then echo "$name already running"; return; fi
  # shellcheck disable=SC2086
  nohup java $opens $jvm -Dlog.file="$(pwd)/log/$name.log" -Dlog4j.configurationFile="$conf/log4j.properties" \
    -cp "lib/*" "$main" --configDir "$conf" "${dyn[@]}" $prog > "log/$name.out" 2>&1 &
  echo $! > "$name.pid"
}

if [ "$role" != taskmanager ]; then
  start jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "-Xmx768m" ""
fi
[ "$role" != jobmanager ] || { echo "JobManager started; REST on ${VS_JOBMANAGER_HOST:-localhost}:8081"; exit 0; }
# The TaskManager's JVM flags (heap, direct, metaspace) and memory settings follow from config.yaml, computed
# the way flink's own taskmanager.sh does it.
params=$(java -cp "lib/*" org.apache.flink.runtime.util.bash.BashJavaUtils GET_TM_RESOURCE_PARAMS \
  --configDir "$conf" "${dyn[@]}" 2>/dev/null | grep BASH_JAVA_UTILS_EXEC_RESULT | sed 's/BASH_JAVA_UTILS_EXEC_RESULT://')
# AlwaysPreTouch: the heap is resident from the start (Flink sets -Xms to -Xmx), so a container too small fails
# now rather than hours later, and any later growth of the resident set is native memory: what to watch.
start taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
  "$(echo "$params" | head -1) $MEMORY_JAVA_OPTS -XX:+AlwaysPreTouch" "$(echo "$params" | tail -1)"

for _ in $(seq 1 90); do
  if curl -sf "http://${VS_JOBMANAGER_HOST:-localhost}:8081/taskmanagers" 2>/dev/null | grep -q '"slotsNumber"'; then
    echo "Flink is up: http://${VS_JOBMANAGER_HOST:-localhost}:8081 (logs in flink-conf/log/)"; exit 0
  fi
  sleep 1
done
echo "no TaskManager registered within 90 s; see flink-conf/log/"; exit 1
