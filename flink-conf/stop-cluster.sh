#!/usr/bin/env bash
# Stops the cluster started by flink-conf/start-cluster.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for name in taskmanager jobmanager; do
  [ -f "$name.pid" ] || continue
  pid=$(cat "$name.pid")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$name.pid"
  echo "$name stopped"
done
