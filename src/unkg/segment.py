"""Segment report text into headings, numbered paragraphs and list items.

Works on the character-normalised text from `reading`.  It removes the page
furniture PDF extraction leaves in the flow (running header with the symbol,
page "4/5", job number "V.24-09626", undocs.org link lines), even in the middle
of a sentence or a list, re-joins lines (undoing end-of-line hyphenation) and
cuts the flow into blocks.  Paragraph numbers must run in sequence: a "4." met
while paragraph 14 is expected is an item of a list, not a paragraph.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import symbols

JOB_NUMBER = re.compile(r"\b([A-Z])\.?(\d{2})-(\d{5})\b")
_PAGE = r"\d{1,3}\s*/\s*\d{1,3}"
_JOB = r"[A-Z]\.\d{2}-\d{5}(?:\s*\([A-Z]\))?"
_FURNITURE = re.compile(
    rf"^(?:{_PAGE}|{_JOB}|{_PAGE}\s+{_JOB}|{_JOB}\s+{_PAGE}|\*\d{{7,}}\*|https?://\S+|[-–—]\s*\d{{1,3}}\s*[-–—])$"
)
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

    def append(self, line: str) -> None:
        self.text = join_lines(self.text, line)


@dataclass
class Segmented:
    blocks: list[Block] = field(default_factory=list)
    header_symbols: Counter = field(default_factory=Counter)
    job_numbers: Counter = field(default_factory=Counter)
    links: list[str] = field(default_factory=list)
    truncated: int = 0  # "[…]" cuts seen

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


def _strip_furniture(lines: list[str], seg: Segmented, symbol_hint: str | None) -> list[tuple[str, bool]]:
    standalone = Counter(s.strip() for s in lines if symbols.is_symbol(s.strip()))
    header = symbol_hint
    if header is None and standalone:
        header = standalone.most_common(1)[0][0]
    kept = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if header is not None and line == header:
            seg.header_symbols[line] += 1
            continue
        if _FURNITURE.match(line):
            for m in JOB_NUMBER.finditer(line):
                seg.job_numbers[f"{m.group(1)}.{m.group(2)}-{m.group(3)}"] += 1
            if line.startswith("http"):
                seg.links.append(line)
            continue
        kept.append((line, raw[:1].isspace()))
    return kept


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


def segment(text: str, symbol_hint: str | None = None, headings: dict | None = None) -> Segmented:
    """Cut text into blocks; `headings` (from the lexicon) may override the heading patterns."""
    headings = headings or {}
    roman_heading = re.compile(headings.get("level1", _ROMAN_HEADING))
    letter_heading = re.compile(headings.get("level2", _LETTER_HEADING))
    annex_heading = re.compile(headings.get("annex", _ANNEX_HEADING))
    para_patterns = [re.compile(headings.get("paragraph", _PARA.pattern)), _PARA_PAREN]
    numeral_words = headings.get("numerals", {})
    seg = Segmented()
    in_annex = False
    lines = _strip_furniture(text.split("\n"), seg, symbol_hint)
    para: int | None = None
    last_roman = 0
    section = subsection = None
    current: Block | None = None
    list_number = 0  # last number of a numbered list inside the current paragraph
    started = False

    def open_block(block: Block) -> Block:
        seg.blocks.append(block)
        return block

    for line, indented in lines:
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
        m_para = next((m for m in (p.match(line) for p in para_patterns) if m), None)
        expected = (para or 0) + 1
        if m_para and int(m_para.group(1)) == expected and not (
                list_number and int(m_para.group(1)) == list_number + 1 and not _list_closed(seg.blocks)):
            para = expected
            list_number = 0
            started = True
            current = open_block(Block("para", str(para), m_para.group(2) or "", para, section, subsection))
            continue
        m_roman = roman_heading.match(line)
        if m_roman and numeral_value(m_roman.group(1), numeral_words) == last_roman + 1:
            last_roman += 1
            section, subsection = m_roman.group(2).strip(), None
            started = True
            list_number = 0
            current = open_block(Block("heading", m_roman.group(1), section, para, section, None, level=1))
            continue
        m_letter = letter_heading.match(line)
        if m_letter and started and not (current and current.kind == "item" and not _SENTENCE_END.search(current.text)):
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
            # Front matter (title, symbol, dates) is one item a line; only a hyphenated
            # or comma-ended line runs on.
            if current is not None and current.kind == "front" and current.text.rstrip().endswith(("-", ",")):
                current.append(line)
            else:
                current = open_block(Block("front", None, line, None))
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
    for block in seg.blocks:
        block.text = re.sub(r"\s+", " ", block.text).strip()
    return seg
