#!/usr/bin/env python3
"""End-to-end tests of `meclean status` (and of the image report's "fit"/"advice" keys).

usage: status_cli_test.py MECLEAN FIXTURES_DIR SCHEMA_DIR MAKE_SAMPLE [CORPUS_FIT_DIR]

Every --json output is validated against docs/schema/status.schema.json, and the image report's
the whole image report (with "fit" and "advice") against docs/report.schema.json, with Debian's python3-jsonschema
(scripts/setup installs it). CORPUS_FIT_DIR holds the corpus's decompressed BIOS region
(tests/corpus/prepare_fit.sh); without it that case skips, or fails when CI is set. Expected verdicts come from what each published
capture's source reports (tests/status/fixtures name them), never from meclean's own output.
Prints "N passed, M failed" last and exits non-zero on any failure.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

import jsonschema

MECLEAN, FIXTURES, SCHEMAS, MAKE_SAMPLE = (os.path.abspath(a) for a in sys.argv[1:5])
CORPUS_FIT = os.path.abspath(sys.argv[5]) if len(sys.argv) > 5 else None
SCHEMA = json.load(open(os.path.join(SCHEMAS, "status.schema.json")))
REPORT_SCHEMA = json.load(open(os.path.join(SCHEMAS, "..", "report.schema.json")))
results = {"passed": 0, "failed": 0}


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(args, stdin=None):
    return subprocess.run([MECLEAN, "status"] + args, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=60)


def fixture(name):
    return os.path.join(FIXTURES, name)


def report(args, stdin=None):
    """Runs with --json; the report must exit 0 and match the schema."""
    r = run(["--json"] + args, stdin)
    check(r.returncode == 0, "exit %d: %s" % (r.returncode, r.stderr.decode()))
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    return data


def refused(args, status, words, stdin=None):
    r = run(args, stdin)
    check(r.returncode == status, "exit %d, expected %d: %s" % (r.returncode, status, r.stderr.decode()))
    check(r.stdout == b"", "output on stdout: %r" % r.stdout[:200])
    for w in words:
        check(w.encode() in r.stderr, "stderr lacks %r: %s" % (w, r.stderr.decode()))


def case(function):
    directory = tempfile.mkdtemp(prefix="meclean-status-")
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


# ---------------------------------------------------------------- cases

def test_every_fixture_validates(_):
    for name in sorted(os.listdir(FIXTURES)):
        data = report([fixture(name)])
        check(data["verdict"] != "refused", name)


def test_published_outcomes(_):
    # issue #235: cleaned X230; intelmetool #30: X220 "Debug"; issue #210: 30-minute shutdown; issue #331: T480 HAP.
    expected = {"intelmetool_cleaned_me8_x230.txt": "neutralised_by_cleaning",
                "intelmetool_altmedisable_me7_x220.txt": "hap_in_effect",
                "intelmetool_shutdown_me8_hm76.txt": "shutdown_pending",
                "intelmetool_no_device_t480.txt": "no_device"}
    for name, verdict in expected.items():
        data = report([fixture(name)])
        check(data["verdict"] == verdict, "%s: %s" % (name, data["verdict"]))
    x220 = report([fixture("intelmetool_altmedisable_me7_x220.txt")])
    check(any(l["id"] == "trap_mode_2" for l in x220["lines"]), "no labelling trap line")
    fields = {f["key"]: f for r in x220["registers"] for f in r["fields"]}
    check(fields["operation_mode"]["value"] == 2 and "intelmetool" in fields["operation_mode"]["source"],
          "operation mode field: %r" % fields["operation_mode"])


def test_generation_asked_and_answered(_):
    asked = report([fixture("coreboot_hap_csme18_v560.txt")])
    check(asked["layout"]["generation_needed"] and asked["layout"]["id"] is None, "layout: %r" % asked["layout"])
    answered = report(["--generation", "csme18+", fixture("coreboot_hap_csme18_v560.txt")])
    check(answered["layout"] == {"id": "csme18+", "name": "CSME 18 and later", "basis": "user",
                                 "why": "chosen: CSME 18 and later", "generation_needed": False}, answered["layout"])
    keys = {f["key"] for r in answered["registers"] for f in r["fields"]}
    check("spi_protection_mode" in keys and "manufacturing_mode" not in keys, sorted(keys))


def test_standard_input(_):
    data = report(["-"], stdin=b"1E000255\n60002306\n")
    check(data["input"]["formats"] == ["fw_status_words"], data["input"])
    check(data["layout"]["basis"] == "word_count", data["layout"])


def test_text_output(_):
    r = run([fixture("intelmetool_cleaned_me8_x230.txt")])
    check(r.returncode == 0, r.stderr.decode())
    out = r.stdout.decode()
    for words in ("The ME is neutralised", "Status registers (ME 6–10", "M0 kernel load", "source: coreboot"):
        check(words in out, "missing %r" % words)


def test_refusals_name_what_and_where(d):
    garbage = os.path.join(d, "garbage.txt")
    open(garbage, "w").write("\nhello world\n")
    refused([garbage], 1, ["line 2, column 1", "“hello”"])
    refused(["-"], 1, ["line 2, column 1 (word 2)", "6 hex digits"], stdin=b"1E000255\n600023\n")
    refused(["-"], 1, ["the paste is empty"], stdin=b"")
    cut = open(fixture("lspci_stock_me9_8cba.txt")).read().split("40:")[0]
    refused(["-"], 1, ["stops at row 0x30", "-xxx"], stdin=cut.encode())
    refused([os.path.join(d, "missing.txt")], 1, ["cannot open"])
    big = os.path.join(d, "big.txt")
    open(big, "w").write("0" * (1 << 20) + "1")
    refused([big], 1, ["more than 1 MiB"])


def test_bad_arguments_exit_2(d):
    refused(["--frobnicate"], 2, ["unknown option --frobnicate"])
    refused(["--generation", "me12"], 2, ["unknown generation"])
    refused(["--generation"], 2, ["--generation needs"])
    refused(["a", "b"], 2, ["at most one FILE"])
    refused(["--no-device", "a"], 2, ["--no-device takes no FILE"])


def test_sysfs_directory(d):
    os.makedirs(os.path.join(d, "device"))
    open(os.path.join(d, "fw_status"), "w").write("94000245\n09F10506\n00000020\n00004000\n00041F03\nC7E003CB\n")
    open(os.path.join(d, "fw_ver"), "w").write("0:11.8.50.3425\n0:11.8.50.3425\n0:11.0.0.1180\n")
    open(os.path.join(d, "device", "device"), "w").write("0xa13a\n")
    data = report(["--sysfs", d])
    check(data["input"]["firmware_version"] == "11.8.50.3425", data["input"])
    check(data["input"]["device_id"] == "0xa13a", data["input"])
    check(data["layout"]["id"] == "csme11-17" and data["layout"]["basis"] == "firmware_version", data["layout"])
    check(data["verdict"] == "running_normally", data["verdict"])


def test_sysfs_without_device(d):
    r = run(["--json", "--sysfs", os.path.join(d, "mei0")])
    check(r.returncode == 0, r.stderr.decode())
    check(b"does not exist" in r.stderr, r.stderr.decode())
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    check(data["verdict"] == "no_device", data["verdict"])
    check(report(["--no-device"])["verdict"] == "no_device", "--no-device")


def image_analysis(path):
    """The image report's analysis; the report, its "fit" and "advice" included, must match the schema."""
    r = subprocess.run([MECLEAN, "--json", "-c", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    report = json.loads(r.stdout)
    jsonschema.validate(report, REPORT_SCHEMA)
    return report["analysis"]


def test_generation_from_an_image_and_image_report(d):
    sample = os.path.join(d, "sample.bin")
    subprocess.run([MAKE_SAMPLE, sample], check=True, timeout=120)
    data = report(["--image", sample, fixture("fw_status_stock_me9_h81.txt")])
    check(data["layout"]["basis"] == "image" and data["layout"]["id"] == "me6-10", data["layout"])
    analysis = image_analysis(sample)
    check(analysis["fit"]["found"] is False and analysis["fit"]["provisioning"] == "none", analysis["fit"])
    check(analysis["advice"] == [], analysis["advice"])


def test_image_report_with_boot_guard_manifests(d):
    for generation in ("bg1", "cbnt"):
        image = os.path.join(d, "fit-%s.bin" % generation)
        subprocess.run([MAKE_SAMPLE, image, "--fit-" + generation], check=True, timeout=120)
        fit = image_analysis(image)["fit"]
        check(fit["found"] and fit["provisioning"] == "both", fit["headline"])
        check(fit["headline"]["state"] == "warn", fit["headline"])
        policies = [e["boot_policy"] for e in fit["entries"] if e["boot_policy"]]
        check(len(policies) == 1 and policies[0]["generation"] == generation, policies)
        check(len(policies[0]["ibb"]) == 2, policies[0]["ibb"])


def test_corpus_bios_region_report(_):
    path = os.path.join(CORPUS_FIT or "", "GALAGOPRO3.fd")
    if not CORPUS_FIT or not os.path.exists(path):
        check(not os.environ.get("CI"), "the corpus BIOS region is missing at %s" % path)
        print("SKIP test_corpus_bios_region_report: no corpus")
        return
    fit = image_analysis(path)["fit"]
    # The corpus README: the FIT at 0x5dce40 lists 4 microcode updates and no Boot Guard manifests.
    check(fit["found"] and fit["table_offset"] == 0x5DCE40 and fit["provisioning"] == "none", fit["headline"])
    check([e["type"] for e in fit["entries"]] == ["header"] + ["microcode"] * 4, [e["type"] for e in fit["entries"]])


def main():
    for test in [test_every_fixture_validates, test_published_outcomes, test_generation_asked_and_answered,
                 test_standard_input, test_text_output, test_refusals_name_what_and_where, test_bad_arguments_exit_2,
                 test_sysfs_directory, test_sysfs_without_device, test_generation_from_an_image_and_image_report,
                 test_image_report_with_boot_guard_manifests, test_corpus_bios_region_report]:
        case(test)
    print("%d passed, %d failed" % (results["passed"], results["failed"]))
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
