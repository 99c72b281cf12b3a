"""Stage `read`: page furniture and footnotes — what PDF extraction leaves in the flow of the text.

Removes the running header with the symbol, page numbers ("4/5"), job numbers ("V.24-09626"), undocs.org link
lines and running titles found by their place and repetition, even in the middle of a sentence or a list; sets the
footnotes below a page's rule apart; joins a label alone on its line to the text on the next.
"""
from __future__ import annotations

import re
from collections import Counter

from unkg.lang import symbols
from unkg.lang.scripts import is_cjk
from unkg.read.blocks import Block, Line, Segmented


JOB_NUMBER = re.compile(r"(?<![\w/-])(?:([A-Z])\.?)?(\d{2})-(\d{5})\b")

_PAGE = r"\d{1,3}\s*/\s*\d{1,3}"

# "V.24-09626", "22-27697 (E)", reissued "24-13677*"; pdftotext adds the release date code "121222".
_JOB = r"(?:[A-Z]\.)?\d{2}-\d{5}\*?(?:\s*\([A-Z]\))?(?:\s+\d{6})?"

_FURNITURE = re.compile(
    rf"^(?:{_PAGE}|{_JOB}|{_PAGE}\s+{_JOB}|{_JOB}\s+{_PAGE}|\d{{6}}|\*\d{{7,}}\*|https?://\S+"
    rf"|[-–—]\s*\d{{1,3}}\s*[-–—])$"
)

_MASTHEAD_LINES = 12  # the first page's masthead stands within its first lines

# The rule above the footnotes at the foot of a page.
_FOOTNOTE_RULE = re.compile(r"^[_‗—–-]{5,}$")

_BODY_RESUMES = re.compile(r"^(?:\d{1,3}\.|[IVXL]{1,6}\.|[A-H]\.)\s+\S")  # a paragraph or heading after footnotes

_STAR_NOTE = re.compile(r"^\*{1,3}\s+\S")

_FOOT = 8  # lines at the foot of a page where a note marked with stars may start
_MARK_FOOT = 14  # lines at the foot of a page where a footnote's number alone on its line may start the notes

_FOOTNOTE_MARK = re.compile(r"^(\d{1,3}|\*{1,3}|[a-z](?=\s{2,}|\t))(?:\s+(\S.*))?$")  # "1", "*", "a  text"

# A label alone on its line, the text on the next (how pdftotext renders numbered paragraphs).
_ORPHAN_LABEL = re.compile(r"^(?:\d{1,3}\s*[.-]|\(\d{1,3}\)|\(?[a-zа-я]\)|\([ivx]{1,5}\)|[IVXL]{1,6}\.|[A-Z]\.)$")


def _table_row(line: str) -> str:
    """A Word table row "| a | b |" as its non-empty cells separated by tabs."""
    return "\t".join(c.strip() for c in line.strip().strip("|").split("|") if c.strip())

CELL_SPLIT = re.compile(r"\t+|\s{3,}")

_ZONE = 4  # lines at the top and at the foot of a page where running headers and footers stand


def _cells(line: str) -> list[str]:
    return [c.strip() for c in CELL_SPLIT.split(line.strip()) if c.strip()]


def _running_furniture(lines: list[tuple[str, int, int]], header: str | None) -> dict[int, set[str]]:
    """Running headers and footers by their place and repetition: text cells that stand in the
    top or bottom lines of two or more pages after the first (the running title beside the symbol
    in pdftotext -layout). Returns, per line index in a zone, the cells that are furniture."""
    by_page: dict[int, list[int]] = {}
    for index, (raw, page, _) in enumerate(lines):
        if raw.strip() and page > 1:
            by_page.setdefault(page, []).append(index)
    if len(by_page) < 2:
        return {}
    zones = {page: idx[:_ZONE] + idx[-_ZONE:] for page, idx in by_page.items()}
    edge = re.compile(rf"^{re.escape(header)}\*?\s+|\s+{re.escape(header)}\*?$") if header else None

    def cells(line: str) -> set[str]:
        """Cells, a header symbol run into one (pdftotext -raw) taken off it."""
        return {edge.sub("", c) if edge else c for c in _cells(line)}

    seen: Counter = Counter()
    for idx in zones.values():
        seen.update(set().union(*(cells(lines[i][0]) for i in idx)))
    # a line that ends with a colon leads in to what follows it ("Against:" at the top of two pages of vote lists)
    repeated = {cell for cell, n in seen.items() if n >= 2 and len(cell) > 3 and not cell.endswith((":", "："))}
    out: dict[int, set[str]] = {}
    for idx in zones.values():
        for i in idx:
            if cells(lines[i][0]) & repeated:
                out[i] = {c for c in _cells(lines[i][0]) if (edge.sub("", c) if edge else c) in repeated}
    return out


