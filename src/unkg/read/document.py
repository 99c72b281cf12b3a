"""Stage `read`: one reader interface for every input format.

A reader turns a file into a `ReadDocument`: normalised text (what `segment`
cuts into blocks) plus what only the format can tell — pages, footnotes the
reader separated from the flow, a symbol found outside the text.  The
extractor never learns which format a report came from.

Formats: plain text (`unkg.reading`), PDF (`readers.pdf`), Word (`readers.docx`).
Akoma Ntoso HTML is text whose markup `akn` reads after this stage.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from unkg.errors import InputError

PAGE_BREAK = "\f"  # separates pages in ReadDocument.text; segment counts them


@dataclass(frozen=True)
class Footnote:
    page: int | None  # 1-based page the note stands on
    mark: str  # "1", "*", "**" as printed
    text: str
    anchor: str = ""  # the words the mark follows in the body text, to tie the note to its paragraph


@dataclass
class ReadDocument:
    path: str
    text: str  # normalised text; PAGE_BREAK between pages where the format has pages
    format: str  # text | pdf | docx
    footnotes: list[Footnote] = field(default_factory=list)
    symbol_hint: str | None = None  # the report's own symbol where the reader found it (masthead, metadata)
    symbol_origin: str | None = None  # where symbol_hint came from, said on stderr ("masthead", "file name")
    pages: int | None = None  # page count, for formats with pages
    job_number: str | None = None  # the job number a reader took out of the page furniture ("23-15249")


# format -> module with `read(path: Path, **options) -> ReadDocument`
_READERS = {"pdf": "unkg.read.pdf", "docx": "unkg.read.docx"}
# Suffixes a folder is searched for.
INPUT_SUFFIXES = (".txt", ".html", ".html.md", ".pdf", ".docx")


def sniff(path: Path, head: bytes) -> str:
    """The format by content first (a .pdf that is not a PDF is an error of its own), suffix second."""
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if suffix == ".pdf":
        raise InputError(str(path), "named .pdf but not a PDF file (no %PDF- header)")
    if suffix == ".docx":
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            return "docx"  # a Compound File: the Word reader tells an encrypted .docx from a legacy .doc
        if not head.startswith(b"PK"):
            raise InputError(str(path), "named .docx but not a Word file (not a zip archive)")
        return "docx"
    return "text"


def read_document(path: str | Path, **options) -> ReadDocument:
    """Read any supported file; bad input raises InputError naming the file and the reason."""
    from unkg.read.text import read_bytes

    p = Path(path)
    fmt = sniff(p, read_bytes(p, limit=8))
    if fmt == "text":  # options (ocr, max_pages) concern paged formats
        from unkg.read.text import read_text
        return ReadDocument(str(path), read_text(p), "text")
    try:
        module = importlib.import_module(_READERS[fmt])
    except ModuleNotFoundError as exc:  # the reader, or the library it needs, is not installed
        raise InputError(str(path), f"{fmt.upper()} input needs {exc.name}, which is not installed") from None
    return module.read(p, **options)
