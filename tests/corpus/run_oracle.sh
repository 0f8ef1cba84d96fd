#!/usr/bin/env bash
# The differential test: every case of the corpus's expected.json, judged by the
# corpus's own oracle (exit status, every output file's SHA-256, and me_cleaner's
# exact console text). Usage: run_oracle.sh CORPUS_DIR MECLEAN_BINARY
set -euo pipefail
source "$(dirname "$0")/corpus_location.sh"
tool="$(realpath "$2")"
python3 "$corpus/oracle.py" check --tool "$tool" --strict-stdout -j "${JOBS:-2}"
