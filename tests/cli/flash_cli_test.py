#!/usr/bin/env python3
"""End-to-end tests of `meclean join | split | compare | verify` and `meclean ifd --inject`
on the corpus's two-chip ThinkPad images, with every --json output validated
against its JSON Schema in docs/schema (python3-jsonschema).

usage: flash_cli_test.py MECLEAN CORPUS_DIR SCHEMA_DIR

Expected values come from the inputs (FLCOMP densities, region bounds, GbE bytes), decoded
here, never from meclean's own output. Without the corpus the test is skipped (exit 77), or
fails when CI is set. Prints "N passed, M failed" last.
"""

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import traceback

import jsonschema

MECLEAN, CORPUS, SCHEMAS = (os.path.abspath(a) for a in sys.argv[1:4])
results = {"passed": 0, "failed": 0}
IMAGES = {}  # recipe id -> bytes


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def u32(data, offset):
    return struct.unpack_from("<I", data, offset)[0]


def chip_sizes(image):
    """Component densities with the 4-bit encoding of Lynx Point (formats.md §1.3); FCBA from FLMAP0."""
    flmap0 = u32(image, 0x14)
    flcomp = u32(image, (flmap0 & 0xFF) << 4)
    return [1 << (19 + (flcomp & 0xF)), 1 << (19 + ((flcomp >> 4) & 0xF))]


def region(image, index):
    frba = (u32(image, 0x14) >> 12) & 0xFF0
    v = u32(image, frba + 4 * index)
    return (v & 0x7FFF) << 12, (((v >> 4) & 0x07FFF000) | 0xFFF) + 1


