#!/usr/bin/env bash
# Builds the VisionStream image: the job jar, ONNX Runtime for the TaskManager's lib/, the JPEG codec's sources
# (built inside the image against its libjpeg-turbo), docker build.
# usage: deploy/kubernetes/build-image.sh IMAGE[:TAG]    (then docker push it where the cluster pulls from)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image=${1:?usage: build-image.sh IMAGE[:TAG]}
mvn -q -B -f "$here/../../pom.xml" -DskipTests package
cp "$here/../../target/visionstream-job.jar" "$here/"
rm -rf "$here/native" && cp -r "$here/../../src/main/native" "$here/native"
mvn -q -B dependency:copy -Dartifact=com.microsoft.onnxruntime:onnxruntime:1.29.0 -DoutputDirectory="$here"
docker build -t "$image" "$here"
rm -rf "$here/visionstream-job.jar" "$here/onnxruntime-1.29.0.jar" "$here/native"
echo "built $image; set spec.image in deploy/kubernetes/visionstream.yaml to it"
