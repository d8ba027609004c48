#!/usr/bin/env bash
# Stops the broker started by kafka/start.sh (data in kafka/data is kept; delete it for a fresh broker).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
[ -f kafka.pid ] || { echo "no kafka.pid: not started here"; exit 0; }
pid=$(cat kafka.pid)
kill "$pid" 2>/dev/null || true
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
kill -9 "$pid" 2>/dev/null || true
rm -f kafka.pid
echo "Kafka stopped"
