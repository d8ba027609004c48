#!/usr/bin/env bash
# Soaks the job on the standalone cluster of flink-conf/ the way it runs in production: a broker of its own
# (kafka/start.sh), one JobManager and one TaskManager started with this directory's config.yaml, memory.sh and
# JVM flags, the job submitted with submit.sh, and the TaskManager watched only through its Prometheus endpoint
# (ports 9250-9260). Everything it started is stopped at the end; the CSV is in OUT/bench-cluster-soak.csv.
# usage: flink-conf/soak-cluster.sh [MINUTES (30)] [OUT (bench-out)] [MODELS (nanodet-coco,ppocr,selfie-person)]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
minutes=${1:-30}
out=${2:-bench-out}
models=${3:-nanodet-coco,ppocr,selfie-person}
prefix="soak-$(date +%s)"

stop_all() {
  "$here/stop-cluster.sh" || true
  "$root/kafka/stop.sh" || true
}
trap stop_all EXIT

# the job jar that submit.sh sends must be the sources as they are
if [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$root/target/visionstream-job.jar" -print -quit 2>/dev/null)" ]; then
  mvn -q -B -f "$root/pom.xml" -DskipTests package
fi

"$root/kafka/start.sh"
TOPIC_PREFIX=$prefix "$root/kafka/create-topics.sh" 127.0.0.1:9092 2 >/dev/null
"$here/start-cluster.sh"
"$here/submit.sh" --bootstrap 127.0.0.1:9092 --models.enabled "$models" --model.default "${models%%,*}" \
  --topics.images "$prefix-images" --topics.detections "$prefix-detections" --topics.masks "$prefix-masks" \
  --topics.rejects "$prefix-rejects" --kafka.group-id "$prefix" --sink.transactional-id-prefix "$prefix"
"$root/visionstream" bench cluster-soak --minutes "$minutes" --out "$out" --model "$models" --prefix "$prefix"
