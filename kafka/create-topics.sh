#!/usr/bin/env bash
# Creates VisionStream's topics on a broker (default 127.0.0.1:9092): images, detections, masks, rejects.
# usage: kafka/create-topics.sh [BOOTSTRAP] [PARTITIONS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
bootstrap=${1:-127.0.0.1:9092}
partitions=${2:-2}
[ -d lib ] || mvn -q -B -f pom.xml dependency:copy-dependencies -DoutputDirectory=lib
for topic in images detections masks rejects; do
  java -Dlog4j2.configurationFile=log4j2.properties -cp 'lib/*' org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions "$partitions" --replication-factor 1 --config max.message.bytes=22020096
done
java -Dlog4j2.configurationFile=log4j2.properties -cp 'lib/*' org.apache.kafka.tools.TopicCommand \
  --bootstrap-server "$bootstrap" --list
