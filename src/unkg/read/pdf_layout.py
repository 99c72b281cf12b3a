"""Stage `read`: a PDF page's text lines rebuilt from PDFium's character boxes — lines and their cells (a wide gap
splits a line into the masthead's columns), spaces inserted by kerning dropped ("Denm ark"), superscript marks told
apart from the text. Boxes are asked only where they decide something, so that reading stays close to pdftotext's
speed."""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

_KERN_SHARE = 0.7  # an inserted space narrower than this (× a space glyph) between letters is kerning


_KERN_GAP = 0.15  # the same (× font size) on a line with no space glyph


CELL_GAP = 1.8  # an inserted space wider than this (× font size) separates two cells


SUPERSCRIPT = 0.8  # a mark whose glyphs are smaller than this (× line size) and raised is superscript


# Control characters some broken font maps produce: kept visible as U+FFFD (and counted as undecodable).
# PDFium gives U+FFFE for a hyphen it takes for hyphenation: at a line end a hyphen, which `segment` joins;
# inside a line (PDFium joined the word) a zero-width space, which `normalise` drops (indices stay aligned).
_CONTROLS = {c: 0xFFFD for c in range(32) if chr(c) not in "\t\n\r"} | {0xFFFE: ord("-")}


SPACE = re.compile(r"\s")


_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]")


_DIGIT_OR_STAR = re.compile(r"[0-9*]")


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    bottom: float
    size: float
    marks: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, mark) of superscripts removed
    text_x: float | None = None  # where the text after a paragraph number or list letter starts

    @property
    def key(self) -> str:
        """What repeats from page to page: the text with its numbers blanked."""
        return re.sub(r"\d+", "#", self.text)


class TextPage:
    """One page's characters: the text in one call, boxes on demand."""

    def __init__(self, page):
        import pypdfium2.raw as raw

        self.raw = raw
        self.page = page
        self.textpage = page.get_textpage()
        self.handle = self.textpage.raw
        self.count = max(raw.FPDFText_CountChars(self.handle), 0)
        self.quick = ""  # the page's text as PDFium gives it (may miss characters: enough to judge the layer)
        self._text: str | None = None
        if self.count:
            buffer = (ctypes.c_ushort * (self.count + 1))()
            written = raw.FPDFText_GetText(self.handle, 0, self.count, buffer)
            self.quick = bytes(memoryview(buffer).cast("B")[: 2 * max(written - 1, 0)]).decode("utf-16-le",
                                                                                                "replace")
        self._rect = raw.FS_RECTF()
        self._loose_box = raw.FPDFText_GetLooseCharBox

    @property
    def text(self) -> str:
        """The text with one character per PDFium character index (boxes are asked by index)."""
        if self._text is None:
            text = self.quick
            if len(text) != self.count:  # characters outside the BMP or excluded ones: one at a time
                text = "".join(chr(self.raw.FPDFText_GetUnicode(self.handle, i) or 0xFFFD)
                               for i in range(self.count))
            if "\ufffe" in text:  # a hyphenation mark inside a line: PDFium joined the word already
                text = re.sub("\ufffe(?=\\w)", "\u200b", text)
            if _CONTROL_CHARS.search(text):
                text = text.translate(_CONTROLS)
            self._text = text
        return self._text

    def box(self, index: int) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) of a character's loose box: its height follows the font size."""
        r = self._rect
        self._loose_box(self.handle, index, r)
        return r.left, r.bottom, r.right, r.top

    def generated(self, index: int) -> bool:
        return bool(self.raw.FPDFText_IsGenerated(self.handle, index))

    def close(self) -> None:
        self.textpage.close()
        self.page.close()


# -- lines -----------------------------------------------------------------------------------------------------
# Digit runs and asterisks that may end in a superscript footnote mark: attached to a word or number
# ("Sea1", "2/61", "consensus,3"), after punctuation at the end of a line ("functions, 4"), or opening a line
# (a footnote's own mark).  Which of their characters are raised is decided from the glyph boxes.
_MARK_CANDIDATE = re.compile(r"(?<=\S)[0-9*]+(?=[\s,.;:)\]]|$)"
                             r"|(?<=[,.;:\u201d\u2019\"] )(\d{1,2})(?=\s*$)"
                             r"|^(\d{1,3}|\*{1,3})(?=\s|$)", re.M)


