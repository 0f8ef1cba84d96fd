#!/usr/bin/env python3
"""Sums llvm-cov's per-file summary (llvm-cov export -summary-only) by folder of core/ and prints
lines and branches covered per folder and in total. With --floor FILE, fails when a figure is
more than one point below the one recorded there ("folder lines% branches%" per line), so
coverage can only fall by accident, not silently."""
import argparse
import json
import os
import sys
from collections import defaultdict


def folder_of(path, root):
    rel = os.path.relpath(path, root)
    parts = rel.split(os.sep)
    if parts[0] != "core":
        return None
    return "/".join(parts[:2]) if len(parts) > 2 else "core"


def percent(covered, count):
    return 100.0 * covered / count if count else 100.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("summary")
    ap.add_argument("root")
    ap.add_argument("--floor")
    args = ap.parse_args()
    with open(args.summary) as f:
        data = json.load(f)
    sums = defaultdict(lambda: [0, 0, 0, 0])  # lines covered, lines, branches covered, branches
    for file in data["data"][0]["files"]:
        folder = folder_of(file["filename"], args.root)
        if folder is None:
            continue
        s = file["summary"]
        for key in (folder, "total"):
            sums[key][0] += s["lines"]["covered"]
            sums[key][1] += s["lines"]["count"]
            sums[key][2] += s["branches"]["covered"]
            sums[key][3] += s["branches"]["count"]
    if not sums:
        sys.exit("per_folder: no file of core/ in the summary")
    figures = {}
    print(f"{'folder':<16}{'lines':>22}{'branches':>24}")
    for folder in sorted(k for k in sums if k != "total") + ["total"]:
        lc, lt, bc, bt = sums[folder]
        figures[folder] = (percent(lc, lt), percent(bc, bt))
        print(f"{folder:<16}{lc:>8}/{lt:<6}{figures[folder][0]:6.1f} %{bc:>10}/{bt:<6}{figures[folder][1]:6.1f} %")
    if args.floor:
        failed = []
        with open(args.floor) as f:
            for line in f:
                line = line.split("#", 1)[0].split()
                if not line:
                    continue
                folder, lines_floor, branches_floor = line[0], float(line[1]), float(line[2])
                lines, branches = figures.get(folder, (0.0, 0.0))
                if lines < lines_floor - 1.0:
                    failed.append(f"{folder}: lines {lines:.1f} % < {lines_floor:.1f} % - 1")
                if branches < branches_floor - 1.0:
                    failed.append(f"{folder}: branches {branches:.1f} % < {branches_floor:.1f} % - 1")
        if failed:
            print("coverage fell below the floor (tests/coverage/floor.txt):", *failed, sep="\n  ", file=sys.stderr)
            sys.exit(1)
        print("coverage: every folder at or above its floor less one point")


if __name__ == "__main__":
    main()
