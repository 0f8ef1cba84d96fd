#!/usr/bin/env python3
"""Mutation testing of the engine (core/): finds places in core/**/*.cpp where a small mistake
could be made, applies one mistake at a time to a copy of the source, rebuilds incrementally and
runs the tests; a mutant some test fails on is killed, one every test passes survived.

Mistakes (operators): a relational or equality operator flipped or loosened (== !=, < <=, > >=),
an integer constant moved by one, a statement dropped (a call or an assignment), a return value
replaced by the type's default ({}), a logical && turned into ||. The sites are chosen at random
with a fixed seed, spread evenly over the folders of core/.

Each mutant first runs the quick tier (the GoogleTest programs, stopping at the first failure);
only if that passes, the whole ctest suite. A mutant that does not compile counts as neither.
The mutants are made in a copy of the checkout's tracked files (BUILD/src, refreshed at each
start), never in the checkout itself, so other builds of the checkout never see one; BUILD/build
is the build folder. Results go to BUILD/mutants.tsv (one line each, written as they finish) and a
summary at the end."""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# (name, pattern, replacement): applied to one match on one line.
OPERATORS = [
    ("eq_to_ne", re.compile(r"(?<=[\s)\w])==(?=[\s(\w])"), "!="),
    ("ne_to_eq", re.compile(r"(?<=[\s)\w])!=(?=[\s(\w])"), "=="),
    ("lt_to_le", re.compile(r"(?<=\s)<(?=\s)"), "<="),
    ("le_to_lt", re.compile(r"(?<=\s)<=(?=\s)"), "<"),
    ("gt_to_ge", re.compile(r"(?<=\s)>(?=\s)"), ">="),
    ("ge_to_gt", re.compile(r"(?<=\s)>=(?=\s)"), ">"),
    ("and_to_or", re.compile(r"(?<=\s)&&(?=\s)"), "||"),
    ("const_plus_one", re.compile(r"(?<![\w.'\"])(0x[0-9A-Fa-f]+|[1-9][0-9]*)(?=[uUlL]*\b)(?![.\w'\"])"), None),
    ("const_minus_one", re.compile(r"(?<![\w.'\"])(0x[0-9A-Fa-f]+|[1-9][0-9]*)(?=[uUlL]*\b)(?![.\w'\"])"), None),
    ("drop_return_value", re.compile(r"^(\s*)return\s+(?!\{\};|;)(.+);\s*$"), None),
    ("drop_statement", re.compile(r"^(\s*)((?:[\w:.\->\[\]]+\s*(?:\+=|-=|\|=|&=|=)\s*[^=].*|[\w:.\->]+\(.*\)|\+\+\w+|\w+\+\+);)\s*$"), None),
]

DEFAULT_VALUE = re.compile(r"^\s*(std::nullopt|0|0u|nullptr|\{\}|std::string\(\)|\"\")\s*$")
SKIP_LINE = re.compile(r"^\s*(#|//|\*|/\*)|static_assert|constexpr\s+char|\"")


def candidate_sites(path):
    sites = []
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    depth = 0
    for number, line in enumerate(lines):
        code = line.split("//", 1)[0]
        if depth > 0 and not SKIP_LINE.search(line):
            for name, pattern, _ in OPERATORS:
                if name in ("drop_return_value", "drop_statement"):
                    m = pattern.match(code)
                    # A return of the default value already ({} of its type) would be no mistake.
                    if name == "drop_return_value" and m and DEFAULT_VALUE.match(m.group(2)):
                        continue
                    if m and not code.rstrip().endswith(("{", ",")) and "case " not in code:
                        sites.append((path, number, name, m.start(2), m.end(2)))
                    continue
                if "template" in code or "#include" in code or "<<" in code or ">>" in code:
                    continue  # shifts and template brackets confuse the simple patterns
                for m in pattern.finditer(code):
                    sites.append((path, number, name, m.start(), m.end()))
        depth += code.count("{") - code.count("}")
    return sites


def mutate_line(line, name, start, end):
    text = line[start:end]
    if name in ("const_plus_one", "const_minus_one"):
        value = int(text, 0) + (1 if name == "const_plus_one" else -1)
        new = hex(value) if text.lower().startswith("0x") else str(value)
    elif name == "drop_return_value":
        new = "true" if text.strip() == "false" else "{}"
    elif name == "drop_statement":
        new = "/* dropped */;"
    else:
        new = next(r for n, _, r in OPERATORS if n == name)
    return line[:start] + new + line[end:]


def copy_if_changed(src, dst):
    """Copies a file unless the copy already has its bytes (keeps its time: no needless rebuild)."""
    with open(src, "rb") as f:
        data = f.read()
    if os.path.exists(dst):
        with open(dst, "rb") as f:
            if f.read() == data:
                return
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copy2(src, dst)