def page_lines(tp: TextPage) -> list[Line]:
    text = tp.text
    out: list[Line] = []
    start = 0
    n = len(text)
    while start < n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        stop = end - 1 if end > start and text[end - 1] == "\r" else end
        out.extend(_cells(tp, start, stop))
        start = end + 1
    return out


def _cells(tp: TextPage, start: int, stop: int) -> list[Line]:
    """The physical line text[start:stop] as one or more cells, without kerning spaces and superscript marks."""
    text = tp.text
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if start >= stop:
        return []
    size = 0.0  # the line's font size, measured when a gap has to be judged
    drop: set[int] = set()
    splits: list[int] = []
    i = text.find(" ", start + 1, stop - 1)
    kern = None
    is_generated, handle, find = tp.raw.FPDFText_IsGenerated, tp.handle, text.find
    while i >= 0:
        if not is_generated(handle, i):  # a space glyph of the PDF: a word space
            i = find(" ", i + 1, stop - 1)
            continue
        if kern is None:
            size = max(max(b[3] - b[1] for b in (tp.box(start), tp.box((start + stop) // 2), tp.box(stop - 1))),
                       0.1)
            kern = _kerning_limit(tp, start, stop, size)
        gap = tp.box(i + 1)[0] - tp.box(i - 1)[2]
        if gap < kern and text[i - 1].isalpha() and text[i + 1].isalpha():
            drop.add(i)
        elif gap > CELL_GAP * size or gap < -size:  # a column apart, or text placed back to the left
            splits.append(i)
        i = text.find(" ", i + 1, stop - 1)
    cells = []
    for lo, hi in zip([start] + [k + 1 for k in splits], splits + [stop]):
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if lo < hi:
            cells.append(_cell(tp, lo, hi, drop))
    return [c for c in cells if c.text]


def _cell(tp: TextPage, lo: int, hi: int, drop: set[int]) -> Line:
    """One cell of a line: its own size and baseline, superscript marks lifted out of its text."""
    text = tp.text
    head, middle, tail = tp.box(lo), tp.box((lo + hi) // 2), tp.box(hi - 1)
    size = max(head[3] - head[1], middle[3] - middle[1], tail[3] - tail[1], 0.1)
    base = min(head[1], middle[1], tail[1])
    marks: dict[int, str] = {}
    if _DIGIT_OR_STAR.search(text, lo, hi):
        for m in _MARK_CANDIDATE.finditer(text, lo, hi):
            first = m.end()
            while first > m.start() and m.end() - first < 3 and _raised(tp, first - 1, size, base, lo):
                first -= 1
            if first < m.end():
                marks[first] = text[first:m.end()]
                drop = drop | set(range(first, m.end()))
                if m.group(1) and text[first - 1] == " ":
                    drop.add(first - 1)
    if any(lo <= k < hi for k in drop):
        chars, line_marks = [], []
        for k in range(lo, hi):
            if k in marks:
                line_marks.append((len("".join(chars).lstrip()), marks[k]))
            if k not in drop:
                chars.append(text[k])
        cell = "".join(chars).strip()
    else:
        cell, line_marks = text[lo:hi], []
    return Line(cell, head[0], tail[2], base, size, line_marks)


def _kerning_limit(tp: TextPage, start: int, stop: int, size: float) -> float:
    """The widest gap between two letters that is not a word space: a share of a real space glyph's width on
    the line, or of the font size where the line has no space glyph (each word placed apart)."""
    i = tp.text.find(" ", start, stop)
    while i >= 0:
        if not tp.generated(i):
            left, _, right, _ = tp.box(i)
            if right > left:
                return _KERN_SHARE * (right - left)
        i = tp.text.find(" ", i + 1, stop)
    return _KERN_GAP * size


def _raised(tp: TextPage, index: int, size: float, base: float, line_start: int) -> bool:
    """A glyph in smaller print above the line's baseline (or opening the line in smaller print)."""
    _, b, _, t = tp.box(index)
    return t - b < SUPERSCRIPT * size and (b > base + 0.12 * size or index == line_start)


# -- page structure --------------------------------------------------------------------------------------------
def read_text_pages(doc) -> list[TextPage]:
    return [TextPage(doc[i]) for i in range(len(doc))]
