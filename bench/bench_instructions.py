"""Benchmark: instructions a report takes to convert, counted by valgrind (callgrind), this tree against a revision.

Wall-clock times on a shared 2-core VM vary by 10-20 % from one run to the next, more than most single changes
gain; the number of instructions executed does not. Each side converts N reports of the bench corpus in one
process (extract, build, validate, serialise: `convert_one`) after its start-up, and the count of a run with no
reports is taken off, so that imports and loading the lexicons are not counted. Needs `valgrind` on the PATH;
a run of 20 reports takes about a minute a side (valgrind runs the interpreter about 50 times slower).

    python bench/bench_instructions.py [--reports 20] [--against c6fcc9a]
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

# One process: start-up, a first report (it loads what its language needs), then `n` more.
_RUN = """
import sys
sys.path.insert(0, {src!r})
from pathlib import Path
try:
    from unkg.pipeline.batch import Options, convert_one, warm_worker
except ImportError:  # a revision before the tree by stage (issue 16)
    from unkg.batch import Options, convert_one, warm_worker
files = sorted(Path({corpus!r}).glob("*.txt"))
options = Options(lang="ru")
warm_worker(options)
convert_one(str(files[0]), options)
for path in files[1:1 + {n}]:
    convert_one(str(path), options)
"""


def instructions(src: Path, corpus: Path, n: int) -> int:
    """Instructions callgrind counts for a run converting n reports after the first."""
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c",
                           _RUN.format(src=str(src), corpus=str(corpus), n=n)], capture_output=True, text=True)
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if done.returncode or not found:
        raise SystemExit(f"valgrind failed for {src}:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def per_report(src: Path, corpus: Path, n: int) -> float:
    return (instructions(src, corpus, n) - instructions(src, corpus, 0)) / n


def main() -> None:
    from bench_corpus import checkout
    from make_corpus import make_corpus

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--against", metavar="REV", help="also count a git revision's code and compare")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not on the PATH (apt install valgrind)")
    corpus = args.workdir / f"corpus-{args.reports + 1}"
    make_corpus(args.reports + 1, corpus)
    this = per_report(ROOT / "src", corpus, args.reports)
    print(f"this tree: {this / 1e6:.1f} M instructions a report ({args.reports} reports)")
    if args.against:
        theirs = per_report(checkout(args.against, args.workdir), corpus, args.reports)
        print(f"{args.against}: {theirs / 1e6:.1f} M instructions a report; ratio {this / theirs:.3f}")


if __name__ == "__main__":
    main()
