#!/usr/bin/env bash
# The real flashrom, end to end: put an ORIGINAL corpus image into flashrom's
# emulated SPI chip, clean it with `meclean -S`, let `meclean ifd --layout --compare` write
# the layout and print the flashrom command, run exactly that command against the emulated
# chip, and check that (1) the chip now equals the cleaned image byte for byte and (2) the
# regions the command does not name were not written (a chip whose other regions hold
# different bytes keeps them).
# Usage: flashrom_layout_e2e.sh CORPUS_DIR MECLEAN_BINARY
set -euo pipefail
source "$(dirname "$0")/../corpus/corpus_location.sh"
meclean="$(realpath "$2")"
source "$(dirname "$0")/find_flashrom.sh"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# recipe id, emulated chip, flashrom chip name
cases=(
  "full_me7.1_lenovo-t420_stock8mb MX25L6436 MX25L6436E/MX25L6445E/MX25L6465E/MX25L6473E/MX25L6473F"
  "full_me7.1_lenovo-t420_16mb W25Q128FV W25Q128.V"
)

for c in "${cases[@]}"; do
  read -r recipe emulate chip <<<"$c"
  echo "== $recipe ($emulate)"
  rm -f original.bin cleaned.bin meclean.layout chip.bin chip-marked.bin expected-marked.bin
  python3 "$corpus/assemble.py" --id "$recipe" --stdout > original.bin
  "$meclean" -S -O cleaned.bin original.bin > clean.log
  "$meclean" ifd --layout meclean.layout --compare original.bin cleaned.bin | tee ifd.log
  command="$(grep -A1 '^To write only the changed regions:' ifd.log | tail -1 | sed 's/^ *//')"
  case "$command" in
    "flashrom -p internal -l meclean.layout "*" -N -w cleaned.bin") ;;
    *) echo "FAIL: unexpected command from meclean: '$command'" >&2; exit 1 ;;
  esac
  read -r -a argv <<<"$command"
  regions=()
  for ((i = 0; i < ${#argv[@]}; i++)); do [ "${argv[$i]}" = "-i" ] && regions+=("${argv[$((i + 1))]}"); done
  [ "${regions[*]}" = "fd me" ] || { echo "FAIL: expected the regions fd and me to change, got '${regions[*]}'" >&2; exit 1; }

  run_flashrom() {  # $1 = chip image file; the printed command with the emulated programmer
    local programmer="dummy:emulate=$emulate,image=$1"
    local args=("${argv[@]:1}")
    for ((i = 0; i < ${#args[@]}; i++)); do
      if [ "${args[$i]}" = "-p" ]; then args[$((i + 1))]="$programmer"; fi
    done
    "$flashrom" "${args[@]}" -c "$chip" > flashrom.log 2>&1 || { cat flashrom.log >&2; echo "FAIL: flashrom failed" >&2; exit 1; }
  }

  # 1. The chip holds the original: afterwards it must equal the cleaned image exactly.
  cp original.bin chip.bin
  run_flashrom chip.bin
  cmp chip.bin cleaned.bin || { echo "FAIL: the chip does not equal the cleaned image" >&2; exit 1; }
  echo "ok: the emulated chip equals cleaned.bin byte for byte"

  # 2. The regions not named must not be written: mark them on the chip (every byte
  #    inverted) and check the marks survive while fd and me become the cleaned bytes.
  python3 - meclean.layout original.bin chip-marked.bin expected-marked.bin cleaned.bin "${regions[@]}" <<'PY'
import sys
layout, original, marked, expected, cleaned, *named = sys.argv[1:]
chip = bytearray(open(original, 'rb').read())
want = bytearray(open(cleaned, 'rb').read())
for line in open(layout):
    span, name = line.split()
    start, end = (int(x, 16) for x in span.split(':'))
    if name in named:
        continue
    for i in range(start, end + 1):
        chip[i] ^= 0xFF
        want[i] = chip[i]
open(marked, 'wb').write(chip)
open(expected, 'wb').write(want)
PY
  run_flashrom chip-marked.bin
  cmp chip-marked.bin expected-marked.bin || { echo "FAIL: a region outside '${regions[*]}' was written" >&2; exit 1; }
  echo "ok: only ${regions[*]} were written"
done
echo "PASS"
