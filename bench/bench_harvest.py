"""Benchmark: `unkg harvest` of N catalogue records from a stand-in Digital Library on 127.0.0.1.

The records are N reports derived from a real Russian report (bench/make_corpus.py), each linking its file
(Word or PDF, built by the tests' makers) in the stand-in of tests/harvest/standin.py, served a hundred a
page.  The harvest runs twice into a fresh store with an empty cache: the first run lists, downloads,
converts and loads everything; the second finds nothing changed.  Prints records per minute and where the
time goes (listing, download, conversion, load).

The politeness pause between two requests is an option here only so that the benchmark measures unkg, not
the wait: `unkg harvest` keeps its default of one second for the real services, and the line "at the
default pause" says what the requests alone cost the catalogue in time at that pace.

    python bench/bench_harvest.py [--records 100] [--jobs 1] [--pause 0] [--format docx|pdf] [--workdir bench/out]
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench"), str(ROOT)]


def build_records(n: int, work: Path, fmt: str):
    """N catalogue records, each linking the file of one derived report."""
    import re

    from make_corpus import make_corpus
    from tests.docx_fixtures import MASTHEAD, docx_from_report_text
    from tests.harvest.standin import CatRecord

    texts = make_corpus(n, work / f"texts-{n}")
    files = work / f"files-{n}-{fmt}"
    files.mkdir(parents=True, exist_ok=True)
    records = []
    for i, text_path in enumerate(sorted(texts)):
        text = text_path.read_text(encoding="utf-8")
        symbol = re.search(r"^\s*(CTOC/COP/WG\.\d+/\d{4}/L\.\d+)\s*$", text, re.M).group(1)
        target = files / f"{symbol.replace('/', '_')}.ru.{fmt}"
        if not target.exists():
            if fmt == "pdf":
                from tests.pdfmaker import build

                build(text, target, symbol)
            else:
                docx_from_report_text(text, target, MASTHEAD["ru"])
        records.append(CatRecord(5000000 + i, symbol, "Draft report", "2030-06-06",
                                 "Working Group on International Cooperation", "Reports",
                                 ["TRANSNATIONAL CRIME", "INTERNATIONAL COOPERATION"], {"ru": target},
                                 f"2030{(i % 12) + 1:02d}15120000.0"))
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--pause", type=float, default=0.0,
                        help="seconds between requests (the command's default, for real services, is 1)")
    parser.add_argument("--format", choices=["docx", "pdf"], default="docx")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    work = args.workdir / "harvest"
    records = build_records(args.records, work, args.format)
    store, cache = work / "store", work / "cache"
    for old in (store, cache, store.with_name("store.harvest.sqlite"), store.with_name("store.search.sqlite")):
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()

    from tests.harvest.standin import FakeDigitalLibrary
    from tests.harvest.test_fetch import FakeOds
    from unkg.harvest.progress import HarvestProgress
    from unkg.harvest.run import HarvestOptions, harvest

    os.environ.update(UNKG_CACHE_DIR=str(cache), NO_PROXY="127.0.0.1")
    with FakeDigitalLibrary(records, max_rg=100) as dl, FakeOds({}, html=set(), busy={}) as ods:
        options = HarvestOptions(["CTOC/COP/"], ["ru"], store=str(store), jobs=args.jobs, dl_url=dl.url,
                                 ods_url=ods.url, pause=args.pause)
        runs = []
        for _ in range(2):
            started = time.perf_counter()
            result = harvest(options, HarvestProgress(quiet=True))
            runs.append((time.perf_counter() - started, result))
    print(f"{args.records} records ({args.format}, one language each), --jobs {args.jobs}, pause {args.pause} s:")
    for label, (seconds, result) in zip(("first run", "second run"), runs):
        r, s = result.requests, result.seconds
        counts = {k: len(result.of(k)) for k in ("converted", "unchanged", "skipped", "failed")}
        print(f"  {label}: {seconds:.1f} s, {result.listed / seconds * 60:,.0f} records/min; "
              f"{counts['converted']} converted, {counts['unchanged']} unchanged, {counts['skipped']} skipped, "
              f"{counts['failed']} failed; requests: {r['listing']} listing, {r['files']} files, {r['ods']} ODS")
        parts = ("listing", "download", "convert", "load", "write")
        other = seconds - sum(s[k] for k in parts)
        print("    time: " + ", ".join(f"{k} {s[k]:.2f} s ({s[k] / seconds:.0%})" for k in parts)
              + f", other {other:.2f} s")
    first = runs[0][1].requests
    requests = first["listing"] + first["files"] + first["ods"]
    print(f"  at the default pause (1 s between requests) the first run's {requests} requests alone take at least "
          f"{requests - 1} s: {requests / args.records:.2f} requests per record")


if __name__ == "__main__":
    main()
