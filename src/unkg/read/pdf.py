"""PDF input through PDFium (pypdfium2): text lines rebuilt from character positions.

PDFium gives each page's characters in content order with their boxes.  One
call returns a page's text (with PDFium's own line breaks and spaces); boxes
are asked only where they decide something — the ends of each line, the spaces
PDFium inserted, short digit runs that may be footnote marks — so that reading
stays close to pdftotext's speed.  On those lines:

- page furniture (running header, "2/81", job number "26-06383 (E)", reissue
  mark, barcode "*2606383*") is what stands in the top or bottom margin and
  either repeats across pages (digits aside) or has the shape of furniture;
  the first page's top margin is the masthead and is kept;
- footnotes are the small print under the rule ("____") or, without a rule,
  the trailing lines of a page in a smaller size that start with a mark; they
  leave the flow, so a paragraph running on to the next page is not cut;
  superscript marks leave the text and tie each note to the words before it;
- a paragraph number or list letter that the text layer puts on a line of its
  own is joined to the text on the same baseline;
- a space PDFium inserted between two letters closer than a small fraction of
  the font size (kerning, "Denm ark") is dropped; a wide gap splits a line
  into cells (the masthead's columns).

A text layer whose fonts have no usable Unicode map extracts as look-alike
letters from unrelated blocks (IPA, Latin Extended-B, Canadian syllabics ...).
That is measured and refused unless `ocr=True`, which renders such pages (and
pages with no text at all) and reads them with Tesseract.
"""
from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from unkg.errors import InputError
from unkg.read.text import normalise
from unkg.read.document import PAGE_BREAK, Footnote, ReadDocument

MAX_PAGES = 500

# Geometry, as fractions of the page height or of the font size.
_TOP_MARGIN = 0.115  # top margin where furniture stands
_BOTTOM_MARGIN = 0.14  # bottom margin (measured to the line's foot)
_KERN_SHARE = 0.7  # an inserted space narrower than this (× a space glyph) between letters is kerning
_KERN_GAP = 0.15  # the same (× font size) on a line with no space glyph
_CELL_GAP = 1.8  # an inserted space wider than this (× font size) separates two cells
_SUPERSCRIPT = 0.8  # a mark whose glyphs are smaller than this (× line size) and raised is superscript
_SMALL_PRINT = 0.88  # footnote lines are at most this size (× the page's body size)
_UNDECODABLE = 0.12  # share of characters from unrelated Unicode blocks that marks a broken text layer

# Control characters some broken font maps produce: kept visible as U+FFFD (and counted as undecodable).
# PDFium gives U+FFFE for a hyphen it takes for hyphenation: at a line end a hyphen, which `segment` joins;
# inside a line (PDFium joined the word) a zero-width space, which `normalise` drops (indices stay aligned).
_CONTROLS = {c: 0xFFFD for c in range(32) if chr(c) not in "\t\n\r"} | {0xFFFE: ord("-")}
_SPACE = re.compile(r"\s")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]")
_DIGIT_OR_STAR = re.compile(r"[0-9*]")
_RULE = re.compile(r"^[_\u2014\u2015\u2500-]{8,}$")
_FURNITURE = re.compile(
    r"^(?:\d{1,4}\s*/\s*\d{1,4}"  # page 2/81
    r"|-\s*\d{1,4}\s*-"  # page - 3 -
    r"|\*\d{6,}\*"  # barcode
    r"|(?:[A-Z]\.)?\d{2}-\d{5}\s*\*?(?:\s*\([A-Z]\))?(?:\s+\d{6})?\*?)$")  # job number, reissue mark, date
_JOB = re.compile(r"(?<![\w/-])((?:[A-Z]\.)?\d{2}-\d{5})(?:\s*\*)?(?:\s*\([A-Z]\))?")
_LABEL_ONLY = re.compile(r"^(?:\d{1,3}\.|\(\d{1,3}\)|\(?[a-zа-я]\)|\([ivx]{1,5}\)|[IVX]{1,6}\.|[A-Z]\.)$")
_LABELLED = re.compile(r"^(?:\d{1,3}\.|\(\d{1,3}\)|\(?[a-zа-я]\)|\([ivx]{1,5}\))\s")
_NOTE_START = re.compile(r"^(\d{1,3}|\*{1,3}|[a-z])\s+(\S.*)$")
_SYMBOL_LIKE = re.compile(r"^[A-Z]{1,10}(?:/[A-Za-z0-9.\-]+){1,8}$")

