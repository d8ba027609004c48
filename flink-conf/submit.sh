#!/usr/bin/env bash
# Submits the VisionStream job jar to the cluster with Flink's own CLI front end (what `flink run` is).
# usage: flink-conf/submit.sh --bootstrap HOST:PORT [--config FILE] [--KEY VALUE ...]
# VS_JOBMANAGER_HOST: the JobManager's host when it runs elsewhere (default: rest.address of conf/config.yaml)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
jar="$here/../target/visionstream-job.jar"
[ -f "$jar" ] || mvn -q -B -f "$here/../pom.xml" -DskipTests package
[ -d "$here/lib" ] || { echo "start the cluster first: flink-conf/start-cluster.sh"; exit 1; }
export FLINK_CONF_DIR="$here/conf"
# shellcheck disable=SC2046
exec java $(cat "$here/java-opts") -Dlog4j.configurationFile="$here/../flink-conf/log4j-cli.properties" -cp "$here/lib/*" \
  org.apache.flink.client.cli.CliFrontend run --detached ${VS_JOBMANAGER_HOST:+-Drest.address=$VS_JOBMANAGER_HOST} \
  -c io.visionstream.job.VisionStreamJob "$jar" "$@"
