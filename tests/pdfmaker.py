"""Build UN-style PDFs from the constructed example reports (test material, not UN documents).

The PDF has what real UN PDFs have: a masthead, a running header with the symbol on every page after the
first, a footer with the page ("2/5") and the job number, the job number and a barcode on the first page,
paragraph numbers and list letters in the left margin written as separate text objects after their line
(so the text layer does not give them in reading order), footnotes in small print under a drawn rule with a
superscript mark in the text, paragraphs running across page breaks, and optionally a word drawn in two
pieces with a kerning gap (as Word's justified text leaves them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_LABEL = re.compile(r"^(\d{1,3}\.|\([a-z]\)|[a-zа-я]\))\s+(.*)$")
_HEADING = re.compile(r"^([IVX]{1,5}\.|[A-H]\.)\s+(.*)$")
_FURNITURE = re.compile(r"^(\d+/\d+\s+\S+|[A-Z]\.\d{2}-\d{5}.*|[A-Z]{2,}(/[\w.]+)+)$")


def fonts_available() -> bool:
    return (FONT_DIR / "DejaVuSerif.ttf").is_file()


@dataclass
class Note:
    after: str  # the words the mark follows (first occurrence)
    text: str


def logical_blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) blocks of a report text: its furniture lines dropped, wrapped lines joined."""
    blocks: list[list[str]] = []
    kinds: list[str] = []
    blank = True
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            blank = True
            continue
        if _FURNITURE.match(line):
            continue
        starts = bool(_LABEL.match(line) or _HEADING.match(line)) or blank or raw[:1].isspace()
        if starts or not blocks:
            kinds.append("heading" if _HEADING.match(line) else "label" if _LABEL.match(line)
                         else "subtitle" if raw[:1].isspace() else "text")
            blocks.append([line])
        else:
            prev = blocks[-1][-1]
            blocks[-1][-1] = prev[:-1] + line if prev.endswith("-") and prev[-2:-1].isalpha() else prev + " " + line
        blank = False
    return [(k, b[0]) for k, b in zip(kinds, blocks)]


class UNPdf(FPDF):
    def __init__(self, symbol: str, job: str):
        super().__init__(unit="pt", format="A4")
        self.symbol, self.job = symbol, job
        self.set_auto_page_break(False)
        self.set_margins(72, 72, 72)
        self.add_font("Serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
        self.add_font("Serif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))


def build(text: str, out: Path, symbol: str, job: str = "X.30-00002", notes: tuple[Note, ...] = (),
          split_word: str | None = None, lines_per_page: int = 30) -> Path:
    """Lay the report out as a PDF at `out`; `split_word` is drawn as two pieces with a small gap."""
    pdf = UNPdf(symbol, job)
    left, width, top, size, leading = 72.0, 451.0, 110.0, 10.0, 13.0
    indent = 36.0
    pages: list[list[tuple]] = [[]]  # per page: drawing operations

    def line_width(s: str) -> float:
        pdf.set_font("Serif", "", size)
        return pdf.get_string_width(s)

    pending_notes = list(notes)
    page_notes: list[list[tuple[str, Note]]] = [[]]
    mark_no = 0
    for kind, block in logical_blocks(text):
        label, body, x = None, block, left
        if kind == "label":
            m = _LABEL.match(block)
            label, body = m.group(1), m.group(2)
            x = left + indent if label[0].isdigit() else left + 2 * indent
        elif kind == "subtitle":
            x = left + 2 * indent + 20
        words = body.split()
        lines: list[list[str]] = [[]]
        for w in words:
            trial = " ".join(lines[-1] + [w])
            if lines[-1] and line_width(trial) > width - (x - left):
                lines.append([w])
            else:
                lines[-1].append(w)
        if page_notes[-1] and len(pages[-1]) + len(lines) > lines_per_page:
            pages.append([])  # a page with a footnote ends between paragraphs (pdftotext puts notes in the flow)
            page_notes.append([])
        for i, ws in enumerate(lines):
            if len(pages[-1]) >= lines_per_page:
                pages.append([])
                page_notes.append([])
            s = " ".join(ws)
            mark = None
            for note in list(pending_notes):
                if note.after in s:
                    mark_no += 1
                    mark = (str(mark_no), s.index(note.after) + len(note.after))
                    page_notes[-1].append((str(mark_no), note))
                    pending_notes.remove(note)
                    break
            pages[-1].append((kind, s, x, label if i == 0 else None, mark))
    total = len(pages)
    for number, ops in enumerate(pages, 1):
        pdf.add_page()
        if number == 1:
            pdf.set_font("Serif", "B", 16)
            pdf.text(left, 60, "United Nations")
            pdf.set_font("Serif", "B", 14)
            pdf.text(left + width - pdf.get_string_width(symbol), 60, symbol)
            pdf.set_font("Serif", "", 8)
            pdf.text(left, 800, f"{job} (E)")
            pdf.set_font("Serif", "", 12)
            pdf.text(left, 815, "*" + re.sub(r"\D", "", job) + "*")
        else:
            pdf.set_font("Serif", "", 8)
            pdf.text(left, 50, symbol)
            pdf.text(left, 805, f"{number}/{total} {job}")
        y = top
        for kind, s, x, label, mark in ops:
            pdf.set_font("Serif", "B" if kind == "heading" else "", size)
            _draw(pdf, x, y, s, size, mark, split_word)
            if label is not None:  # the number in the margin, written after its line
                pdf.set_font("Serif", "", size)
                pdf.text(left if label[0].isdigit() else left + indent, y, label)
            y += leading
        if page_notes[number - 1]:
            y_rule = 842 - 130
            pdf.set_line_width(0.5)
            pdf.line(left, y_rule, left + 100, y_rule)
            ny = y_rule + 14
            for mark_text, note in page_notes[number - 1]:
                pdf.set_font("Serif", "", 5)
                pdf.text(left + 18, ny - 3, mark_text)
                pdf.set_font("Serif", "", 8)
                pdf.text(left + 24, ny, note.text)
                ny += 10
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def _draw(pdf: FPDF, x: float, y: float, s: str, size: float, mark, split_word: str | None) -> None:
    """One line; a superscript mark at its offset; `split_word` in two pieces 0.2 em apart (PDFium and pdftotext both see a space)."""
    pieces: list[tuple[str, str]] = [("text", s)]
    if mark is not None:
        number, offset = mark
        pieces = [("text", s[:offset]), ("mark", number), ("text", s[offset:])]
    cursor = x
    for kind, piece in pieces:
        if kind == "mark":
            pdf.set_font("Serif", "", size * 0.6)
            pdf.text(cursor, y - size * 0.4, piece)
            cursor += pdf.get_string_width(piece)
            pdf.set_font("Serif", "", size)
            continue
        if split_word and split_word in piece:
            head, _, tail = piece.partition(split_word)
            half = len(split_word) // 2
            for part, gap in ((head, 0.0), (split_word[:half], 0.0), (split_word[half:], size * 0.2), (tail, 0.0)):
                cursor += gap
                pdf.text(cursor, y, part)
                cursor += pdf.get_string_width(part)
            continue
        pdf.text(cursor, y, piece)
        cursor += pdf.get_string_width(piece)