# Blocks whose characters appear in real text of the six languages (and in names, numbers, punctuation).
_EXPECTED_BLOCKS = (
    (0x0000, 0x017F),  # Basic Latin, Latin-1, Latin Extended-A
    (0x0300, 0x036F),  # combining marks
    (0x0400, 0x04FF),  # Cyrillic
    (0x0600, 0x06FF),  # Arabic
    (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x215F),  # punctuation, currency, letterlike, fractions
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x25A0, 0x25FF),  # arrows, maths, enclosed, shapes
    (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF),  # CJK punctuation, ideographs, full-width forms
    (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),  # Arabic presentation forms
)


@dataclass
class _Line:
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


@dataclass
class _Page:
    number: int
    height: float
    lines: list[_Line]


_UNEXPECTED = re.compile("[^\\s" + "".join(f"\\u{max(lo, 0x20):04x}-\\u{hi:04x}" for lo, hi in _EXPECTED_BLOCKS) + "]")


def unexpected_share(text: str) -> tuple[int, int]:
    """(characters from blocks no language of unkg writes in, non-space characters)."""
    return len(_UNEXPECTED.findall(text)), len(text) - len(_SPACE.findall(text))


# -- PDFium access ---------------------------------------------------------------------------------------------
def _open(path: Path, max_pages: int):
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputError(str(path), "encrypted PDF (password protected); decrypt it first, e.g. "
                                        "qpdf --decrypt") from None
        data = path.read_bytes()
        if re.search(rb"/Count\s+0\b", data) and not re.search(rb"/Type\s*/Page\b(?!s)", data):
            raise InputError(str(path), "PDF with no pages") from None
        detail = re.search(r"PDFium: ([^)]*)", message)
        raise InputError(str(path), f"damaged or truncated PDF ({detail.group(1) if detail else message})") from None
    pages = len(doc)
    if pages == 0:
        doc.close()
        raise InputError(str(path), "PDF with no pages")
    if pages > max_pages:
        doc.close()
        raise InputError(str(path), f"PDF of {pages} pages, more than --max-pages {max_pages}")
    return doc


class _TextPage:
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


def _lines(tp: _TextPage) -> list[_Line]:
    text = tp.text
    out: list[_Line] = []
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


def _cells(tp: _TextPage, start: int, stop: int) -> list[_Line]:
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
        elif gap > _CELL_GAP * size or gap < -size:  # a column apart, or text placed back to the left
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


def _cell(tp: _TextPage, lo: int, hi: int, drop: set[int]) -> _Line:
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
    return _Line(cell, head[0], tail[2], base, size, line_marks)


def _kerning_limit(tp: _TextPage, start: int, stop: int, size: float) -> float:
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


def _raised(tp: _TextPage, index: int, size: float, base: float, line_start: int) -> bool:
    """A glyph in smaller print above the line's baseline (or opening the line in smaller print)."""
    _, b, _, t = tp.box(index)
    return t - b < _SUPERSCRIPT * size and (b > base + 0.12 * size or index == line_start)


# -- page structure --------------------------------------------------------------------------------------------
def _text_pages(doc) -> list[_TextPage]:
    return [_TextPage(doc[i]) for i in range(len(doc))]


def _read_pages(text_pages: list[_TextPage], ocr_pages: list[int]) -> list[_Page]:
    return [_Page(number, tp.page.get_height(), _lines(tp) if tp.count and number not in ocr_pages else [])
            for number, tp in enumerate(text_pages, 1)]


def _judge(path: Path, text_pages: list[_TextPage], ocr: bool) -> list[int]:
    """Refuse a PDF with no usable text layer (unless OCR is asked); the pages OCR should read."""
    shares = [unexpected_share(tp.quick) for tp in text_pages]
    unexpected, total = sum(u for u, _ in shares), sum(t for _, t in shares)
    needs_ocr = [n for n, (u, t) in enumerate(shares, 1) if t == 0 or u > _UNDECODABLE * t]
    if ocr:
        if needs_ocr and not ocr_available():
            raise InputError(str(path), "--ocr needs Tesseract, which is not installed (apt-get install "
                                        "tesseract-ocr and its language packs)")
        return needs_ocr
    if total == 0:
        raise InputError(str(path), f"no text layer on any of its {len(text_pages)} pages (an image-only PDF, "
                                    "e.g. a scan): convert it with --ocr")
    if unexpected > _UNDECODABLE * total:
        raise InputError(str(path), f"the text layer cannot be decoded ({unexpected / total:.0%} of its characters "
                                    "are look-alikes from unrelated alphabets: its fonts have no Unicode map); "
                                    "convert it with --ocr")
    return []


