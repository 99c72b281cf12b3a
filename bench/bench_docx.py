"""Benchmark: read Word reports against the same reports as text, in the same run.

Builds the constructed example in its six languages as .docx files with automatic numbering (the tests'
builder), then reads each one --rounds times with unkg's Word reader and with the text reader, and converts
each (read + extract + RDF) both ways.  Prints milliseconds per report and the ratio Word / text.  Not a
test: the figures vary by machine; the ratio is what to compare.

    python bench/bench_docx.py [--rounds 20]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.docx_fixtures import MASTHEAD, docx_from_report_text  # noqa: E402
from unkg.pipeline.convert import convert_file  # noqa: E402
from unkg.read.document import read_document  # noqa: E402


def sources() -> dict[str, Path]:
    out = {"ru": ROOT / "data" / "examples" / "example-report.ru.txt"}
    for lang in ("en", "fr", "es", "zh", "ar"):
        out[lang] = ROOT / "tests" / "data" / "example" / f"example-report.{lang}.txt"
    return out


def per_report_ms(paths: list[Path], work, rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for path in paths:
            work(path)
    return (time.perf_counter() - start) * 1000 / (rounds * len(paths))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        texts = list(sources().items())
        words = [docx_from_report_text(p.read_text(encoding="utf-8"), Path(tmp) / f"{lang}.docx", MASTHEAD[lang])
                 for lang, p in texts]
        plain = [p for _, p in texts]
        for work, name in ((read_document, "read"), (convert_file, "convert")):
            work(words[0]), work(plain[0])  # warm caches (lexicons, python-docx import)
            docx_ms = per_report_ms(words, work, args.rounds)
            text_ms = per_report_ms(plain, work, args.rounds)
            print(f"{name:8s} .docx {docx_ms:7.2f} ms/report   .txt {text_ms:7.2f} ms/report   "
                  f"ratio {docx_ms / text_ms:5.1f}x   ({len(words)} reports x {args.rounds} rounds)")


if __name__ == "__main__":
    main()