def _header_symbol(lines: list[tuple[str, int, int]]) -> str | None:
    """The symbol standing alone on a line (running header, masthead): the most frequent one. A
    symbol cited alone in a footnote ("A/CONF.232/2023/4.", below the rule) does not count; a star after
    it ("A/78/L.102*") marks a reissue and is not part of it."""
    standalone: Counter = Counter()
    rule_page = None
    paged = any(page > 1 for _, page, _ in lines)  # without form feeds the footnotes' end is not known here
    for raw, page, _ in lines:
        line = raw.strip()
        if not line:
            continue
        if paged and line[0] in "_‗—–-" and _FOOTNOTE_RULE.match(line):
            rule_page = page
        elif "/" in line and " " not in line and rule_page != page and not line.endswith(".") \
                and symbols.is_symbol(line.rstrip("*")):
            standalone[line.rstrip("*")] += 1
    return standalone.most_common(1)[0][0] if standalone else None


def strip_furniture(lines: list[tuple[str, int, int]], seg: Segmented, symbol_hint: str | None) -> list[Line]:
    header = symbol_hint or _header_symbol(lines)
    kept: list[Line] = []
    widths: list[int] = []  # each kept line's indentation
    note_page = None  # the page whose foot holds footnotes, once its rule is passed
    zone: list[Line] = []  # the lines below the rule
    foot: set[int] | None = None  # the pages' last lines, found when a line starting with a star needs them
    mark_foot: set[int] | None = None  # more of them, for a footnote number alone on its line
    paged = bool(lines) and lines[-1][1] > 1  # pages only grow
    running = _running_furniture(lines, header) if paged else {}
    for index, (raw, page, number) in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if index in running:
            rest = [c for c in _cells(raw) if c not in running[index] and c.rstrip("*") != header]
            if not rest:
                continue
            line = "   ".join(rest)
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            line = _table_row(line)
            if not line:
                continue
        if not paged and note_page is not None and (
                line.rstrip("*") == header or _BODY_RESUMES.match(line)):
            note_page = None  # no form feeds: the next page's header or the body ends the footnotes
        if header is not None and line.rstrip("*") == header:
            seg.header_symbols[header] += 1
            if page == 1 and len(kept) < _MASTHEAD_LINES:
                seg.masthead_symbol = header  # the masthead prints it where later pages have their header
            continue
        if _FURNITURE.match(line):
            for m in JOB_NUMBER.finditer(line):
                seg.job_numbers[f"{m.group(1) + '.' if m.group(1) else ''}{m.group(2)}-{m.group(3)}"] += 1
            if line.startswith("http"):
                seg.links.append(line)
            continue
        if note_page is not None and note_page != page:
            note_page = None
        if note_page is None and zone:
            seg.blocks.extend(_footnotes(zone))
            zone = []
        if line[0] in "_‗—–-" and _FOOTNOTE_RULE.match(line):
            seg.blocks.extend(_footnotes(zone))
            note_page, zone = page, []
            continue
        if note_page is None and line[0] == "*" and _STAR_NOTE.match(line):
            foot = _page_feet(lines) if foot is None else foot
            if index in foot:
                note_page = page  # "* Reissued …", "** …": notes at the foot of a page whose rule is a graphic
        if note_page is None and paged and line[0].isdigit() and _starts_footnotes(line, index, page, kept, seg):
            mark_foot = _page_feet(lines, _MARK_FOOT) if mark_foot is None else mark_foot
            if index in mark_foot:
                note_page = page  # the next footnote at the foot of a page whose rule is a graphic
        if note_page == page:
            zone.append(Line(line, False, page, number))
            continue
        indented = raw[:1].isspace()
        kept.append(Line(line, indented, page, number))
        widths.append(len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip()) if indented else 0)
    seg.blocks.extend(_footnotes(zone))
    # pdftotext ends every page with a form feed, the last one too: count pages that hold text
    seg.pages = next((page for raw, page, _ in reversed(lines) if raw.strip()), 1)  # pages only grow
    seg.paged = paged
    # Indented means further in than the text's usual margin: pdftotext -layout indents every line.
    margin = Counter(widths).most_common(1)[0][0] if widths else 0
    for kept_line, width in zip(kept, widths):
        kept_line.indented = width > margin
    return _join_orphan_labels(_unglue_numbers(_words_back_in_line(kept)))


_NOTE_WITH_TEXT = re.compile(r"^(\d{1,3})\s+[A-ZА-ЯЁ]")


def _starts_footnotes(line: str, index: int, page: int, kept: list[Line], seg: Segmented) -> bool:
    """A footnote where no rule is printed: the number the next footnote takes, alone on its line ("2", as
    pdftotext prints marks apart from their texts), or before its text ("2 The delegation of …") when the page's
    text carries that number as a mark ("Republic 2 joined", "follows: 2", "records.2"). Footnotes are numbered
    through the report (the text of a resolution may start again at 1)."""
    if len(line) <= 3 and line.isdigit():
        return int(line) in (_next_mark(seg.blocks), 1)
    m = _NOTE_WITH_TEXT.match(line)
    if not m or int(m.group(1)) != _next_mark(seg.blocks):
        return False
    marked = re.compile(rf"(?:[^\W\d]|[.,;:)”’]\s?|[^\W\d] ){m.group(1)}(?![\d/])(?:\s+[a-zа-яё]|\s*$)")
    return any(marked.search(ln.text) for ln in kept[-_MARK_FOOT * 3:] if ln.page == page)


