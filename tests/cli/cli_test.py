#!/usr/bin/env python3
"""End-to-end tests of the `meclean` binary (Python 3 standard library only).

usage: cli_test.py MECLEAN [MAKE_SAMPLE]

MAKE_SAMPLE (meclean_make_sample, tests/cli/make_sample.cpp) writes the engine's built-in
sample: a T420-like full flash image (IFD v1, FPSBA 0x100, FMBA 0x60, ME region from FLREG2)
with ME 7-style firmware. Expected values come from formats.md (§1.2, §1.4, §1.8, §2.8),
decoded here from the input bytes, never from meclean's own output.
Prints "N passed, M failed" last and exits non-zero on any failure.
"""

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import traceback

MECLEAN = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
MAKE_SAMPLE = (os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else
               os.path.join(os.path.dirname(MECLEAN or "."), "..", "..", "tests", "meclean_make_sample"))

results = {"passed": 0, "failed": 0}
SAMPLE = None  # bytes of the sample image


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def u32(data, offset):
    return struct.unpack_from("<I", data, offset)[0]


def flreg(value):
    """Region bounds with me_cleaner's 15-bit decode (formats.md §1.4); end is exclusive."""
    return (value & 0x7FFF) << 12, (((value >> 4) & 0x07FFF000) | 0xFFF) + 1


def layout(data):
    """FRBA, FMBA, FPSBA from the maps after the signature at 0x10 (§1.2)."""
    flmap0, flmap1 = u32(data, 0x14), u32(data, 0x18)
    return {"frba": (flmap0 >> 12) & 0xFF0, "fmba": (flmap1 & 0xFF) << 4, "fpsba": (flmap1 >> 12) & 0xFF0}


