#!/usr/bin/env python3
"""The report is a contract: every report the CLI prints with --json validates against
docs/report.schema.json (Debian's python3-jsonschema; draft 2020-12).

usage: validate_reports.py MECLEAN MAKE_SAMPLE SCHEMA_DIR INPUT_DIR [?INPUT_DIR ...]

Runs `MECLEAN <options> --json` on every *.bin of the input folders (the malformed-input
catalogue, the assembled corpus) and on the sample image (written by MAKE_SAMPLE) with each option
set below, and validates the output. A folder that is missing or empty fails the test; one marked
with a leading "?" (the corpus) only skips it (exit 77), unless CI is set.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

OPTION_SETS = [
    ["-c"],
    ["-S"],
    ["-s"],
    [],
    ["-S", "-r", "-t", "-d", "-D", "{tmp}/d.bin", "-M", "{tmp}/m.bin"],
    ["-s", "--platform", "auto"],
    ["-w", "EFFS"],
]


def main():
    meclean, make_sample, schema_dir, inputs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    with open(os.path.join(schema_dir, "report.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = []
    for folder in inputs:
        optional = folder.startswith("?")
        folder = folder.lstrip("?")
        found = sorted(glob.glob(os.path.join(folder, "*.bin")))
        if not found:
            print(f"{'SKIP' if optional and not os.environ.get('CI') else 'FAIL'}: no images in {folder}")
            return 77 if optional and not os.environ.get("CI") else 1
        files += found
    failures = checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        files.append(os.path.join(tmp, "sample.bin"))
        subprocess.run([make_sample, files[-1]], check=True)
        for path in files:
            for options in OPTION_SETS:
                args = [o.format(tmp=tmp) for o in options]
                if "-c" not in args:
                    args += ["-O", os.path.join(tmp, "out.bin")]
                r = subprocess.run([meclean, *args, "--json", path], capture_output=True)
                if not r.stdout.strip():
                    print(f"FAIL {os.path.basename(path)} {' '.join(options)}: no report (exit {r.returncode})")
                    failures += 1
                    continue
                report = json.loads(r.stdout)
                errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
                checked += 1
                if (report["refusal"] is None) != (r.returncode == 0):
                    print(f"FAIL {os.path.basename(path)} {' '.join(options)}: exit {r.returncode} but refusal "
                          f"{report['refusal'] and report['refusal']['code']}")
                    failures += 1
                for e in errors[:3]:
                    print(f"FAIL {os.path.basename(path)} {' '.join(options)}: {'/'.join(map(str, e.absolute_path))}: "
                          f"{e.message[:200]}")
                failures += bool(errors)
            # The descriptor on its own, for every file that holds one where meclean ifd looks.
            r = subprocess.run([meclean, "ifd", "--json", path], capture_output=True)
            if r.returncode == 0:
                errors = list(validator.iter_errors(json.loads(r.stdout)))
                checked += 1
                for e in errors[:3]:
                    print(f"FAIL ifd --json {os.path.basename(path)}: {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
                failures += bool(errors)
    print(f"{checked} reports checked against the schema, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
