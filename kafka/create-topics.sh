#!/usr/bin/env bash
# Creates VisionStream's topics on a broker (default 127.0.0.1:9092): images, detections, masks, rejects, events,
# and the compacted zones.
# usage: kafka/create-topics.sh [BOOTSTRAP] [PARTITIONS]
# MAX_RECORD_BYTES (default 16777216, the job's kafka.max-record-bytes) is the largest image; topics take it
# plus 64 KiB for record headers. Use the same value for the job. For a secured broker, put the client
# properties in a file and set KAFKA_CLIENT_CONFIG=that-file. TOPIC_PREFIX=run1 creates run1-images, ... instead
# (the job's topics.* options name them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
bootstrap=${1:-127.0.0.1:9092}
partitions=${2:-2}
max_record=${MAX_RECORD_BYTES:-16777216}
topic_max=$((max_record + 65536))
client=()
[ -z "${KAFKA_CLIENT_CONFIG:-}" ] || client=(--command-config "$KAFKA_CLIENT_CONFIG")
[ -d lib ] || mvn -q -B -f pom.xml dependency:copy-dependencies -DoutputDirectory=lib
for topic in images detections masks rejects events; do
  topic=${TOPIC_PREFIX:+$TOPIC_PREFIX-}$topic
  java -Dlog4j2.configurationFile=log4j2.properties -cp 'lib/*' org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$bootstrap" "${client[@]}" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor 1 --config max.message.bytes=$topic_max
done
java -Dlog4j2.configurationFile=log4j2.properties -cp 'lib/*' org.apache.kafka.tools.TopicCommand \
  --bootstrap-server "$bootstrap" "${client[@]}" --create --if-not-exists --topic "${TOPIC_PREFIX:+$TOPIC_PREFIX-}zones" \
  --partitions 1 --replication-factor 1 --config cleanup.policy=compact
java -Dlog4j2.configurationFile=log4j2.properties -cp 'lib/*' org.apache.kafka.tools.TopicCommand \
  --bootstrap-server "$bootstrap" "${client[@]}" --list