def run(args, cwd):
    return subprocess.run([MECLEAN] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def listing(directory):
    return sorted(os.listdir(directory))


def sha(data):
    return hashlib.sha256(data).hexdigest()


def case(function):
    name = function.__name__
    directory = tempfile.mkdtemp(prefix="meclean-cli-")
    try:
        write(os.path.join(directory, "in.bin"), SAMPLE)
        function(directory)
        results["passed"] += 1
        print("PASS", name)
    except Failure as error:
        results["failed"] += 1
        print("FAIL", name + ":", error)
    except Exception:  # a bug in the test or an unexpected crash: count it
        results["failed"] += 1
        print("FAIL", name + ": exception")
        traceback.print_exc(file=sys.stdout)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return function


def expect_error(result, directory, before, status=None, original=None):
    """Non-zero exit, a message on stderr, no new file, the input unchanged."""
    original = SAMPLE if original is None else original
    if status is None:
        check(result.returncode != 0, "exit status 0, expected an error")
    else:
        check(result.returncode == status, "exit status %d, expected %d" % (result.returncode, status))
    check(result.returncode > 0, "killed by signal %d" % -result.returncode)
    check(result.stderr.strip() != b"", "no message on stderr")
    check(listing(directory) == before, "files changed: %s → %s" % (before, listing(directory)))
    check(read(os.path.join(directory, "in.bin")) == original, "input modified")


def me_only_image():
    frba = layout(SAMPLE)["frba"]
    start, end = flreg(u32(SAMPLE, frba + 8))
    return SAMPLE[start:end]


# ---------------------------------------------------------------- cases

def test_check_only_writes_nothing(d):
    r = run(["-c", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    check(listing(d) == ["in.bin"], "files: %s" % listing(d))
    check(read(os.path.join(d, "in.bin")) == SAMPLE, "input modified")
    check(b"Checking the FTPR RSA signature... VALID" in r.stdout, "no VALID line in %r" % r.stdout[-300:])


def test_soft_disable_to_output(d):
    r = run(["-S", "-O", "out.bin", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    check(read(os.path.join(d, "in.bin")) == SAMPLE, "input modified")
    out = read(os.path.join(d, "out.bin"))
    check(len(out) == len(SAMPLE), "size %d" % len(out))
    strap = layout(SAMPLE)["fpsba"] + 0x28  # PCHSTRP10, AltMeDisable = bit 7 (§1.8)
    check(SAMPLE[strap] & 0x80 == 0, "sample already has AltMeDisable")
    check(out[strap] == SAMPLE[strap] | 0x80, "PCHSTRP10 byte %#x" % out[strap])
    diffs = [i for i in range(0x1000) if out[i] != SAMPLE[i]]
    check(diffs == [strap], "descriptor changes at %s" % [hex(i) for i in diffs])
    check(listing(d) == ["in.bin", "out.bin"], "files: %s" % listing(d))


def test_in_place_replaces_file(d):
    r = run(["-S", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    after = read(os.path.join(d, "in.bin"))
    check(after != SAMPLE, "file not modified")
    check(len(after) == len(SAMPLE), "size changed")
    check(after[layout(SAMPLE)["fpsba"] + 0x28] & 0x80, "AltMeDisable not set")
    check(listing(d) == ["in.bin"], "left behind: %s" % listing(d))
    check(not any(n.endswith(".meclean-tmp") for n in listing(d)), "temporary file left")


def test_in_place_same_as_output(d):
    r1 = run(["-O", "out.bin", "in.bin"], d)
    check(r1.returncode == 0, "exit %d" % r1.returncode)
    r2 = run(["in.bin"], d)
    check(r2.returncode == 0, "exit %d" % r2.returncode)
    check(read(os.path.join(d, "in.bin")) == read(os.path.join(d, "out.bin")), "in-place and -O results differ")


def test_soft_disable_on_me_only_image_fails(d):
    write(os.path.join(d, "in.bin"), me_only_image())
    original = me_only_image()
    before = listing(d)
    r = run(["-S", "-O", "out.bin", "in.bin"], d)
    expect_error(r, d, before, status=1, original=original)
    check(b"-d, -D, -M, -S and -s require a full dump" in r.stderr, "stderr: %r" % r.stderr)
    r = run(["-S", "in.bin"], d)  # in place: must not touch the file either
    expect_error(r, d, before, status=1, original=original)


def test_me_only_image_cleans(d):
    me = me_only_image()
    write(os.path.join(d, "in.bin"), me)
    r = run(["-t", "-r", "-O", "out.bin", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    out = read(os.path.join(d, "out.bin"))
    check(len(out) < len(me), "not truncated: %d" % len(out))
    check(len(out) % 0x1000 == 0, "size %#x not in 4 KiB blocks" % len(out))
    check(u32(out, 0x38) == 0x400 or u32(out, 0x38) % 0x20 == 0, "FTPR offset %#x" % u32(out, 0x38))
    check(read(os.path.join(d, "in.bin")) == me, "input modified")


def test_corrupt_file_fails(d):
    corrupt = bytearray(SAMPLE)
    frba = layout(SAMPLE)["frba"]
    start, _ = flreg(u32(SAMPLE, frba + 8))
    corrupt[start + 0x10:start + 0x14] = b"$FPX"  # no partition table (§2.8.3 step 1)
    write(os.path.join(d, "in.bin"), bytes(corrupt))
    original = bytes(corrupt)
    before = listing(d)
    r = run(["-O", "out.bin", "in.bin"], d)
    expect_error(r, d, before, status=1, original=original)
    check(b"firmware is corrupted or missing" in r.stderr, "stderr: %r" % r.stderr)
    r = run(["in.bin"], d)
    expect_error(r, d, before, status=1, original=original)


def test_garbage_file_fails(d):
    write(os.path.join(d, "in.bin"), b"\x00" * 0x2000)
    original = b"\x00" * 0x2000
    before = listing(d)
    r = run(["-S", "in.bin"], d)
    expect_error(r, d, before, status=1, original=original)
    check(b"Unknown image" in r.stderr, "stderr: %r" % r.stderr)


def test_nonexistent_file_fails(d):
    before = listing(d)
    r = run(["-O", "out.bin", "missing.bin"], d)
    expect_error(r, d, before)
    check(b"missing.bin" in r.stderr, "stderr does not name the file: %r" % r.stderr)


def test_file_over_64_mib_fails(d):
    big = os.path.join(d, "big.bin")
    with open(big, "wb") as f:
        f.truncate(64 * 1024 * 1024 + 1)
    before = listing(d)
    r = run(["-O", "out.bin", "big.bin"], d)
    expect_error(r, d, before)
    check(b"64 MiB" in r.stderr, "stderr: %r" % r.stderr)
    check(os.path.getsize(big) == 64 * 1024 * 1024 + 1, "big file changed")


def test_invalid_signature_writes_nothing(d):
    bad = bytearray(SAMPLE)
    frba = layout(SAMPLE)["frba"]
    start, _ = flreg(u32(SAMPLE, frba + 8))
    fpt = start + 0x10
    count = u32(SAMPLE, fpt + 4)
    for i in range(count):
        entry = fpt + 0x20 + 0x20 * i
        if SAMPLE[entry:entry + 4] == b"FTPR":
            manifest = start + u32(SAMPLE, entry + 8)
    header_length = u32(SAMPLE, manifest + 4) * 4
    bad[manifest + header_length] ^= 1  # first signed body byte (§2.5)
    write(os.path.join(d, "in.bin"), bytes(bad))
    original = bytes(bad)
    before = listing(d)
    r = run(["-S", "in.bin"], d)
    expect_error(r, d, before, status=1, original=original)
    check(b"INVALID" in r.stdout + r.stderr, "no INVALID verdict")
    r = run(["-c", "in.bin"], d)
    expect_error(r, d, before, status=1, original=original)


def test_argument_errors_exit_2(d):
    before = listing(d)
    for args in (["-S", "-s", "in.bin"], ["-w", "EFFS", "-b", "NFTP", "in.bin"], ["--bogus", "in.bin"],
                 ["-Z", "in.bin"], [], ["-S"], ["-O"], ["in.bin", "second.bin"], ["--soft-disable=yes", "in.bin"]):
        r = run(args, d)
        check(r.returncode == 2, "%s: exit %d" % (args, r.returncode))
        check(r.stderr.strip() != b"", "%s: no message" % args)
        check(listing(d) == before, "%s: files changed" % args)
        check(read(os.path.join(d, "in.bin")) == SAMPLE, "%s: input modified" % args)


def test_option_conflicts_exit_1(d):
    before = listing(d)
    for args, message in ((["-c", "-S", "in.bin"], b"-c can't be used with -S, -s, -r, -d, -t or -O"),
                          (["-c", "-O", "out.bin", "in.bin"], b"-c can't be used with -S, -s, -r, -d, -t or -O"),
                          (["-s", "-t", "in.bin"], b"-s can't be used with -r or -t"),
                          (["-r", "-w", "EFFS", "in.bin"],
                           b"Relocation is not yet supported with custom whitelist or blacklist")):
        r = run(args, d)
        expect_error(r, d, before, status=1)
        check(message in r.stderr, "%s: stderr %r" % (args, r.stderr))


def test_json_report(d):
    r = run(["-c", "--json", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    report = json.loads(r.stdout.decode("utf-8"))
    check(report["analysis"]["kind"] == "full", "kind %r" % report["analysis"].get("kind"))
    check("plan" in report, "no plan in the report")
    check(listing(d) == ["in.bin"], "files: %s" % listing(d))


def test_json_report_on_error_is_valid(d):
    write(os.path.join(d, "in.bin"), b"\x00" * 0x2000)
    r = run(["--json", "-O", "out.bin", "in.bin"], d)
    check(r.returncode == 1, "exit %d" % r.returncode)
    report = json.loads(r.stdout.decode("utf-8"))
    check(report["analysis"]["kind"] == "unknown", "kind %r" % report["analysis"].get("kind"))
    check("out.bin" not in listing(d), "output written")


def test_clustered_short_flags(d):
    r = run(["-Sd", "-O", "out.bin", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    out = read(os.path.join(d, "out.bin"))
    lay = layout(SAMPLE)
    check(out[lay["fpsba"] + 0x28] & 0x80, "AltMeDisable not set")
    # -d on a generation-2 image: FLMSTR2 := (FLMSTR2 | 0x04040000) & 0x0404FFFF (§2.8.11).
    want = (u32(SAMPLE, lay["fmba"] + 4) | 0x04040000) & 0x0404FFFF
    check(u32(out, lay["fmba"] + 4) == want, "FLMSTR2 %#010x, want %#010x" % (u32(out, lay["fmba"] + 4), want))


def test_long_flags(d):
    r = run(["--soft-disable", "--output=out.bin", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    out = read(os.path.join(d, "out.bin"))
    check(out[layout(SAMPLE)["fpsba"] + 0x28] & 0x80, "AltMeDisable not set")
    r2 = run(["-S", "-O", "short.bin", "in.bin"], d)
    check(r2.returncode == 0, "exit %d" % r2.returncode)
    check(read(os.path.join(d, "short.bin")) == out, "long and short forms differ")


def test_soft_disable_only_changes_one_bit(d):
    r = run(["-s", "-O", "out.bin", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    out = read(os.path.join(d, "out.bin"))
    diffs = [i for i in range(len(SAMPLE)) if out[i] != SAMPLE[i]]
    check(diffs == [layout(SAMPLE)["fpsba"] + 0x28], "changes at %s" % [hex(i) for i in diffs[:10]])


def test_extract_descriptor_and_me(d):
    r = run(["-D", "fd.bin", "-M", "me.bin", "-O", "out.bin", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    out = read(os.path.join(d, "out.bin"))
    fd = read(os.path.join(d, "fd.bin"))
    me = read(os.path.join(d, "me.bin"))
    check(fd == out[:0x1000], "descriptor copy differs from the image's descriptor")
    start, end = flreg(u32(out, layout(out)["frba"] + 8))
    check(me == out[start:end], "ME copy differs from the image's ME region")
    check(sorted(listing(d)) == ["fd.bin", "in.bin", "me.bin", "out.bin"], "files: %s" % listing(d))
    check(not any(n.endswith(".meclean-tmp") for n in listing(d)), "temporary file left")


def test_extract_truncated_descriptor(d):
    r = run(["-t", "-D", "fd.bin", "-M", "me.bin", "-O", "out.bin", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    frba = layout(SAMPLE)["frba"]
    fd = read(os.path.join(d, "fd.bin"))
    me = read(os.path.join(d, "me.bin"))
    me_start, me_end = flreg(u32(SAMPLE, frba + 8))
    bios_start, bios_end = flreg(u32(SAMPLE, frba + 4))
    check(bios_start == me_end, "sample's BIOS does not follow the ME region")
    new_me_start, new_me_end = flreg(u32(fd, frba + 8))
    new_bios_start, new_bios_end = flreg(u32(fd, frba + 4))
    check(new_me_start == me_start, "ME start moved")
    check(new_me_end == me_start + len(me), "ME end %#x vs copy size %#x" % (new_me_end, len(me)))
    check(new_bios_start == new_me_end and new_bios_end == bios_end, "BIOS region %#x–%#x" % (new_bios_start, new_bios_end))
    check(len(me) < me_end - me_start and len(me) % 0x1000 == 0, "ME copy size %#x" % len(me))
    check(len(read(os.path.join(d, "out.bin"))) == len(SAMPLE), "-t changed the full image's size")


def test_check_with_extract_writes_copies_only(d):
    r = run(["-c", "-D", "fd.bin", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    check(sorted(listing(d)) == ["fd.bin", "in.bin"], "files: %s" % listing(d))
    check(read(os.path.join(d, "fd.bin")) == SAMPLE[:0x1000], "descriptor copy differs")
    check(read(os.path.join(d, "in.bin")) == SAMPLE, "input modified")


def test_help_and_version(d):
    for flag in ("--help", "-h"):
        r = run([flag], d)
        check(r.returncode == 0, "%s exit %d" % (flag, r.returncode))
        check(b"usage:" in r.stdout, "%s: no usage" % flag)
    r = run(["--version"], d)
    check(r.returncode == 0, "--version exit %d" % r.returncode)
    check(b"meclean" in r.stdout, "version text %r" % r.stdout)
    check(listing(d) == ["in.bin"], "files: %s" % listing(d))


def test_unwritable_output_leaves_nothing(d):
    os.mkdir(os.path.join(d, "sub"))
    before = listing(d)
    r = run(["-S", "-O", os.path.join("nonexistent-dir", "out.bin"), "in.bin"], d)
    expect_error(r, d, before)


def test_platform_option(d):
    # --platform is for ME 11 and later: on the sample's ME 7 it is refused, nothing written.
    before = listing(d)
    r = run(["-s", "--platform", "auto", "-O", "out.bin", "in.bin"], d)
    expect_error(r, d, before, status=1)
    check(b"--platform applies to ME 11 and later" in r.stderr, "stderr %r" % r.stderr[:200])
    r = run(["-s", "--platform=no_such_chip", "-O", "out.bin", "in.bin"], d)
    expect_error(r, d, before, status=1)
    # A value is required (argument error, status 2).
    r = run(["-s", "in.bin", "--platform"], d)
    expect_error(r, d, before, status=2)


# File names as people have them: spaces and non-ASCII letters (on Windows these need the UTF-16
# file API and command line; the ANSI code page cannot hold "日本").
NAMED_IN = "my dump ü 日本.bin"
NAMED_OUT = "cleaned ø €.bin"


def test_paths_with_spaces_and_non_ascii_names(d):
    os.mkdir(os.path.join(d, "a folder é"))
    write(os.path.join(d, "a folder é", NAMED_IN), SAMPLE)
    r = run(["-S", "-O", os.path.join("a folder é", NAMED_OUT), "-D", "fd é.bin", os.path.join("a folder é", NAMED_IN)], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    out = read(os.path.join(d, "a folder é", NAMED_OUT))
    check(out[layout(SAMPLE)["fpsba"] + 0x28] & 0x80, "AltMeDisable not set")
    check(read(os.path.join(d, "fd é.bin")) == out[:0x1000], "descriptor copy differs")
    check(sorted(listing(os.path.join(d, "a folder é"))) == sorted([NAMED_IN, NAMED_OUT]),
          "files: %s" % listing(os.path.join(d, "a folder é")))
    # In place under such a name, then the same bytes as with -O.
    r = run(["-S", os.path.join("a folder é", NAMED_IN)], d)
    check(r.returncode == 0, "in place: exit %d: %s" % (r.returncode, r.stderr))
    check(read(os.path.join(d, "a folder é", NAMED_IN)) == out, "in place differs from -O")
    # A missing file is named in the message as given (UTF-8).
    r = run(["-c", "nicht da ü.bin"], d)
    check(r.returncode == 1 and "nicht da ü.bin".encode("utf-8") in r.stderr, "stderr %r" % r.stderr)


def test_output_replaces_an_existing_file(d):
    # rename() on Windows refuses an existing target; the new file must still replace it.
    write(os.path.join(d, "out.bin"), b"old contents")
    r = run(["-S", "-O", "out.bin", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    check(len(read(os.path.join(d, "out.bin"))) == len(SAMPLE), "out.bin not replaced")
    check(listing(d) == ["in.bin", "out.bin"], "files: %s" % listing(d))


def test_failed_rename_leaves_no_temporary(d):
    # The target is a folder: the temporary is written, the rename fails, the temporary goes.
    os.mkdir(os.path.join(d, "out.bin"))
    before = listing(d)
    r = run(["-S", "-O", "out.bin", "in.bin"], d)
    expect_error(r, d, before, status=1)
    check(b"out.bin" in r.stderr, "stderr does not name the target: %r" % r.stderr)


def test_help_examples_and_byte_exact_output(d):
    r = run(["--help"], d)
    check(r.returncode == 0, "exit %d" % r.returncode)
    check(b"examples:" in r.stdout, "no examples")
    # stdout is the same bytes on every OS: no "\r\n" from a text-mode stream on Windows.
    check(b"\r" not in r.stdout, "carriage returns in the output")
    windows_form, posix_form = b'"E:\\my dump.bin"', b'"/media/usb/my dump.bin"'
    if os.environ.get("MECLEAN_CLI_OS") == "windows":
        check(windows_form in r.stdout and posix_form not in r.stdout, "not the Windows example: %r" % r.stdout[-300:])
    else:
        check(posix_form in r.stdout and windows_form not in r.stdout, "not the POSIX example: %r" % r.stdout[-300:])


# An AMI Aptio capsule header (GUID 4A3CA68B-7723-48FB-803D-578CC1FEC44D as stored), 0x800 bytes.
APTIO_GUID = bytes.fromhex("8ba63c4a2377fb48803d578cc1fec44d")


def aptio_capsule(body):
    header = APTIO_GUID + struct.pack("<IIIHH", 0x1C, 0x40000, 0x800 + len(body), 0x800, 0)
    return header + bytes(0x800 - len(header)) + body


def test_capsule_is_named_and_refused(d):
    write(os.path.join(d, "in.bin"), aptio_capsule(SAMPLE))
    before = listing(d)
    r = run(["-S", "-O", "out.bin", "in.bin"], d)
    expect_error(r, d, before, status=1, original=aptio_capsule(SAMPLE))
    check(r.stderr.startswith(b"Unknown image\n"), "me_cleaner's message first: %r" % r.stderr[:80])
    check(b"AMI Aptio" in r.stderr and b"starts at 0x800" in r.stderr, "stderr %r" % r.stderr[:400])
    check(b"--embedded" in r.stderr, "no hint about --embedded: %r" % r.stderr[-200:])


def test_embedded_image_of_a_capsule_cleans_like_the_plain_image(d):
    write(os.path.join(d, "in.cap"), aptio_capsule(SAMPLE))
    r = run(["-S", "-O", "plain.bin", "in.bin"], d)
    check(r.returncode == 0, "plain: exit %d: %s" % (r.returncode, r.stderr))
    r = run(["--embedded", "-S", "-O", "inner.bin", "in.cap"], d)
    check(r.returncode == 0, "embedded: exit %d: %s" % (r.returncode, r.stderr))
    check(b"0x800" in r.stderr, "does not say where the image is: %r" % r.stderr)
    check(read(os.path.join(d, "inner.bin")) == read(os.path.join(d, "plain.bin")), "outputs differ")
    check(read(os.path.join(d, "in.cap")) == aptio_capsule(SAMPLE), "capsule modified")


def test_embedded_needs_output_or_check(d):
    write(os.path.join(d, "in.cap"), aptio_capsule(SAMPLE))
    before = listing(d)
    r = run(["--embedded", "-S", "in.cap"], d)
    check(r.returncode == 2 and b"--embedded" in r.stderr, "exit %d: %r" % (r.returncode, r.stderr[-200:]))
    check(listing(d) == before, "files changed")
    r = run(["--embedded", "-c", "in.cap"], d)
    check(r.returncode == 0 and b"VALID" in r.stdout, "-c: exit %d: %r" % (r.returncode, r.stderr[-200:]))


def test_embedded_without_an_image_inside_fails(d):
    before = listing(d)
    r = run(["--embedded", "-S", "-O", "out.bin", "in.bin"], d)
    expect_error(r, d, before, status=1)
    check(b"no plain flash image" in r.stderr, "stderr %r" % r.stderr)


def test_mirrored_read_works_and_is_noted(d):
    write(os.path.join(d, "in.bin"), SAMPLE + SAMPLE)
    r = run(["-c", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    check(b"2 identical copies" in r.stderr and b"--embedded" in r.stderr, "stderr %r" % r.stderr)
    r = run(["--embedded", "-S", "-O", "out.bin", "in.bin"], d)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr))
    check(len(read(os.path.join(d, "out.bin"))) == len(SAMPLE), "output is not one chip long")


TESTS = [test_platform_option, test_check_only_writes_nothing, test_soft_disable_to_output, test_in_place_replaces_file,
         test_in_place_same_as_output, test_soft_disable_on_me_only_image_fails, test_me_only_image_cleans,
         test_corrupt_file_fails, test_garbage_file_fails, test_nonexistent_file_fails, test_file_over_64_mib_fails,
         test_invalid_signature_writes_nothing, test_argument_errors_exit_2, test_option_conflicts_exit_1,
         test_json_report, test_json_report_on_error_is_valid, test_clustered_short_flags, test_long_flags,
         test_soft_disable_only_changes_one_bit, test_extract_descriptor_and_me, test_extract_truncated_descriptor,
         test_check_with_extract_writes_copies_only, test_help_and_version, test_unwritable_output_leaves_nothing,
         test_capsule_is_named_and_refused, test_embedded_image_of_a_capsule_cleans_like_the_plain_image,
         test_embedded_needs_output_or_check, test_embedded_without_an_image_inside_fails,
         test_mirrored_read_works_and_is_noted, test_paths_with_spaces_and_non_ascii_names,
         test_output_replaces_an_existing_file, test_failed_rename_leaves_no_temporary,
         test_help_examples_and_byte_exact_output]


def main():
    global SAMPLE
    if not MECLEAN or not os.path.exists(MECLEAN):
        print("usage: cli_test.py MECLEAN [MAKE_SAMPLE]")
        print("0 passed, 1 failed")
        return 1
    work = tempfile.mkdtemp(prefix="meclean-sample-")
    try:
        path = os.path.join(work, "sample.bin")
        subprocess.run([MAKE_SAMPLE, path], check=True, timeout=120)
        SAMPLE = read(path)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for test in TESTS:
        case(test)
    print("%d passed, %d failed" % (results["passed"], results["failed"]))
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