def _next_mark(blocks: list[Block]) -> int:
    """The number the next footnote takes: footnotes are numbered through the report."""
    return 1 + max((int(b.label) for b in blocks if b.kind == "footnote" and b.label and b.label.isdigit()),
                   default=0)


def _page_feet(lines: list[tuple[str, int, int]], size: int = _FOOT) -> set[int]:
    """Indexes of the last `size` lines of each page (the foot, where footnotes and footers stand)."""
    by_page: dict[int, list[int]] = {}
    for index, (raw, page, _) in enumerate(lines):
        if raw.strip():
            by_page.setdefault(page, []).append(index)
    return {i for idx in by_page.values() for i in idx[-size:]}


def _footnotes(zone: list[Line]) -> list[Block]:
    """The footnotes below a rule. pdftotext may print the marks apart from their texts ("1", text,
    text, "3", text, "2"): when every mark lacks its text and the texts split into as many notes
    (a note ends with a full stop), marks and texts are paired in order."""
    notes: list[Block] = []
    for ln in zone:
        m = _FOOTNOTE_MARK.match(ln.text)
        if m:
            notes.append(Block("footnote", m.group(1), m.group(2) or "", None, page=ln.page))
        elif notes:
            notes[-1].append(ln.text)
        else:
            notes.append(Block("footnote", None, ln.text, None, page=ln.page))
    marks = [b for b in notes if b.label is not None]
    if any(not b.text for b in marks) and all(b.label.isdigit() for b in marks):
        texts = [ln for ln in zone if not _FOOTNOTE_MARK.match(ln.text)]
        groups: list[list[Line]] = []
        for ln in texts:
            if not groups or groups[-1][-1].text.rstrip().endswith((".", "。")):
                groups.append([ln])
            else:
                groups[-1].append(ln)
        if len(groups) == len(marks):
            labels = sorted((b.label for b in marks), key=int)
            notes = [Block("footnote", label, " ".join(ln.text for ln in group), None, page=group[0].page) for label, group in zip(labels, groups)]
    return [b for b in notes if b.text]


_SCATTERED = 3  # single words on lines of their own, at least, to be a justified line read as columns


def _words_back_in_line(lines: list[Line]) -> list[Line]:
    """A justified line with wide gaps that pdftotext read as columns: its words come one per line after the
    line below it ("Also at the same meeting,", "A/C.2/77/L.59 (see para. 11).", "the", "Committee", "adopted",
    "draft", "resolution"). The words go back to the end of the short line that does not end its sentence, when
    they make it no longer than the page's longest line."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _lone_word(lines[j].text) and lines[j].page == lines[i].page:
            j += 1
        if j - i >= _SCATTERED and len(out) >= 2:
            short, after = out[-2], out[-1]
            words = " ".join(ln.text for ln in lines[i:j])
            widest = max(len(ln.text) for ln in out[-40:])
            if short.page == after.page == lines[i].page and _SENTENCE_END.search(after.text) \
                    and not _SENTENCE_END.search(short.text) and len(short.text) + 1 + len(words) <= widest:
                short.text = f"{short.text} {words}"
                i = j
                continue
        out.extend(lines[i:max(j, i + 1)])
        i = max(j, i + 1)
    return out


def _lone_word(text: str) -> bool:
    """One word of a script written with spaces (a line of Chinese has none)."""
    return len(text) <= 25 and " " not in text and text[:1].isalpha() and not is_cjk(text[0])


_SENTENCE_END = re.compile(r"[.:;!?»)\]。：；！？）؛]\s*$")
_NUMBERED = re.compile(r"^(\d{1,3})\.(?:(?=\s|$)|(?=[^\W\d_a-zа-яё]|[“\"«(]))")  # "10. A", "10.", "10.A"


def _unglue_numbers(lines: list[Line]) -> list[Line]:
    """"10.A statement was also made": a paragraph number some PDF producers glue to its text gets its space
    back where it continues the sequence of paragraph numbers, or of a list's ("1." after a line ending with a
    colon or comma, then "2.", "3."); "1.5 million" and a number out of sequence stay as they are."""
    last_para = last_item = 0
    previous = ""
    for line in lines:
        m = _NUMBERED.match(line.text) if line.text[:1].isdigit() else None
        if m:
            number, glued = int(m.group(1)), line.text[m.end():m.end() + 1] not in ("", " ", "\t")
            if number == last_para + 1:
                last_para, last_item = number, 0
            elif last_item and number == last_item + 1 or number == 1 and previous.endswith((":", ",", "：")):
                last_item = number
            else:
                glued = False
            if glued:
                line.text = f"{line.text[:m.end()]} {line.text[m.end():]}"
        previous = line.text
    return lines


def _join_orphan_labels(lines: list[Line]) -> list[Line]:
    """"1." alone on a line and the paragraph on the next become one line "1. …"."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and _ORPHAN_LABEL.match(prev.text) and not _ORPHAN_LABEL.match(line.text):
            prev.text = f"{prev.text} {line.text}"
            continue
        out.append(line)
    return out