def _furniture(pages: list[_Page]) -> set[tuple[int, int]]:
    """(page, line index) of running headers and footers."""
    repeats: Counter = Counter()
    for page in pages:
        for key in {(_zone(page, line), line.key) for line in page.lines if _zone(page, line)}:
            repeats[key] += 1
    threshold = max(2, (len(pages) + 2) // 3)
    body_size = _body_size(pages)
    out = set()
    for page in pages:
        for i, line in enumerate(page.lines):
            zone = _zone(page, line)
            if not zone or (page.number == 1 and zone == "top"):
                continue  # the first page's top margin is the masthead
            text = line.text
            if (repeats[(zone, line.key)] >= threshold or _FURNITURE.match(text) and not line.marks
                    # a running header: the symbol, or the title in print smaller than the body's
                    or zone == "top" and (_SYMBOL_LIKE.match(text) or line.size < 0.95 * body_size)):
                out.add((page.number, i))
    return out


def _body_size(pages: list[_Page]) -> float:
    """The size of most lines: the body text's."""
    sizes = Counter(round(line.size, 1) for page in pages for line in page.lines)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _zone(page: _Page, line: _Line) -> str | None:
    if line.marks and line.marks[0][0] == 0:
        return None  # a footnote, not furniture
    if line.bottom > page.height * (1 - _TOP_MARGIN):
        return "top"
    if line.bottom < page.height * _BOTTOM_MARGIN:
        return "bottom"
    return None


def _split_notes(page: _Page, body: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Body lines and footnote lines of one page (furniture already out)."""
    for i, line in enumerate(body):
        if _RULE.match(line.text.replace(" ", "")):
            rule_y = line.bottom
            below = [ln for ln in body[i + 1:] if ln.bottom < rule_y]
            above = body[:i] + [ln for ln in body[i + 1:] if ln.bottom >= rule_y]
            return above, below
    if len(body) < 3:
        return body, []
    sizes = Counter(round(line.size, 1) for line in body)
    body_size = sizes.most_common(1)[0][0]
    lowest = sorted(range(len(body)), key=lambda k: body[k].bottom)
    notes: list[int] = []
    for k in lowest:
        if body[k].size > _SMALL_PRINT * body_size:
            break
        notes.append(k)
    # the topmost small line must open a note
    notes.sort(key=lambda k: -body[k].bottom)
    while notes and not (_NOTE_START.match(body[notes[0]].text) or body[notes[0]].marks
                         and body[notes[0]].marks[0][0] == 0):
        notes.pop(0)
    chosen = set(notes)
    return [ln for k, ln in enumerate(body) if k not in chosen], [body[k] for k in notes]


def _anchors(lines: list[_Line]) -> dict[str, str]:
    """For each superscript mark in the body, the last words before it."""
    out: dict[str, str] = {}
    before = ""
    for line in lines:
        for offset, mark in line.marks:
            words = (before + " " + line.text[:offset]).split()
            out.setdefault(mark, " ".join(words[-4:]))
        before = " ".join((before + " " + line.text).split()[-4:])
    return out


def _footnotes(page: int, lines: list[_Line], anchors: dict[str, str]) -> list[Footnote]:
    notes: list[list[str]] = []
    for line in lines:
        if line.marks and line.marks[0][0] == 0:
            notes.append([line.marks[0][1], line.text])
            continue
        m = _NOTE_START.match(line.text)
        if m and (not notes or m.group(1).isdigit() or m.group(1).startswith("*")):
            notes.append([m.group(1), m.group(2)])
        elif notes:
            notes[-1][1] = _join(notes[-1][1], line.text)
    return [Footnote(page, mark, text.strip(), anchors.get(mark, "")) for mark, text in notes]


def _join(left: str, right: str) -> str:
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].islower():
        return left[:-1] + right
    return f"{left} {right}"


_BARE_MARK = re.compile(r"^(?:\d{1,3}|\*{1,3})$")


def _merge_baselines(lines: list[_Line], body_size: float) -> list[_Line]:
    """Pieces of one printed line that the content stream gives apart (a font change, a superscript) join again;
    a mark standing alone in small raised print is dropped."""
    out: list[_Line] = []
    for line in lines:
        if _BARE_MARK.match(line.text) and line.size < _SUPERSCRIPT * body_size:
            continue
        prev = next((p for p in out[-3:][::-1] if abs(p.bottom - line.bottom) < 0.3 * line.size
                     and -0.5 * line.size <= line.x0 - p.x1 < _CELL_GAP * line.size), None)
        if prev is not None:
            prev.marks.extend((len(prev.text) + 1 + k, m) for k, m in line.marks)
            prev.text = f"{prev.text} {line.text}"
            prev.x1 = line.x1
            continue
        out.append(line)
    return out


def _join_labels(lines: list[_Line]) -> list[_Line]:
    """A paragraph number or list letter on a line of its own joins the text on its baseline (the nearest
    text to its right among the neighbouring lines: the text layer may give the number before or after it)."""
    joined: set[int] = set()
    for i, line in enumerate(lines):
        if not _LABEL_ONLY.match(line.text):
            continue
        mates = [other for other in lines[max(0, i - 2):i + 3]
                 if other is not line and id(other) not in joined and abs(other.bottom - line.bottom) < 0.4 * line.size
                 and other.x0 > line.x0 and not _LABEL_ONLY.match(other.text)]
        mate = min(mates, key=lambda other: other.x0, default=None)
        if mate is not None:
            mate.text = f"{line.text} {mate.text}"
            mate.marks = [(k + len(line.text) + 1, m) for k, m in mate.marks]
            mate.text_x, mate.x0 = mate.x0, line.x0
            joined.add(id(line))
    return [line for line in lines if id(line) not in joined]


def _page_text(lines: list[_Line]) -> str:
    """Lines as text; a first-line indent is kept as a leading space, which `segment` reads as the start of a
    paragraph.  A line is indented when it starts right of the column the line before continues in (the text
    column after a paragraph number, else that line's own start) and right of the line after it."""
    out = []
    column = None
    for i, line in enumerate(lines):
        step = 0.9 * line.size
        indented = (column is not None and line.x0 > column + step
                    and (i + 1 == len(lines) or line.x0 > lines[i + 1].x0 + step))
        out.append((" " if indented else "") + line.text)
        if line.text_x is not None:
            column = line.text_x
        elif _LABELLED.match(line.text):
            column = None  # where its text continues is not known: the next line is not read as indented
        elif not indented or column is None:
            column = line.x0
    return "\n".join(out)


# -- OCR -------------------------------------------------------------------------------------------------------
_TESSERACT_LANG = {"en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara", "zh": "chi_sim"}


def ocr_available() -> bool:
    return shutil.which("tesseract") is not None


def _ocr_languages(path: Path, lang: str | None) -> str:
    if lang is None:
        tokens = re.split(r"[._\-\s]+", path.name.lower())
        lang = next((t for t in reversed(tokens) if t in _TESSERACT_LANG), None)
    if lang is not None:
        return _TESSERACT_LANG.get(lang, "eng")
    return "+".join(_TESSERACT_LANG.values())


def _ocr_page(doc, index: int, languages: str, path: Path) -> str:
    """Render one page at 300 dpi in grey and read it with Tesseract (image on stdin as PGM)."""
    bitmap = doc[index].render(scale=300 / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    rows = b"".join(buffer[r * stride: r * stride + width] for r in range(height)) if stride != width else buffer
    image = b"P5\n%d %d\n255\n" % (width, height) + rows
    try:
        done = subprocess.run(["tesseract", "stdin", "stdout", "-l", languages, "--psm", "4"], input=image,
                              capture_output=True, timeout=300, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except subprocess.TimeoutExpired:
        raise InputError(str(path), f"OCR of page {index + 1} took too long") from None
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise InputError(str(path), f"OCR failed on page {index + 1}: {reason[0]} (are the tesseract-ocr "
                                    f"language packs for {languages} installed?)")
    return done.stdout.decode("utf-8", "replace").replace("\f", "")


# -- the reader ------------------------------------------------------------------------------------------------
def read(path: Path, ocr: bool = False, max_pages: int = MAX_PAGES, lang: str | None = None,
         **_ignored) -> ReadDocument:
    """Read a PDF; InputError for PDFs that cannot be read (encrypted, damaged, empty, no usable text)."""
    import pypdfium2 as pdfium

    doc = _open(path, max_pages)
    text_pages: list[_TextPage] = []
    try:
        text_pages = _text_pages(doc)
        needs_ocr = _judge(path, text_pages, ocr)
        pages = _read_pages(text_pages, needs_ocr)
        languages = _ocr_languages(path, lang) if needs_ocr else ""
        furniture = _furniture(pages)
        body_size = _body_size(pages)
        texts: list[str] = []
        footnotes: list[Footnote] = []
        jobs: Counter = Counter()
        for page in pages:
            if page.number in needs_ocr:
                texts.append(normalise(_ocr_page(doc, page.number - 1, languages, path)))
                continue
            body = []
            for i, line in enumerate(page.lines):
                if (page.number, i) in furniture:
                    for m in _JOB.finditer(line.text):
                        jobs[m.group(1)] += 1
                else:
                    body.append(line)
            body, notes = _split_notes(page, _merge_baselines(body, body_size))
            footnotes.extend(_footnotes(page.number, notes, _anchors(body)))
            texts.append(normalise(_page_text(_join_labels(body))))
        job = jobs.most_common(1)[0][0] if jobs else None
        return ReadDocument(str(path), f"\n{PAGE_BREAK}\n".join(texts), "pdf", footnotes=footnotes,
                            pages=len(pages), job_number=job)
    except pdfium.PdfiumError as exc:  # a page PDFium cannot load
        raise InputError(str(path), f"damaged PDF ({exc})") from None
    finally:
        for tp in text_pages:
            tp.close()
        doc.close()
