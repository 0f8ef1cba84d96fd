#!/usr/bin/env bash
# Two-chip flashes end to end with the real flashrom: the corpus's ThinkPad T440p and
# W541 images (8 + 4 MiB). Clean the whole image, let `meclean split --original` name the chip
# that changed and print its write command, run exactly that command against flashrom's dummy
# programmer emulating two chips of those sizes that hold the original reads, read the chip back
# with the printed read command, join the reads and verify: the two emulated chips must equal
# the cleaned image, the unchanged chip must not be written. Then a fresh pair of blank chips
# written with the commands of a plain split must hold the cleaned image too.
# Usage: flashrom_two_chip_e2e.sh CORPUS_DIR MECLEAN_BINARY
set -euo pipefail
source "$(dirname "$0")/../corpus/corpus_location.sh"
meclean="$(realpath "$2")"
source "$(dirname "$0")/find_flashrom.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# flashrom 1.3's dummy programmer emulates an 8 MiB MX25L6436 and a 4 MiB SST25VF032B.
emulated_chip() { [ "$1" = 1 ] && echo "MX25L6436" || echo "SST25VF032B"; }
chip_name() { [ "$1" = 1 ] && echo "MX25L6436E/MX25L6445E/MX25L6465E/MX25L6473E/MX25L6473F" || echo "SST25VF032B"; }

# Runs a command meclean printed ("flashrom -p ch341a_spi ...") against emulated chip $1 backed by file $2.
run_printed() {
  local chip="$1" image="$2" command="$3"
  read -r -a argv <<<"$command"
  [ "${argv[0]} ${argv[1]} ${argv[2]}" = "flashrom -p ch341a_spi" ] || fail "unexpected command: '$command'"
  "$flashrom" -p "dummy:emulate=$(emulated_chip "$chip"),image=$image" "${argv[@]:3}" -c "$(chip_name "$chip")" \
    > flashrom.log 2>&1 || { cat flashrom.log >&2; fail "flashrom failed: $command"; }
}

for recipe in full_me9.0_lenovo-t440p full_me10.0_lenovo-w541; do
  echo "== $recipe"
  rm -f ./*.bin
  python3 "$corpus/assemble.py" --id "$recipe" --stdout > original.bin
  "$meclean" -S -O cleaned.bin original.bin > clean.log
  head -c $((8 << 20)) original.bin > emu1.bin
  tail -c $((4 << 20)) original.bin > emu2.bin
  cp emu2.bin emu2-before.bin

  "$meclean" split --original original.bin cleaned.bin | tee split.log
  grep -q "chip 2: do not rewrite" split.log || fail "chip 2 (BIOS only) should be left alone"
  mapfile -t writes < <(grep -A1 ': write with$' split.log | grep '^ *flashrom' | sed 's/^ *//')
  [ "${#writes[@]}" = 1 ] || fail "expected one write command, got ${#writes[@]}"
  [ "${writes[0]}" = "flashrom -p ch341a_spi -w cleaned-chip1.bin" ] || fail "unexpected write command '${writes[0]}'"
  run_printed 1 emu1.bin "${writes[0]}"
  cat emu1.bin emu2.bin | cmp - cleaned.bin || fail "the two emulated chips do not hold the cleaned image"
  cmp emu2.bin emu2-before.bin || fail "chip 2 was written"
  echo "ok: chip 1 written with the printed command; chips 1 + 2 equal cleaned.bin; chip 2 untouched"

  read_command="$(grep -A1 'then read it back with' split.log | grep '^ *flashrom' | head -1 | sed 's/^ *//')"
  run_printed 1 emu1.bin "$read_command"
  [ -f cleaned-chip1-readback.bin ] || fail "the read command wrote no cleaned-chip1-readback.bin"
  "$meclean" join -O readback.bin emu2.bin cleaned-chip1-readback.bin > join.log || fail "join of the read-back failed"
  "$meclean" verify cleaned.bin readback.bin > verify.log || { cat verify.log >&2; fail "verify did not accept the read-back"; }
  echo "ok: read back, joined (chip 2 given first) and verified"

  # Blank chips, both written with the plain split's commands.
  rm -f cleaned-chip*.bin
  "$meclean" split cleaned.bin > split-all.log
  mapfile -t writes < <(grep -A1 ': write with$' split-all.log | grep '^ *flashrom' | sed 's/^ *//')
  [ "${#writes[@]}" = 2 ] || fail "a plain split should print a write command per chip"
  head -c $((8 << 20)) /dev/zero | tr '\0' '\377' > emu1.bin
  head -c $((4 << 20)) /dev/zero | tr '\0' '\377' > emu2.bin
  run_printed 1 emu1.bin "${writes[0]}"
  run_printed 2 emu2.bin "${writes[1]}"
  cat emu1.bin emu2.bin | cmp - cleaned.bin || fail "blank chips written with the printed commands differ from cleaned.bin"
  echo "ok: two blank emulated chips written with the printed commands equal cleaned.bin"
done
echo "PASS"