def run(args, cwd):
    return subprocess.run([MECLEAN] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def validate(result, schema_name):
    schema = json.load(open(os.path.join(SCHEMAS, schema_name + ".schema.json")))
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    return document


def case(function):
    directory = tempfile.mkdtemp(prefix="meclean-flash-")
    try:
        function(directory)
        results["passed"] += 1
        print("PASS", function.__name__)
    except Failure as error:
        results["failed"] += 1
        print("FAIL", function.__name__ + ":", error)
    except Exception:
        results["failed"] += 1
        print("FAIL", function.__name__ + ": exception")
        traceback.print_exc(file=sys.stdout)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return function


def expect_refusal(r, d, before, status=1):
    check(r.returncode == status, "exit %d, expected %d (%s)" % (r.returncode, status, r.stderr))
    check(r.stderr.strip(), "no message on stderr")
    check(sorted(os.listdir(d)) == sorted(before), "files changed: %s" % sorted(os.listdir(d)))


def setup_two_chip(d, recipe):
    image = IMAGES[recipe]
    first, second = chip_sizes(image)
    check(first == 8 << 20 and second == 4 << 20, "unexpected densities %s" % [first, second])
    write(os.path.join(d, "full.bin"), image)
    write(os.path.join(d, "a.bin"), image[:first])
    write(os.path.join(d, "b.bin"), image[first:])
    return image, first


# ---------------------------------------------------------------- cases

def split_join_round_trip(recipe):
    def test(d):
        image, first = setup_two_chip(d, recipe)
        r = run(["split", "--json", "full.bin"], d)
        check(r.returncode == 0, "split: exit %d %s" % (r.returncode, r.stderr))
        doc = validate(r, "split")
        check([f["name"] for f in doc["files"]] == ["full-chip1.bin", "full-chip2.bin"], "names %s" % doc["files"])
        check(read(os.path.join(d, "full-chip1.bin")) == image[:first], "chip 1 bytes")
        check(read(os.path.join(d, "full-chip2.bin")) == image[first:], "chip 2 bytes")
        for order in (["full-chip1.bin", "full-chip2.bin"], ["full-chip2.bin", "full-chip1.bin"]):
            r = run(["join", "--json", "-O", "joined.bin"] + order, d)
            check(r.returncode == 0, "join %s: exit %d %s" % (order, r.returncode, r.stderr))
            doc = validate(r, "join")
            check(doc["swapped"] == (order[0] == "full-chip2.bin"), "swapped flag")
            check(read(os.path.join(d, "joined.bin")) == image, "join %s is not byte-identical" % order)
    test.__name__ = "split_join_round_trip_" + recipe
    return test


for recipe in ("full_me9.0_lenovo-t440p", "full_me10.0_lenovo-w541"):
    globals()["test_round_trip_" + recipe] = split_join_round_trip(recipe)


def test_cleaned_then_split(d):
    image, first = setup_two_chip(d, "full_me9.0_lenovo-t440p")
    r = run(["-S", "-O", "cleaned.bin", "full.bin"], d)
    check(r.returncode == 0, "clean failed: %s" % r.stderr)
    # The clean itself already tells how to write each chip back.
    check(b"meclean split --original full.bin cleaned.bin" in r.stderr, "no split command: %s" % r.stderr)
    check(b"chip 2, cleaned-chip2.bin: unchanged, do not rewrite it" in r.stderr, "chip 2 line: %s" % r.stderr)
    check(b"chip 1, cleaned-chip1.bin: flashrom" in r.stderr, "chip 1 line: %s" % r.stderr)
    cleaned = read(os.path.join(d, "cleaned.bin"))
    me_start, me_end = region(image, 2)
    check(me_end <= first, "the ME region lies in chip 1")
    r = run(["split", "--json", "--original", "full.bin", "cleaned.bin"], d)
    check(r.returncode == 0, "split: %s" % r.stderr)
    doc = validate(r, "split")
    one, two = doc["files"]
    check(one["changed"] is True and one["write"], "chip 1 (ME region) changed")
    check(one["write_command"] == "flashrom -p ch341a_spi -w cleaned-chip1.bin", one["write_command"])
    check(two["changed"] is False and not two["write"] and two["write_command"] == "", "chip 2 unchanged")
    check(read(os.path.join(d, "cleaned-chip1.bin")) == cleaned[:first], "cleaned chip 1 bytes")
    r = run(["split", "--original", "full.bin", "cleaned.bin"], d)
    check(b"do not rewrite" in r.stdout, "no 'do not rewrite' in the text output")


def test_join_refusals(d):
    setup_two_chip(d, "full_me9.0_lenovo-t440p")
    before = sorted(os.listdir(d))
    r = run(["join", "-O", "x.bin", "a.bin", "a.bin"], d)
    expect_refusal(r, d, before)
    check(b"Both reads start with a flash descriptor" in r.stderr, r.stderr)
    r = run(["join", "-O", "x.bin", "b.bin", "b.bin"], d)
    expect_refusal(r, d, before)
    write(os.path.join(d, "half.bin"), IMAGES["full_me9.0_lenovo-t440p"][8 << 20:10 << 20])
    before = sorted(os.listdir(d))
    r = run(["join", "--json", "-O", "x.bin", "a.bin", "half.bin"], d)
    expect_refusal(r, d, before)
    doc = validate(r, "join")
    check(doc["error"] == "size_matches_no_chip" and doc["problem"]["offset"] == 0x30, doc["problem"])
    expect_refusal(run(["join", "a.bin", "b.bin"], d), d, before, status=2)       # no -O
    expect_refusal(run(["join", "-O", "x.bin", "a.bin"], d), d, before, status=2)  # one read


def test_split_refuses_one_chip(d):
    write(os.path.join(d, "t420.bin"), IMAGES["full_me7.1_lenovo-t420_stock8mb"])
    before = sorted(os.listdir(d))
    r = run(["split", "--json", "t420.bin"], d)
    expect_refusal(r, d, before)
    check(validate(r, "split")["error"] == "one_chip_flash", "error id")


def test_compare(d):
    image, first = setup_two_chip(d, "full_me9.0_lenovo-t440p")
    shutil.copy(os.path.join(d, "a.bin"), os.path.join(d, "a2.bin"))
    r = run(["compare", "--json", "a.bin", "a2.bin"], d)
    check(r.returncode == 0, "identical reads: exit %d" % r.returncode)
    check(validate(r, "compare")["identical"], "identical")
    bad = bytearray(image[:first])
    bad[0x1234] ^= 0x02
    write(os.path.join(d, "bad.bin"), bytes(bad))
    r = run(["compare", "--json", "a.bin", "a2.bin", "bad.bin"], d)
    check(r.returncode == 1, "differing reads: exit %d" % r.returncode)
    doc = validate(r, "compare")
    check(doc["patterns"] == ["bit_flips"], doc["patterns"])
    rng = doc["differences"][0]["diff"]["ranges"][0]
    check(rng["offset"] == 0x1234 and rng["region"] == 3, rng)  # GbE region 0x1000–0x2fff
    check(b"0x1234" in r.stderr, "stderr does not name the offset: %s" % r.stderr)
    r = run(["compare", "a.bin"], d)
    check(r.returncode == 2, "one read: exit %d" % r.returncode)


def test_verify(d):
    image, first = setup_two_chip(d, "full_me9.0_lenovo-t440p")
    r = run(["-S", "-O", "cleaned.bin", "full.bin"], d)
    check(r.returncode == 0, "clean: %s" % r.stderr)
    r = run(["verify", "--json", "cleaned.bin", "cleaned.bin"], d)
    check(r.returncode == 0, "identical read-back: exit %d" % r.returncode)
    check(validate(r, "verify")["outcomes"] == ["identical"], "identical")
    r = run(["verify", "--json", "cleaned.bin", "full.bin"], d)
    check(r.returncode == 1, "restored ME: exit %d" % r.returncode)
    doc = validate(r, "verify")
    check("me_restored" in doc["outcomes"] and "disable_bit_cleared" in doc["outcomes"], doc["outcomes"])
    check(doc["cleared_bits"][0]["offset"] == 0x128, doc["cleared_bits"])  # PCHSTRP10 (FPSBA 0x100)
    check(b"0x" in r.stderr, "stderr names no offset")


def test_inject(d):
    t440p = IMAGES["full_me9.0_lenovo-t440p"]
    w541 = IMAGES["full_me10.0_lenovo-w541"]
    x210 = IMAGES["full_me11.8_51nb-x210"]
    write(os.path.join(d, "t440p.bin"), t440p)
    write(os.path.join(d, "x210.bin"), x210)
    s, e = region(w541, 2)
    write(os.path.join(d, "w541-me.bin"), w541[s:e])
    write(os.path.join(d, "small-me.bin"), w541[s:s + 0x200000])
    xs, xe = region(x210, 2)
    write(os.path.join(d, "x210-me.bin"), x210[xs:xe])
    r = run(["ifd", "--inject", "me=w541-me.bin", "--json", "-O", "out.bin", "t440p.bin"], d)
    check(r.returncode == 0, "same generation: exit %d %s" % (r.returncode, r.stderr))
    doc = validate(r, "inject")
    check(doc["belongs"] is True and doc["padding"] == 0, doc)
    out = read(os.path.join(d, "out.bin"))
    check(out[s:e] == w541[s:e] and out[e:] == t440p[e:] and out[:s] == t440p[:s], "bytes of the injected image")
    r = run(["ifd", "--inject", "ME:small-me.bin", "-O", "padded.bin", "t440p.bin"], d)
    check(r.returncode == 0, "smaller file: %s" % r.stderr)
    padded = read(os.path.join(d, "padded.bin"))
    check(padded[s + 0x200000:e] == b"\xff" * (e - s - 0x200000), "not padded with 0xFF")
    check(b"0xFF" in r.stdout, "the padding is not said")
    before = sorted(os.listdir(d))
    r = run(["ifd", "--inject", "me=t440p.bin", "-O", "big.bin", "x210.bin"], d)
    expect_refusal(r, d, before)
    check(b"0x1000" in r.stderr, "the refusal names no offset: %s" % r.stderr)
    r = run(["ifd", "--inject", "me=x210-me.bin", "--json", "-O", "wrong.bin", "t440p.bin"], d)
    expect_refusal(r, d, before)
    check(validate(r, "inject")["belongs"] is False, "wrong generation accepted")
    r = run(["ifd", "--inject", "me=x210-me.bin", "--force", "-O", "forced.bin", "t440p.bin"], d)
    check(r.returncode == 0 and os.path.exists(os.path.join(d, "forced.bin")), "--force")
    expect_refusal(run(["ifd", "--inject", "nvram=x.bin", "-O", "o.bin", "t440p.bin"], d), d,
                   sorted(os.listdir(d)), status=2)
    # An ME region on its own has no descriptor to say where a region goes.
    before = sorted(os.listdir(d))
    r = run(["ifd", "--inject", "me=small-me.bin", "-O", "none.bin", "w541-me.bin"], d)
    expect_refusal(r, d, before)
    check(b"no readable flash descriptor" in r.stderr, "the refusal does not say why: %s" % r.stderr)


def test_gbe_in_the_analysis(d):
    # The "gbe" key of the analysis, by its definition in the report's schema (docs/report.schema.json).
    report_schema = json.load(open(os.path.join(SCHEMAS, "..", "report.schema.json")))
    gbe_schema = {"$schema": report_schema["$schema"], "$ref": "#/$defs/gbe", "$defs": report_schema["$defs"]}
    for recipe, gbe_file in (("full_me9.0_lenovo-t440p", "gbe_lenovo-t440p.bin"),
                             ("full_me8.1_gigabyte-ga-z77x-ud5h", "gbe_gigabyte-ga-z77x-ud5h.bin")):
        write(os.path.join(d, "in.bin"), IMAGES[recipe])
        r = run(["--json", "-c", "in.bin"], d)
        check(r.returncode == 0, "check: %s" % r.stderr)
        gbe = json.loads(r.stdout)["analysis"]["gbe"]
        jsonschema.validate(gbe, gbe_schema, cls=jsonschema.Draft202012Validator)
        raw = read(os.path.join(CORPUS, "images", gbe_file))
        bank = next(b for b in (0, 1) if raw[b * 0x1000 + 0x27] & 0xC0 == 0x80)  # the valid bank
        mac = ":".join("%02x" % x for x in raw[bank * 0x1000:bank * 0x1000 + 6])
        check(gbe["mac"] == mac and gbe["active_bank"] == bank, "%s: %s / %s" % (recipe, gbe["mac"], mac))
        words = struct.unpack_from("<64H", raw, bank * 0x1000)
        check(gbe["banks"][bank]["checksum_ok"] == (sum(words) & 0xFFFF == 0xBABA), "checksum verdict")
    check(gbe["mac_kind"] == "placeholder", "the Z77 GbE holds Intel's placeholder MAC 88:88:88:88:87:88")


def main():
    if not os.path.isfile(os.path.join(CORPUS, "assemble.py")):
        if os.environ.get("CI"):
            print("FAIL: the corpus is missing at %s" % CORPUS)
            return 1
        print("SKIP: no corpus at %s" % CORPUS)
        return 77
    for recipe in ("full_me9.0_lenovo-t440p", "full_me10.0_lenovo-w541", "full_me7.1_lenovo-t420_stock8mb",
                   "full_me11.8_51nb-x210", "full_me8.1_gigabyte-ga-z77x-ud5h"):
        IMAGES[recipe] = assemble_image(recipe)
    for name, function in list(globals().items()):
        if name.startswith("test_") and callable(function):
            case(function)
    print("%d passed, %d failed" % (results["passed"], results["failed"]))
    return 1 if results["failed"] else 0


def assemble_image(recipe):
    """The full image, built by the corpus's own assembler."""
    out = subprocess.run([sys.executable, os.path.join(CORPUS, "assemble.py"), "--id", recipe, "--stdout"],
                         stdout=subprocess.PIPE, check=True)
    return out.stdout


if __name__ == "__main__":
    sys.exit(main())
