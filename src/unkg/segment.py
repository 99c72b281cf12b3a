"""Segment report text into headings, numbered paragraphs and list items.

Works on the character-normalised text from `reading` (form feeds are page
breaks; blocks record their page and line).  It removes the page furniture PDF
extraction leaves in the flow (running header with the symbol, page "4/5", job
number "V.24-09626", undocs.org link lines, running titles found by their place
and repetition), even in the middle of a sentence or a list, sets footnotes
apart, skips a table of contents, re-joins lines (undoing end-of-line
hyphenation; a label alone on its line joins the next) and cuts the flow into
blocks.  Paragraph numbers must run in sequence: a "4." met while paragraph 14
is expected is an item of a list, not a paragraph.  A text that numbers no
paragraph (one sentence a line) is cut into one position per line.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import symbols

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
_FOOTNOTE_MARK = re.compile(r"^(\d{1,3}|\*{1,3}|[a-z](?=\s{2,}|\t))(?:\s+(\S.*))?$")  # "1", "*", "a  text"
# A label alone on its line, the text on the next (how pdftotext renders numbered paragraphs).
_ORPHAN_LABEL = re.compile(r"^(?:\d{1,3}\s*[.-]|\(\d{1,3}\)|\(?[a-zа-я]\)|\([ivx]{1,5}\)|[IVXL]{1,6}\.|[A-Z]\.)$")
# Table of contents: entries end with the paragraph range and the page ("1–2  5").
# Defaults; a lexicon gives its own under "headings" (contents, contents_columns).
_CONTENTS_HEADING = r"(?:^|\s)(?:Contents|CONTENTS)$"
_CONTENTS_COLUMNS = r"^Paragraphs\s+Page\s*"  # the column heads of the contents
_CONTENTS_ENTRY_END = re.compile(r"(?:\d{1,4}\s*[–—-]\s*)?\d{1,4}\s+\d{1,3}$")
_PARA = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")
_PARA_PAREN = re.compile(r"^\((\d{1,3})\)\s*(\S.*)?$")
# Defaults; a lexicon may give its own under "headings" (level1, level2, annex).
_ROMAN_HEADING = r"^(?:Part\s+)?([IVXL]{1,6})\s*[.–—-]\s+(\S.*)$"
_LETTER_HEADING = r"^([A-HJ-UW-Z])\s*[.–—]\s+(\S.*)$"
_ANNEX_HEADING = r"^(?:Annex|Приложение|Annexe|Anexo)(?:\s+[IVXL]+)?\s*$"
_LETTER_ITEM = re.compile(r"^\(?([a-zа-я]|[\u0621-\u064A]\u0640?)\)\s*(\S.*)?$")  # a) б) (a) (أ) (هـ)
_ROMAN_ITEM = re.compile(r"^\(([ivx]{1,5})\)\s*(\S.*)?$")
_SENTENCE_END = re.compile(r"[.:;!?»)\]。：；！？）؛]\s*$")
_CJK_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Cyrillic letters that look like Latin ones; lists in Russian UN texts use Latin letters.
LOOKALIKES = str.maketrans("асеорхуікм", "aceopxyikm")
_CYRILLIC_ONLY = set("бвгдёжзийлнптфцчшщъыьэюя")


@dataclass
class Block:
    kind: str  # front | heading | para | item | text
    label: str | None  # "I", "A", "14", "a", None
    text: str
    para: int | None  # the numbered paragraph this block belongs to
    section: str | None = None  # title of the enclosing level-1 heading
    subsection: str | None = None  # title of the enclosing level-2 heading
    level: int = 0  # headings: 1 (roman) or 2 (letter)
    indented: bool = False
    page: int | None = None  # page the block starts on (1-based; counted from form feeds)

    def append(self, line: str) -> None:
        self.text = join_lines(self.text, line)


@dataclass
class Segmented:
    blocks: list[Block] = field(default_factory=list)
    header_symbols: Counter = field(default_factory=Counter)
    job_numbers: Counter = field(default_factory=Counter)
    links: list[str] = field(default_factory=list)
    truncated: int = 0  # "[…]" cuts seen
    pages: int = 1  # pages holding text, counted from form feeds
    paged: bool = False  # the input has pages (form feeds, or a paged format): blocks' pages mean something
    masthead_symbol: str | None = None  # the running header's symbol, also printed atop the first page
    unnumbered_sentences: int = 0  # full sentences between the first heading and paragraph 1
    positions: str = "paragraph"  # "line" when the text numbers no paragraph: each line is a position
    contents: list[tuple[str | None, str]] = field(default_factory=list)  # (label, title) from the contents

    @property
    def footnotes(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "footnote"]

    @property
    def front(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "front"]

    def paragraphs(self) -> dict[int, list[Block]]:
        out: dict[int, list[Block]] = {}
        for block in self.blocks:
            if block.para is not None and block.kind in ("para", "item", "text"):
                out.setdefault(block.para, []).append(block)
        return out


def join_lines(left: str, right: str) -> str:
    """Join two physical lines, undoing hyphenation at the break."""
    left, right = left.rstrip(), right.strip()
    if not left:
        return right
    if not right:
        return left
    if left.endswith("-") and len(left) >= 2 and (left[-2].isalnum() or left[-2] in "/."):
        if left[-2].isalpha() and right[0].islower():
            return left[:-1] + right  # "Объеди-" + "ненных"
        return left + right  # "…/2024/4-" + "CTOC/…" or "Народно-" + "Демократическая"
    if _is_cjk(left[-1]) or _is_cjk(right[0]):
        return left + right  # Chinese has no spaces between words
    return f"{left} {right}"


def cjk_value(text: str) -> int | None:
    """一 … 九十九 as written in Chinese headings and ordinals."""
    if not text or any(ch not in _CJK_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CJK_DIGITS[ch]
    return total + current


def numeral_value(label: str, words: dict[str, int] | None = None) -> int | None:
    """A heading number: roman (IV), Chinese (四) or a word from the lexicon (رابعا)."""
    if words and label in words:
        return words[label]
    if re.fullmatch(r"[IVXLC]+", label):
        return roman_value(label)
    return cjk_value(label)


def starts_like_a_sentence(line: str) -> bool:
    """Upper case, or a letter of a script without case (Chinese, Arabic)."""
    ch = line[:1]
    return ch.isupper() or (ch.isalpha() and not ch.islower())


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def roman_value(roman: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(roman):
        v = values[ch]
        total += -v if i + 1 < len(roman) and values[roman[i + 1]] > v else v
    return total


def normalise_letters(letters: list[str]) -> list[str]:
    """List letters: Latin unless the list is visibly Cyrillic (б, в, г …)."""
    if any(ch in _CYRILLIC_ONLY for ch in letters):
        return letters
    return [ch.translate(LOOKALIKES) for ch in letters]


@dataclass
class _Line:
    text: str  # stripped
    indented: bool
    page: int
    number: int  # physical line, 1-based


def _physical_lines(text: str) -> list[tuple[str, int, int]]:
    """(raw line, page, line number); a form feed starts a new page wherever it stands."""
    out = []
    page = 1
    for number, raw in enumerate(text.split("\n"), 1):
        pieces = raw.split("\f")
        out.append((pieces[0], page, number))
        for piece in pieces[1:]:
            page += 1
            out.append((piece, page, number))
    return out


def _table_row(line: str) -> str:
    """A Word table row "| a | b |" as its non-empty cells separated by tabs."""
    return "\t".join(c.strip() for c in line.strip().strip("|").split("|") if c.strip())


_CELL_SPLIT = re.compile(r"\t+|\s{3,}")
_ZONE = 4  # lines at the top and at the foot of a page where running headers and footers stand


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT.split(line.strip()) if c.strip()]


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
    repeated = {cell for cell, n in seen.items() if n >= 2 and len(cell) > 3}
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


def _strip_furniture(lines: list[tuple[str, int, int]], seg: Segmented, symbol_hint: str | None) -> list[_Line]:
    header = symbol_hint or _header_symbol(lines)
    kept: list[_Line] = []
    widths: list[int] = []  # each kept line's indentation
    note_page = None  # the page whose foot holds footnotes, once its rule is passed
    zone: list[_Line] = []  # the lines below the rule
    foot: set[int] | None = None  # the pages' last lines, found when a line starting with a star needs them
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
        if note_page == page:
            zone.append(_Line(line, False, page, number))
            continue
        indented = raw[:1].isspace()
        kept.append(_Line(line, indented, page, number))
        widths.append(len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip()) if indented else 0)
    seg.blocks.extend(_footnotes(zone))
    # pdftotext ends every page with a form feed, the last one too: count pages that hold text
    seg.pages = next((page for raw, page, _ in reversed(lines) if raw.strip()), 1)  # pages only grow
    seg.paged = paged
    # Indented means further in than the text's usual margin: pdftotext -layout indents every line.
    margin = Counter(widths).most_common(1)[0][0] if widths else 0
    for kept_line, width in zip(kept, widths):
        kept_line.indented = width > margin
    return _join_orphan_labels(kept)


def _page_feet(lines: list[tuple[str, int, int]]) -> set[int]:
    """Indexes of the last lines of each page (the foot, where footnotes and footers stand)."""
    by_page: dict[int, list[int]] = {}
    for index, (raw, page, _) in enumerate(lines):
        if raw.strip():
            by_page.setdefault(page, []).append(index)
    return {i for idx in by_page.values() for i in idx[-_FOOT:]}


def _footnotes(zone: list[_Line]) -> list[Block]:
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
        groups: list[list[_Line]] = []
        for ln in texts:
            if not groups or groups[-1][-1].text.rstrip().endswith((".", "。")):
                groups.append([ln])
            else:
                groups[-1].append(ln)
        if len(groups) == len(marks):
            labels = sorted((b.label for b in marks), key=int)
            notes = [Block("footnote", label, " ".join(ln.text for ln in group), None, page=group[0].page) for label, group in zip(labels, groups)]
    return [b for b in notes if b.text]


def _join_orphan_labels(lines: list[_Line]) -> list[_Line]:
    """"1." alone on a line and the paragraph on the next become one line "1. …"."""
    out: list[_Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and _ORPHAN_LABEL.match(prev.text) and not _ORPHAN_LABEL.match(line.text):
            prev.text = f"{prev.text} {line.text}"
            continue
        out.append(line)
    return out


def _numbered_again(lines: list, index: int, number: int, patterns: list[re.Pattern]) -> bool:
    """Line `index` starts with `number`, which may be the next paragraph or the next item of a list whose
    items end with full stops ("3. Other business." "4. Adoption of the report."): it is an item when a later
    line starts with the same number before any starts with the one after it (paragraph numbers are unique).
    Read only in that ambiguous case, and only up to the first line numbered either way."""
    for here in lines[index + 1:]:
        m = next((m for m in (p.match(here.text) for p in patterns) if m), None)
        if m and int(m.group(1)) in (number, number + 1):
            return int(m.group(1)) == number
    return False


def _list_closed(blocks: list[Block]) -> bool:
    """A numbered list ends with a full stop after items that did not: "…;", "…;", "… ."."""
    items = []
    for block in reversed(blocks):
        if block.kind != "item":
            break
        if block.label.isdigit():
            items.append(block)
    if not items or not items[0].text.rstrip().endswith((".", "。")):
        return False
    return not all(b.text.rstrip().endswith((".", "。")) for b in items[1:]) if len(items) > 1 else True


def _contents_title(text: str, columns: re.Pattern) -> tuple[str | None, str]:
    """A contents entry without its paragraph range and page: ("A", "Attendance")."""
    text = columns.sub("", text)
    text = _CONTENTS_ENTRY_END.sub("", text).strip()
    m = re.match(r"^([IVXL]{1,6}|[A-Z])\s*\.\s+(.*)$", text)
    return (m.group(1), m.group(2).strip()) if m else (None, text)


def _read_contents(lines: list[_Line], contents_heading: re.Pattern, columns: re.Pattern, first_roman,
                   para_patterns: list[re.Pattern]) -> tuple[list[tuple[str | None, str]], set[int]]:
    """The table of contents: its entries and the indexes of its lines.

    It runs from the "Contents" heading until the numbering of the headings starts
    again at I (the body), a paragraph 1, or a line that neither ends an entry
    (paragraph range and page) nor continues one."""
    start = next((i for i, ln in enumerate(lines[:80]) if contents_heading.search(ln.text)), None)
    if start is None:
        return [], set()
    entries: list[tuple[str | None, str]] = []
    taken = {start}
    pending = ""  # an entry continued over several lines
    seen_first = False
    for i in range(start + 1, len(lines)):
        text = re.sub(r"\s+", " ", lines[i].text)
        if first_roman(text):
            if seen_first:
                break
            seen_first = True
        if any((m := p.match(text)) and m.group(1) == "1" for p in para_patterns):
            break
        ends_entry = bool(_CONTENTS_ENTRY_END.search(text))
        labelled = bool(re.match(r"^(?:[IVXL]{1,6}|[A-Z])\s*\.\s", text)) or text.startswith("(")
        if not ends_entry and not labelled and not pending and entries:
            break
        taken.add(i)
        if labelled and pending:
            entries.append(_contents_title(pending, columns))
            pending = ""
        pending = f"{pending} {text}".strip()
        if ends_entry:
            entries.append(_contents_title(pending, columns))
            pending = ""
    if pending:
        entries.append(_contents_title(pending, columns))
    return [(label, title) for label, title in entries if title and not title.startswith("(")], taken


@lru_cache(maxsize=1024)
def _title_pattern(label: str | None, title: str) -> re.Pattern:
    """A contents title as printed in the body: any case, any spacing around dashes, label optional."""
    body = r"\s*".join(re.escape(w) for w in re.sub(r"\s*([-–—])\s*", r" \1 ", title).split())
    prefix = rf"(?:{re.escape(label)}\s*\.\s*)?" if label else ""
    return re.compile(rf"^{prefix}{body}(?=\s|$)", re.IGNORECASE)


_LABEL_PREFIX = re.compile(r"^(?:[IVXL]{1,6}|[A-Z])\s*\.\s*")


@lru_cache(maxsize=64)
def _titles_by_initial(titles: tuple[tuple[str | None, str], ...]) \
        -> tuple[dict[str, list[tuple[str | None, str]]], dict[tuple[str | None, str], int]]:
    """The contents' titles by the first letter of their first word, longest title first, and each title's
    rank in that order: a line is tried only against the titles it could start with (a text one sentence
    a line has hundreds of lines)."""
    ordered = sorted(titles, key=lambda t: -len(t[1]))
    index: dict[str, list[tuple[str | None, str]]] = {}
    for label, title in ordered:
        if title.strip():
            index.setdefault(title.strip()[0].lower(), []).append((label, title))
    return index, {t: i for i, t in enumerate(ordered)}


def _split_run_in(text: str, titles: list[tuple[str | None, str]]) -> tuple[tuple[str | None, str], str] | None:
    """A heading run into the sentence after it ("A. Attendance The fifth session …"): split it
    where a title of the contents ends and a sentence begins."""
    if not titles or not text:
        return None
    index, rank = _titles_by_initial(tuple(titles))
    after_label = _LABEL_PREFIX.sub("", text, count=1)
    candidates = index.get(text[0].lower(), [])
    if after_label and after_label[0].lower() != text[0].lower():
        candidates = sorted({*candidates, *index.get(after_label[0].lower(), [])}, key=rank.__getitem__)
    for label, title in candidates:
        m = _title_pattern(label, title).match(text)
        if m:
            rest = text[m.end():].strip()
            if not rest or starts_like_a_sentence(rest):
                return (label, title), rest
    return None


_SENTENCES_BEFORE_BODY = 5
_SENTENCES_BEFORE_PARAGRAPH_1 = 3  # under the first headings, before any numbered paragraph


def _looks_like_a_sentence(text: str) -> bool:
    """Six words or more (twenty characters of a script written without spaces) and a final stop."""
    long_enough = len(text.split()) >= 6 or (len(text) >= 20 and any(_is_cjk(ch) for ch in text[:20]))
    return long_enough and _SENTENCE_END.search(text) is not None


def segment(text: str, symbol_hint: str | None = None, headings: dict | None = None,
            footnotes: list | None = None, stopwords=()) -> Segmented:
    """Cut text into blocks; `headings` (from the lexicon) may override the heading patterns;
    `stopwords` (the lexicon's) help find sections whose heading only the contents print.

    Text with no numbered paragraph at all (one sentence per line, the UN Parallel
    Corpus form) is cut into one position per line, numbered by its line."""
    seg = _cut(text, symbol_hint, headings, footnotes)
    restore_lost_headings(seg, stopwords)
    return seg


def _cut(text: str, symbol_hint: str | None, headings: dict | None, footnotes: list | None) -> Segmented:
    # The page furniture is stripped once for both readings (by paragraph, then by line if need be).
    furniture = Segmented()
    lines = _strip_furniture(_physical_lines(text), furniture, symbol_hint)
    seg = _segment(lines, furniture, headings, footnotes, by_line=False)
    # Numbers that are not paragraph numbers (a list deep in the text) leave the body in the
    # front matter: many full sentences before "paragraph 1" mean the text numbers none.
    sentences_in_front = sum(1 for t in seg.front if _looks_like_a_sentence(t))
    if not seg.paragraphs() or sentences_in_front >= _SENTENCES_BEFORE_BODY \
            or seg.unnumbered_sentences >= _SENTENCES_BEFORE_PARAGRAPH_1:
        by_line = _segment(lines, furniture, headings, footnotes, by_line=True)
        if len(by_line.paragraphs()) > len(seg.paragraphs()):
            return by_line
    return seg


def _segment(lines: list[_Line], furniture: Segmented, headings: dict | None, footnotes: list | None,
             by_line: bool) -> Segmented:
    """One reading of the lines left after the page furniture (`furniture`: what stripping it found)."""
    headings = headings or {}
    roman_heading = re.compile(headings.get("level1", _ROMAN_HEADING))
    letter_heading = re.compile(headings.get("level2", _LETTER_HEADING))
    annex_heading = re.compile(headings.get("annex", _ANNEX_HEADING))
    contents_heading = re.compile(headings.get("contents", _CONTENTS_HEADING))
    para_patterns = [re.compile(headings.get("paragraph", _PARA.pattern)), _PARA_PAREN]
    numeral_words = headings.get("numerals", {})

    def first_roman(text: str) -> bool:
        """Heading I (一、, أولا -): where a body starts, and where the contents end when met again."""
        m = roman_heading.match(text)
        return bool(m) and numeral_value(m.group(1), numeral_words) == 1
    seg = replace(furniture, blocks=[replace(b) for b in furniture.blocks], links=list(furniture.links),
                  header_symbols=Counter(furniture.header_symbols), job_numbers=Counter(furniture.job_numbers))
    if by_line:
        seg.positions = "line"
    in_annex = False
    columns = re.compile(headings.get("contents_columns", _CONTENTS_COLUMNS))
    seg.contents, contents_lines = _read_contents(lines, contents_heading, columns, first_roman, para_patterns)
    # Where the body starts in a text that numbers no paragraph: at the first heading I.
    body_start = next((i for i, ln in enumerate(lines) if i not in contents_lines and first_roman(ln.text)),
                      None) if by_line else None
    anchored = []  # (footnote block, the words its mark follows), to tie the note to its paragraph
    for note in footnotes or ():
        seg.blocks.append(Block("footnote", note.mark, note.text, None, page=note.page))
        anchored.append((seg.blocks[-1], " ".join(getattr(note, "anchor", "").split())))
    para: int | None = None
    last_roman = 0
    last_letter: str | None = None  # the last lettered heading of the current chapter
    section = subsection = None
    current: Block | None = None
    list_number = 0  # last number of a numbered list inside the current paragraph
    started = False
    unnumbered = 0  # sentences after the first heading and before paragraph 1

    def open_block(block: Block) -> Block:
        block.page = here.page
        seg.blocks.append(block)
        return block

    for index, here in enumerate(lines):
        line, indented = here.text, here.indented
        if index in contents_lines:
            before = contents_heading.sub("", line).strip() if contents_heading.search(line) else ""
            if before:  # "REPORT OF … CONTENTS": the title run into the heading of the contents
                current = _front(before, current, open_block)
            current = open_block(Block("contents", None, line, None))
            continue
        if "[…]" in line or "[...]" in line:
            seg.truncated += 1
        if in_annex or (started and annex_heading.match(line)):
            # Annexes (texts of decisions, rules) are kept for references, not read for facts.
            if not in_annex or current is None or current.kind != "annex":
                current = open_block(Block("annex", None, line, None, "annex"))
            else:
                current.append(line)
            in_annex = True
            continue
        if by_line:
            current, started, section, subsection = _by_line(
                here, seg, open_block, roman_heading, letter_heading, para_patterns[0],
                body_start is not None and index < body_start,
                started or (body_start is not None and index >= body_start), section, subsection, current)
            continue
        if started and para is None and _looks_like_a_sentence(line):
            unnumbered += 1
        m_para = next((m for m in (p.match(line) for p in para_patterns) if m), None)
        expected = (para or 0) + 1
        if m_para and int(m_para.group(1)) == expected and not (
                list_number and int(m_para.group(1)) == list_number + 1 and (
                    not _list_closed(seg.blocks) or _numbered_again(lines, index, expected, para_patterns))):
            para = expected
            list_number = 0
            started = True
            current = open_block(Block("para", str(para), m_para.group(2) or "", para, section, subsection))
            continue
        m_roman = roman_heading.match(line)
        number = numeral_value(m_roman.group(1), numeral_words) if m_roman else None
        # a heading may follow one the body lost (restore_lost_headings) if the contents list it
        if number is not None and (number == last_roman + 1 or number > last_roman and _listed(
                m_roman.group(2) or "", seg.contents)):
            last_roman = number
            # "Chapter I" alone on its line, its title on the next (appended to the heading below)
            section, subsection = (m_roman.group(2) or "").strip(), None
            last_letter = None
            started = True
            list_number = 0
            current = open_block(Block("heading", m_roman.group(1), section, para, section, None, level=1))
            continue
        m_letter = letter_heading.match(line)
        if m_letter and started and _next_letter(m_letter.group(1), last_letter) and not (
                current and current.kind == "item" and not _SENTENCE_END.search(current.text)):
            last_letter = m_letter.group(1)
            subsection = m_letter.group(2).strip()
            list_number = 0
            current = open_block(Block("heading", m_letter.group(1), subsection, para, section, subsection, level=2))
            continue
        if m_para and para is not None:
            list_number = int(m_para.group(1))
            current = open_block(Block("item", m_para.group(1), m_para.group(2) or "", para, section, subsection,
                                       indented=indented))
            continue
        m_item = _LETTER_ITEM.match(line) or _ROMAN_ITEM.match(line)
        if m_item and started:
            current = open_block(Block("item", m_item.group(1), m_item.group(2) or "", para, section, subsection,
                                       indented=indented))
            continue
        if not started:
            current = _front(line, current, open_block)
            continue
        new_text_block = (
            current is None
            or current.kind == "heading" and _SENTENCE_END.search(current.text) is not None
            or (indented and starts_like_a_sentence(line) and _SENTENCE_END.search(current.text) is not None)
        )
        if new_text_block:
            current = open_block(Block("text", None, line, para, section, subsection, indented=indented))
        else:
            current.append(line)
            if current.kind == "heading":  # a title on the line after its label ("Chapter I")
                if current.level == 1:
                    section = current.section = current.text
                else:
                    subsection = current.subsection = current.text
    for block in seg.blocks:
        block.text = symbols.despace_symbols(" ".join(block.text.split()))
    for note, anchor in anchored:  # the last block up to the note's page whose text has the words
        note.para = next((b.para for b in reversed(seg.blocks) if anchor and b.kind in ("para", "item", "text")
                          and (b.page or 0) <= (note.page or 0) and anchor in b.text), None)
    seg.unnumbered_sentences = unnumbered
    return seg


def _next_letter(label: str, last: str | None) -> bool:
    """A Latin letter heading follows the one before it (A, B, C; one lost heading allowed), so that an
    initial or honorific starting a line ("M. Ahmed Benali (Maroc)") is not read as heading M."""
    if not ("A" <= label <= "Z") or label == "A":
        return True
    if last is None or not "A" <= last <= "Z":
        return label <= "E"
    return 0 < ord(label) - ord(last) <= 2


def _front(line: str, current: Block | None, open_block) -> Block:
    """Front matter (title, symbol, dates) is one item a cell: Word table cells and -layout
    columns (tabs, runs of spaces) apart; only a hyphenated or comma-ended line runs on."""
    cells = [c for c in _CELL_SPLIT.split(line) if c.strip()]
    for cell in cells:
        if current is not None and current.kind == "front" and current.text.rstrip().endswith(("-", ",")):
            current.append(cell)
        else:
            current = open_block(Block("front", None, cell, None))
    return current


def _by_line(here: _Line, seg: Segmented, open_block, roman_heading, letter_heading, numbered, in_front: bool,
             started: bool, section: str | None, subsection: str | None, current: Block | None):
    """One sentence per line: each line after the front matter is a position numbered by its
    line; headings (labelled, or titles of the contents) may run into the sentence after them;
    list items and short title lines belong to the position before them."""
    line = " ".join(here.text.split())
    if in_front:
        return _front(line, current, open_block), started, section, subsection
    run_in = _split_run_in(line, seg.contents)
    if run_in is None:
        m = roman_heading.match(line) or letter_heading.match(line)
        if m and not _SENTENCE_END.search(line):
            run_in = ((m.group(1), (m.group(2) or "").strip()), "")
    if run_in is not None and (started or run_in[1]):
        (label, title), rest = run_in
        level = 1 if label is None or re.fullmatch(r"[IVXL]+", label) else 2
        if level == 1:
            section, subsection = title, None
        else:
            subsection = title
        started = True
        current = open_block(Block("heading", label, title, None, section, subsection, level=level))
        if not rest:
            return current, started, section, subsection
        line = rest
    if not started and not _looks_like_a_sentence(line):
        return _front(line, current, open_block), started, section, subsection
    started = True
    position = current.para if current is not None and current.kind != "heading" else None
    if position is not None:
        item = _LETTER_ITEM.match(line) or _ROMAN_ITEM.match(line) or _list_number(line, current, seg.blocks, numbered)
        if item:
            current = open_block(Block("item", item.group(1), item.group(2) or "", position, section, subsection))
            return current, started, section, subsection
        if len(line.split()) <= _TITLE_WORDS and not _SENTENCE_END.search(line):
            # a topic line over a list ("Training and exchange of experience")
            current = open_block(Block("text", None, line, position, section, subsection))
            return current, started, section, subsection
    current = open_block(Block("para", str(here.number), line, here.number, section, subsection))
    return current, started, section, subsection


_TITLE_WORDS = 12


def _list_number(line: str, current: Block, blocks: list[Block], numbered: re.Pattern) -> re.Match | None:
    """"1." after a line ending with a colon, or the number after the last item's: a list item."""
    m = numbered.match(line)
    if not m:
        return None
    n = int(m.group(1))
    if n == 1 and current.text.rstrip().endswith((":", "：")):
        return m
    last = next((b for b in reversed(blocks) if b.para != current.para or (b.kind == "item" and b.label.isdigit())),
                None)
    if last is not None and last.para == current.para and n == int(last.label) + 1:
        return m
    return None


# -- sections whose heading the body lost ----------------------------------------------------
# A text version may print a heading only in the table of contents (the UN Parallel Corpus form drops
# some). Such a section is found by its topic: the first paragraph after the section before it whose
# words cover the title well enough, and no longer the topic of the section it would end.
_TOPIC_WORD = 4  # shorter words (articles, prepositions, conjunctions in most languages) carry no topic
_TOPIC_STEM = 5  # letters two words must share to be one word ("cooperation", "cooperate")
_TOPIC_SHARE = 0.5  # of the title's weight (rare words weigh more) that the paragraph must hold
_UNSPACED = "\u3000-\u9fff\uff00-\uffef"  # scripts written without spaces (see _is_cjk)
_TOPIC_WORDS_RX = re.compile(rf"[^\W\d_{_UNSPACED}]{{{_TOPIC_WORD},}}")  # letters only
_IDEOGRAPHS = re.compile(r"[\u3400-\u9fff]{2,}")


def _topic_words(text: str, stop: frozenset[str]) -> set[str]:
    """Lower-cased words that can carry a topic: long enough, letters only, not stop words (the
    lexicon's); a script written without spaces (Chinese) is read in pairs of characters."""
    low = text.casefold()
    out = set(_TOPIC_WORDS_RX.findall(low))
    if not low.isascii():
        for run in _IDEOGRAPHS.findall(low):
            out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out - stop


def _same_word(a: str, b: str) -> bool:
    """One word in two forms: a common beginning of _TOPIC_STEM letters; a short word, all but its last
    letter and an ending of at most two ("вода", "водах"; not "part", "partners"); characters of an
    unspaced script must be equal."""
    if a == b:
        return True
    if _is_cjk(a[0]) or _is_cjk(b[0]):
        return False
    shorter = min(len(a), len(b))
    if shorter > _TOPIC_STEM:
        return a[:_TOPIC_STEM] == b[:_TOPIC_STEM]
    return abs(len(a) - len(b)) <= 2 and a[:shorter - 1] == b[:shorter - 1]


def _heading_key(title: str) -> str:
    return re.sub(r"\W+", "", title.casefold())


def _same_heading(entry: tuple[str | None, str], heading: tuple[str | None, str]) -> bool:
    """The body prints the contents entry (label, key): the same words, maybe followed by more ("(Agenda
    item 2)") or without a label the contents run into them ("ثانيا - …"), or, under the same label, two
    thirds of them ("… (agenda item held in abeyance)" printed "… (Agenda sub-item 4(a) held in abeyance)")."""
    (label, key), (printed_label, printed) = entry, heading
    if printed.startswith(key) or printed and key.endswith(printed) and 2 * len(printed) >= len(key):
        return True
    if label and printed_label and label != printed_label:
        return False
    common = next((n for n, (a, b) in enumerate(zip(key, printed)) if a != b), min(len(key), len(printed)))
    return 3 * common >= 2 * max(len(key), len(printed))


def _listed(title: str, contents: list[tuple[str | None, str]]) -> bool:
    """A heading's title (its first line) is an entry of the contents."""
    key = _heading_key(title)
    if len(key) < 8:
        return False
    entries = (_heading_key(entry) for _, entry in contents)
    return any(entry.startswith(key) or _same_heading((None, entry), (None, key)) for entry in entries)


def restore_lost_headings(seg: Segmented, stopwords=()) -> None:
    """Put back, in contents order, the headings of sections listed in the contents but not printed in
    the body. A missing section starts at the first paragraph (with its list items) after the section
    found before it and before the one found after it whose topic words hold at least half of the
    title's weight (a word weighs more the fewer paragraphs use it; at least two words) while holding
    less of the section it would end (and less than half of it). Texts without contents, or whose
    headings are all printed, pay nothing but one look at their headings."""
    if not seg.contents:
        return
    blocks = seg.blocks
    headings = [(i, (b.label, _heading_key(b.text))) for i, b in enumerate(blocks) if b.kind == "heading"]
    found: list[int | None] = []  # per contents entry, the index of its heading block
    pos = 0
    for label, title in seg.contents:
        entry = (label, _heading_key(title))
        at = next((n for n in range(pos, len(headings)) if _same_heading(entry, headings[n][1])), None)
        found.append(headings[at][0] if at is not None else None)
        pos = at + 1 if at is not None else pos
    if all(i is not None for i in found):
        return
    topics = _Topics(blocks, frozenset(w.casefold() for w in stopwords), [title for _, title in seg.contents])
    if not topics.starts:
        return
    inserts: list[tuple[int, Block]] = []
    floor = -1  # index of the last heading found or put back
    current: tuple[str, int] | None = None  # its title and level
    for n, ((label, title), at) in enumerate(zip(seg.contents, found)):
        level = 1 if label is None or re.fullmatch(r"[IVXL]+", label) else 2
        if at is not None:
            floor, current = at, (title, level)
            continue
        ceiling = next((i for i in found[n + 1:] if i is not None), len(blocks))
        # the section this one would end; a first subsection ends none (its parent goes on)
        start = topics.start(title, current[0] if current and current[1] >= level else None, floor, ceiling)
        if start is None:
            continue
        para = next((b.para for b in reversed(blocks[:start]) if b.kind in ("para", "item", "text")), None)
        inserts.append((start, Block("heading", label, title, None if seg.positions == "line" else para,
                                     level=level, page=blocks[start].page)))
        floor, current = start, (title, level)
    for start, heading in reversed(inserts):
        blocks.insert(start, heading)
    if inserts:
        _reassign_sections(blocks, inserts[0][0])


class _Topics:
    """The body's paragraphs (each with its list items) and the words they use, to find where a topic starts."""

    def __init__(self, blocks: list[Block], stop: frozenset[str], titles: list[str]) -> None:
        self.stop = stop
        # only words that may be forms of the titles' words are kept: two forms share three letters
        beginnings = {word[:3] for title in titles for word in _topic_words(title, stop)}
        self.starts: list[int] = []  # index of each paragraph's first block
        self.index: dict[str, set[int]] = {}  # word -> paragraphs using it
        for i, block in enumerate(blocks):
            if block.kind not in ("para", "item", "text"):
                continue
            if block.kind == "para" or not self.starts or blocks[self.starts[-1]].para != block.para:
                self.starts.append(i)
            for word in _topic_words(block.text, stop):
                if word[:3] in beginnings:
                    self.index.setdefault(word, set()).add(len(self.starts) - 1)
        self.by_beginning: dict[str, list[str]] = {}
        for word in self.index:
            self.by_beginning.setdefault(word[:3], []).append(word)

    def using(self, word: str) -> set[int]:
        """The paragraphs that use the word in any of its forms."""
        out: set[int] = set()
        for form in self.by_beginning.get(word[:3], ()):
            if _same_word(word, form):
                out |= self.index[form]
        return out

    def weights(self, title: str) -> dict[str, tuple[float, set[int]]]:
        """The title's topic words, each weighing more the fewer paragraphs use it (and those paragraphs);
        a word no paragraph uses tells nothing about where the section starts."""
        out = {}
        for word in _topic_words(title, self.stop):
            using = self.using(word)
            if using:
                out[word] = (math.log((len(self.starts) + 1) / len(using)), using)
        return out

    @staticmethod
    def held(weights: dict[str, tuple[float, set[int]]], paragraph: int) -> tuple[int, float]:
        """How many of the weighted words a paragraph holds, and their share of the weight."""
        total = sum(w for w, _ in weights.values())
        held = [w for w, using in weights.values() if paragraph in using]
        return len(held), (sum(held) / total if total else 0.0)

    def start(self, title: str, ended: str | None, floor: int, ceiling: int) -> int | None:
        """The first block of the first paragraph between floor and ceiling that holds the title's topic
        (two of its words or more, half of its weight) and no longer that of the section it ends."""
        weights = self.weights(title)
        if len(weights) < 2:
            return None
        before = self.weights(ended) if ended else {}
        for paragraph, index in enumerate(self.starts):
            if not floor < index < ceiling:
                continue
            count, share = self.held(weights, paragraph)
            if count < 2 or share < _TOPIC_SHARE:
                continue
            share_before = self.held(before, paragraph)[1]
            if share_before < _TOPIC_SHARE and share > share_before:
                return index
        return None


def _reassign_sections(blocks: list[Block], first: int) -> None:
    """Each body block from `first` on under the last level-1 and level-2 headings before it."""
    section = subsection = None
    for block in reversed(blocks[:first]):
        if block.kind in ("heading", "para", "item", "text"):
            section, subsection = block.section, block.subsection
            break
    for block in blocks[first:]:
        if block.kind == "heading":
            if block.level == 1:
                section, subsection = block.text, None
            else:
                subsection = block.text
        if block.kind in ("heading", "para", "item", "text"):
            block.section, block.subsection = section, subsection
