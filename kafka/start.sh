#!/usr/bin/env bash
# Starts a real single-node KRaft Kafka broker on 127.0.0.1:9092 from Maven-resolved jars.
# Data in kafka/data, log in kafka/kafka.log, pid in kafka/kafka.pid. Then run kafka/create-topics.sh.
# MAX_RECORD_BYTES (default 16777216, the job's kafka.max-record-bytes): the largest image record; the broker
# accepts it plus 64 KiB of headers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ -f kafka.pid ] && kill -0 "$(cat kafka.pid)" 2>/dev/null; then
  echo "Kafka is already running (pid $(cat kafka.pid))"; exit 0
fi
if [ ! -d lib ]; then
  echo "resolving Kafka 4.2.0 jars from Maven Central ..."
  mvn -q -B -f pom.xml dependency:copy-dependencies -DoutputDirectory=lib
fi
kjava() { java -Xmx1g -Dlog4j2.configurationFile=log4j2.properties -cp "lib/*" "$@"; }
if [ ! -f data/logs/meta.properties ]; then
  mkdir -p data/logs
  cluster_id=$(kjava kafka.tools.StorageTool random-uuid)
  kjava kafka.tools.StorageTool format -t "$cluster_id" -c server.properties >/dev/null
fi
max_message=$(( ${MAX_RECORD_BYTES:-16777216} + 65536 ))
nohup java -Xmx1g -Dlog4j2.configurationFile=log4j2.properties -cp "lib/*" kafka.Kafka server.properties \
  --override message.max.bytes=$max_message --override replica.fetch.max.bytes=$max_message > kafka.log 2>&1 &
echo $! > kafka.pid
for _ in $(seq 1 60); do
  if (exec 3<>/dev/tcp/127.0.0.1/9092) 2>/dev/null; then
    echo "Kafka is up on 127.0.0.1:9092 (pid $(cat kafka.pid), log kafka/kafka.log)"; exit 0
  fi
  kill -0 "$(cat kafka.pid)" 2>/dev/null || { echo "Kafka exited; see kafka/kafka.log"; tail -20 kafka.log; exit 1; }
  sleep 1
done
echo "Kafka did not open port 9092 within 60 s; see kafka/kafka.log"; exit 1