def run(cmd, cwd, timeout):
    try:
        return subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        return "timeout"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(CHECKOUT, "build-mutate"))
    ap.add_argument("--count", type=int, default=220, help="mutants in all")
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--only", help="run only the mutant with this id (see mutants.tsv)")
    ap.add_argument("--list", action="store_true", help="print the chosen mutants and stop")
    args = ap.parse_args()

    # The copy: every tracked file, so the copy builds as the checkout does. The corpus is found
    # beside the checkout (../shared/corpus), so the copy gets a link to it at the same distance.
    source = os.path.join(args.build, "src")
    os.makedirs(source, exist_ok=True)
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=CHECKOUT, check=True, capture_output=True).stdout
    for name in tracked.decode().split("\0"):
        if name:
            copy_if_changed(os.path.join(CHECKOUT, name), os.path.join(source, name))
    shared = os.path.join(os.path.dirname(CHECKOUT), "shared")
    link = os.path.join(args.build, "shared")
    if os.path.isdir(shared) and not os.path.exists(link):
        os.symlink(shared, link)
    root = source

    by_folder = defaultdict(list)
    for dirpath, _, files in os.walk(os.path.join(root, "core")):
        for name in sorted(files):
            if name.endswith(".cpp"):
                folder = os.path.relpath(dirpath, root).split(os.sep)[:2]
                by_folder["/".join(folder)] += candidate_sites(os.path.join(dirpath, name))
    rng = random.Random(args.seed)
    folders = sorted(by_folder)
    chosen = []
    per_folder = max(1, args.count // len(folders))
    for folder in folders:
        sites = sorted(by_folder[folder])
        chosen += rng.sample(sites, min(per_folder, len(sites)))
    rest = sorted(set(s for f in folders for s in by_folder[f]) - set(chosen))
    chosen += rng.sample(rest, max(0, args.count - len(chosen)))
    mutants = [(f"m{i:03d}", *site) for i, site in enumerate(chosen)]
    if args.list or args.only:
        mutants = [m for m in mutants if not args.only or m[0] == args.only]
    if args.list:
        for mid, path, number, name, start, end in mutants:
            with open(path, encoding="utf-8") as f:
                line = f.readlines()[number]
            print(f"{mid}\t{os.path.relpath(path, root)}:{number + 1}\t{name}\t{mutate_line(line, name, start, end).strip()}")
        return 0

    build_dir = os.path.join(args.build, "build")
    subprocess.run(["cmake", "-S", root, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"],
                   check=True, stdout=subprocess.DEVNULL)
    build = ["cmake", "--build", build_dir, "-j", args.jobs]
    if run(build, root, 3600) != 0:
        sys.exit("mutate: the unmutated tree does not build")
    quick = [os.path.join(build_dir, "tests", p) for p in ("meclean_unit_tests", "meclean_cse_tests")]
    whole = ["ctest", "--test-dir", build_dir, "-j", args.jobs, "--stop-on-failure"]
    results_path = os.path.join(args.build, "mutants.tsv")
    # A rerun goes on where the last one stopped (same seed and count: the same mutants), and takes
    # the folders in turn, so that a run cut short still samples every folder.
    done = set()
    if os.path.exists(results_path):
        with open(results_path, encoding="utf-8") as f:
            done = {line.split("\t", 1)[0] for line in f if line.strip()}
    queues = defaultdict(list)
    for m in mutants:
        if m[0] not in done:
            queues[os.path.relpath(m[1], root).split(os.sep)[1]].append(m)
    mutants = []
    while any(queues.values()):
        for folder in sorted(queues):
            if queues[folder]:
                mutants.append(queues[folder].pop(0))
    counts = defaultdict(int)
    with open(results_path, "a", encoding="utf-8") as results:
        for mid, path, number, name, start, end in mutants:
            with open(path, encoding="utf-8") as f:
                original = f.read()
            lines = original.splitlines(keepends=True)
            mutated_line = mutate_line(lines[number], name, start, end)
            lines[number] = mutated_line
            began = time.time()
            try:
                with open(path, "w", encoding="utf-8") as f:
                    f.write("".join(lines))
                # The quick tier relinks only its two programs; the rest only for a survivor.
                if run(build + ["--target"] + [os.path.basename(p) for p in quick], root, 1800) != 0:
                    verdict = "does_not_compile"
                else:
                    verdict = "survived"
                    for program in quick:
                        if run([program, "--gtest_fail_fast", "--gtest_brief=1"], build_dir, 900) != 0:
                            verdict = "killed_quick"
                            break
                    if verdict == "survived":
                        if run(build, root, 1800) != 0:
                            verdict = "does_not_compile"
                        elif run(whole, build_dir, 1800) != 0:
                            verdict = "killed"
            finally:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(original)
                os.utime(path)
            counts[verdict] += 1
            rel = os.path.relpath(path, root)
            results.write(f"{mid}\t{rel}:{number + 1}\t{name}\t{verdict}\t{time.time() - began:.0f}s\t{mutated_line.strip()}\n")
            results.flush()
            print(f"{mid} {rel}:{number + 1} {name}: {verdict}", flush=True)
    # Put the objects back as the source is.
    run(build, root, 3600)
    killed = counts["killed"] + counts["killed_quick"]
    alive = counts["survived"]
    total = killed + alive
    print(f"mutants: {total} compiled ({counts['does_not_compile']} did not), {killed} killed, {alive} survived;"
          f" score {100.0 * killed / total if total else 0:.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
