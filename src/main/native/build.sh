#!/usr/bin/env bash
# Builds the JPEG codec's JNI library (visionstream_jpeg.c) into OUT_DIR, for Linux x86-64 against the
# system's libjpeg-turbo (Debian: libjpeg62-turbo-dev; Ubuntu: libjpeg-turbo8-dev). The library links the
# libjpeg it was built with (libjpeg.so.62 on Debian, .8 on Ubuntu): a machine that runs it needs that one, or
# a library built there (deploy/kubernetes/Dockerfile does that; VISIONSTREAM_JPEG_LIBRARY points to it). Where it cannot be built the job still works:
# ImageDecoder then decodes JPEG with ImageIO, about twice as slow for a 1080p frame. Never fails the build.
# usage: build.sh JAVA_HOME OUT_DIR
set -u
java_home=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "visionstream-jpeg: not Linux x86-64, JPEG is decoded with ImageIO"; exit 0
fi
if ! command -v gcc >/dev/null; then
  echo "visionstream-jpeg: no gcc, JPEG is decoded with ImageIO"; exit 0
fi
if [ ! -f /usr/include/jpeglib.h ]; then
  echo "visionstream-jpeg: no jpeglib.h (apt-get install libjpeg62-turbo-dev), JPEG is decoded with ImageIO"; exit 0
fi
mkdir -p "$out"
if gcc -O2 -shared -fPIC -Wall -Wextra -I"$java_home/include" -I"$java_home/include/linux" \
    "$here/visionstream_jpeg.c" -o "$out/libvisionstream-jpeg.so" -ljpeg; then
  echo "visionstream-jpeg: built $out/libvisionstream-jpeg.so"
else
  echo "visionstream-jpeg: build failed, JPEG is decoded with ImageIO"
  rm -f "$out/libvisionstream-jpeg.so"
fi
exit 0
