#!/usr/bin/env bash
# Materialises every corpus input for the C++ corpus tests: the full images assembled
# from recipes.json (full_*.bin) and the ME/TXE images. Usage: prepare_inputs.sh CORPUS_DIR OUT_DIR
set -euo pipefail
source "$(dirname "$0")/corpus_location.sh"
out="$2"
rm -rf "$out"
mkdir -p "$out"
python3 "$corpus/assemble.py" --out-dir "$out" >/dev/null
python3 - "$corpus" "$out" <<'PY'
import json, os, shutil, sys
corpus, out = sys.argv[1], sys.argv[2]
for c in json.load(open(os.path.join(corpus, "components.json"))):
    if c["kind"] == "me":
        shutil.copyfile(os.path.join(corpus, c["file"]), os.path.join(out, "me_" + os.path.basename(c["file"])))
PY
echo "prepared $(ls "$out" | wc -l) corpus inputs in $out"
