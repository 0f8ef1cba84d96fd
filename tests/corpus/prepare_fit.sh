#!/usr/bin/env bash
# Decompresses the corpus's FIT data (fit/GALAGOPRO3.fd.xz, a real Kaby Lake BIOS region) for the
# C++ FIT corpus test and checks it against the sha256 the corpus README records.
# Usage: prepare_fit.sh CORPUS_DIR OUT_DIR
set -euo pipefail
source "$(dirname "$0")/corpus_location.sh"
out="$2"
mkdir -p "$out"
xz -dc "$corpus/fit/GALAGOPRO3.fd.xz" > "$out/GALAGOPRO3.fd.tmp"
echo "ba2170c6c1cfd893b065f4aa9e2b708c7b3089e4a456a72834bb85c323077f96  $out/GALAGOPRO3.fd.tmp" | sha256sum -c --quiet
mv "$out/GALAGOPRO3.fd.tmp" "$out/GALAGOPRO3.fd"
echo "prepared $out/GALAGOPRO3.fd"
