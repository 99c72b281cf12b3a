"""Benchmark: pages per second of unkg's PDF reader against pdftotext (poppler-utils), in the same run.

Reads every PDF of ../shared/corpus/pdf (or the files given) with `unkg.read.pdf.read` in this process
(one core; a PDF refused as undecodable still counts its pages, which were read before the refusal) and with
`pdftotext FILE -` as a subprocess (its start-up included, as a user runs it), and what PDFium alone costs
(loading the pages and their text, no layout work) as the floor of any pypdfium2 reader.  Each round runs the three in turn;
the best round of each counts, as the machine is shared.  Prints pages/s of both and the ratio.  Not a test.

    python bench/bench_pdf.py [--rounds 3] [PDF...]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "pdf"


def unkg_seconds(paths: list[Path]) -> float:
    from unkg.errors import InputError
    from unkg.read.pdf import read

    t0 = time.perf_counter()
    for path in paths:
        try:
            read(path)
        except InputError:
            pass  # undecodable text layer: read, measured, refused
    return time.perf_counter() - t0


def pdfium_floor_seconds(paths: list[Path]) -> float:
    """What PDFium itself costs: open, load every page and its text page, get the text; no layout work."""
    import pypdfium2 as pdfium
    from unkg.read.pdf_layout import read_text_pages

    t0 = time.perf_counter()
    for path in paths:
        doc = pdfium.PdfDocument(str(path))
        for tp in read_text_pages(doc):
            tp.close()
        doc.close()
    return time.perf_counter() - t0


def pdftotext_seconds(paths: list[Path]) -> float:
    t0 = time.perf_counter()
    for path in paths:
        subprocess.run(["pdftotext", str(path), "-"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    paths = args.pdfs or sorted(CORPUS.glob("*.pdf"))
    if not paths:
        sys.exit(f"no PDFs: {CORPUS} is absent; pass PDF files")
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext is not installed (apt-get install poppler-utils)")
    pages = sum(page_count(p) for p in paths)
    unkg_seconds(paths[:1])  # import and warm once
    rounds = [(unkg_seconds(paths), pdfium_floor_seconds(paths), pdftotext_seconds(paths))
              for _ in range(args.rounds)]  # interleaved, so that load from other processes hits all three alike
    ours, floor, theirs = (min(r[i] for r in rounds) for i in range(3))
    print(f"{len(paths)} PDFs, {pages} pages, best of {args.rounds} rounds")
    print(f"{'reader':<22}{'seconds':>9}{'pages/s':>10}")
    print(f"{'unkg (pypdfium2)':<22}{ours:>9.3f}{pages / ours:>10.0f}")
    print(f"{'PDFium alone':<22}{floor:>9.3f}{pages / floor:>10.0f}")
    print(f"{'pdftotext':<22}{theirs:>9.3f}{pages / theirs:>10.0f}")
    print(f"ratio unkg / pdftotext time: {ours / theirs:.2f} (PDFium alone / pdftotext: {floor / theirs:.2f})")


if __name__ == "__main__":
    main()
