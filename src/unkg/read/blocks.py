"""Stage `read`: the units a segmented document is made of — blocks (front matter, headings, paragraphs, list
items, footnotes) with their page and place, the document that holds them, and physical lines with their pages."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from unkg.lang.scripts import is_cjk


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
    out_of_sequence: int = 0  # numbered lines that skip ahead of the paragraph expected (not read as paragraphs)

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
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return left + right  # Chinese has no spaces between words
    return f"{left} {right}"


def starts_like_a_sentence(line: str) -> bool:
    """Upper case, or a letter of a script without case (Chinese, Arabic)."""
    ch = line[:1]
    return ch.isupper() or (ch.isalpha() and not ch.islower())


@dataclass
class Line:
    text: str  # stripped
    indented: bool
    page: int
    number: int  # physical line, 1-based


def physical_lines(text: str) -> list[tuple[str, int, int]]:
    """(raw line, page, line number); a form feed starts a new page wherever it stands."""
    out = []
    page = 1
    for number, raw in enumerate(text.split("\n"), 1):
        if "\f" not in raw:
            out.append((raw, page, number))
            continue
        pieces = raw.split("\f")
        out.append((pieces[0], page, number))
        for piece in pieces[1:]:
            page += 1
            out.append((piece, page, number))
    return out
