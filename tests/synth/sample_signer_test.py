#!/usr/bin/env python3
"""The page's sample module builds the sample without the test keys' private exponents.

The sample module links the recorded signer (meclean_synth_sample), the tests the private one
(meclean_synth); tests/synth/CMakeLists.txt passes the built tools and libraries. Checks:

1. the committed recorded signatures (tests/synth/sample_signatures.cpp) are exactly what the
   tests' signer makes for the sample today, so they cannot drift from the builder;
2. the sample built with the recorded signer equals the one built with the private signer, byte
   for byte, and the engine (the meclean CLI) finds its FTPR signature valid;
3. the recorded signer refuses to sign any other manifest;
4. no private exponent is in the sample's library or its native build, while each does have the
   sample's public modulus (so the search sees numbers there) and the tests' library does have
   the private exponents (so the search would find them).
"""

import argparse
import os
import subprocess
import sys
import tempfile

failures = []


def check(ok, what, detail=""):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)
        if detail:
            print(detail.rstrip())


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def keys_found(find_tool, path):
    """{key: (private found, modulus found)} for one file."""
    result = run(find_tool, path)
    if result.returncode != 0:
        sys.exit(f"{find_tool} failed on {path}: {result.stderr}")
    found = {}
    for line in result.stdout.splitlines():
        _, key, private, modulus = line.rsplit(" ", 3)
        found[key] = (private == "private=yes", modulus == "modulus=yes")
    if len(found) != 3:
        sys.exit(f"{find_tool} reported {len(found)} keys, expected 3: {result.stdout}")
    return found


def main():
    parser = argparse.ArgumentParser()
    for name in ("record", "find", "recorded-sample", "cli", "sample-library", "tests-library", "committed"):
        parser.add_argument("--" + name, required=True)
    a = parser.parse_args()

    result = run(a.record, "--check", a.committed)
    check(result.returncode == 0, "the committed recorded signatures are the tests' signer's", result.stderr)

    with tempfile.TemporaryDirectory(prefix="meclean-sample-signer-") as work:
        signed = os.path.join(work, "signed.bin")
        recorded = os.path.join(work, "recorded.bin")
        builds = [run(a.record, "--image", signed), run(a.recorded_sample, "--image", recorded)]
        made = all(b.returncode == 0 for b in builds)
        check(made, "both builds write the sample", "".join(b.stderr for b in builds))
        if made:
            with open(signed, "rb") as f1, open(recorded, "rb") as f2:
                check(f1.read() == f2.read(), "the recorded signer's sample equals the private signer's, byte for byte")
            out = run(a.cli, "-c", recorded)
            check(out.returncode == 0 and "Checking the FTPR RSA signature... VALID" in out.stdout,
                  "the engine finds the recorded sample's signature valid", out.stdout + out.stderr)

    refused = run(a.recorded_sample, "--refuses-other")
    check(refused.returncode == 0 and "cannot sign" in refused.stdout,
          "the recorded signer refuses any other manifest", refused.stdout + refused.stderr)

    for path in (a.sample_library, a.recorded_sample):
        for key, (private, modulus) in keys_found(a.find, path).items():
            check(not private, f"{os.path.basename(path)} holds no private exponent of {key}")
        check(keys_found(a.find, path)["Rsa2048E17"][1], f"{os.path.basename(path)} holds the sample's modulus (control)")
    for key, (private, _) in keys_found(a.find, a.tests_library).items():
        check(private, f"{os.path.basename(a.tests_library)} holds the private exponent of {key} (control)")

    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
