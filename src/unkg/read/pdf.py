"""Stage `read`: PDF input through PDFium (pypdfium2): text lines rebuilt from character positions.

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

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from unkg.errors import InputError
from unkg.read.text import normalise
from unkg.read.document import PAGE_BREAK, Footnote, ReadDocument
from unkg.read.pdf_layout import CELL_GAP, SPACE, SUPERSCRIPT, Line, TextPage, page_lines, read_text_pages
from unkg.read.pdf_ocr import ocr_available, ocr_languages, ocr_page

MAX_PAGES = 500


# Geometry, as fractions of the page height or of the font size.
_TOP_MARGIN = 0.115  # top margin where furniture stands


_BOTTOM_MARGIN = 0.14  # bottom margin (measured to the line's foot)


_SMALL_PRINT = 0.88  # footnote lines are at most this size (× the page's body size)


_UNDECODABLE = 0.12  # share of characters from unrelated Unicode blocks that marks a broken text layer


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
class _Page:
    number: int
    height: float
    lines: list[Line]


_UNEXPECTED = re.compile("[^\\s" + "".join(f"\\u{max(lo, 0x20):04x}-\\u{hi:04x}" for lo, hi in _EXPECTED_BLOCKS) + "]")


def unexpected_share(text: str) -> tuple[int, int]:
    """(characters from blocks no language of unkg writes in, non-space characters)."""
    return len(_UNEXPECTED.findall(text)), len(text) - len(SPACE.findall(text))


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


def _read_pages(text_pages: list[TextPage], ocr_pages: list[int]) -> list[_Page]:
    return [_Page(number, tp.page.get_height(), page_lines(tp) if tp.count and number not in ocr_pages else [])
            for number, tp in enumerate(text_pages, 1)]


def _judge(path: Path, text_pages: list[TextPage], ocr: bool) -> list[int]:
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


def _zone(page: _Page, line: Line) -> str | None:
    if line.marks and line.marks[0][0] == 0:
        return None  # a footnote, not furniture
    if line.bottom > page.height * (1 - _TOP_MARGIN):
        return "top"
    if line.bottom < page.height * _BOTTOM_MARGIN:
        return "bottom"
    return None


def _split_notes(page: _Page, body: list[Line]) -> tuple[list[Line], list[Line]]:
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


def _anchors(lines: list[Line]) -> dict[str, str]:
    """For each superscript mark in the body, the last words before it."""
    out: dict[str, str] = {}
    before = ""
    for line in lines:
        for offset, mark in line.marks:
            words = (before + " " + line.text[:offset]).split()
            out.setdefault(mark, " ".join(words[-4:]))
        before = " ".join((before + " " + line.text).split()[-4:])
    return out


def _footnotes(page: int, lines: list[Line], anchors: dict[str, str]) -> list[Footnote]:
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


def _merge_baselines(lines: list[Line], body_size: float) -> list[Line]:
    """Pieces of one printed line that the content stream gives apart (a font change, a superscript) join again;
    a mark standing alone in small raised print is dropped."""
    out: list[Line] = []
    for line in lines:
        if _BARE_MARK.match(line.text) and line.size < SUPERSCRIPT * body_size:
            continue
        prev = next((p for p in out[-3:][::-1] if abs(p.bottom - line.bottom) < 0.3 * line.size
                     and -0.5 * line.size <= line.x0 - p.x1 < CELL_GAP * line.size), None)
        if prev is not None:
            prev.marks.extend((len(prev.text) + 1 + k, m) for k, m in line.marks)
            prev.text = f"{prev.text} {line.text}"
            prev.x1 = line.x1
            continue
        out.append(line)
    return out


def _join_labels(lines: list[Line]) -> list[Line]:
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


def _page_text(lines: list[Line]) -> str:
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


# -- the reader ------------------------------------------------------------------------------------------------
def read(path: Path, ocr: bool = False, max_pages: int = MAX_PAGES, lang: str | None = None,
         **_ignored) -> ReadDocument:
    """Read a PDF; InputError for PDFs that cannot be read (encrypted, damaged, empty, no usable text)."""
    import pypdfium2 as pdfium

    doc = _open(path, max_pages)
    text_pages: list[TextPage] = []
    try:
        text_pages = read_text_pages(doc)
        needs_ocr = _judge(path, text_pages, ocr)
        pages = _read_pages(text_pages, needs_ocr)
        languages = ocr_languages(path, lang) if needs_ocr else ""
        furniture = _furniture(pages)
        body_size = _body_size(pages)
        texts: list[str] = []
        footnotes: list[Footnote] = []
        jobs: Counter = Counter()
        for page in pages:
            if page.number in needs_ocr:
                texts.append(normalise(ocr_page(doc, page.number - 1, languages, path)))
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
