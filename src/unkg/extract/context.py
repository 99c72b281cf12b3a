"""Stage `extract`: the reading context every fact reader receives.

One `Context` per report: the segmented document and its paragraphs, the language's lexicon, name resolution,
and the reading helpers the fact readers share (sections, sentences, lists, provenance). It also carries what
one reader leaves for another, such as the sittings named so far. Everything language-specific comes from the
lexicon; this module only knows how reports write sentences and lists.
"""
from __future__ import annotations

import re

from unkg.lang.lexicon import Lexicon
from unkg.lang.names import NameResolver
from unkg.lang.scripts import normalise_letters
from unkg.model import Entity, Report, Source
from unkg.read.blocks import Block, Segmented

CUT = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*")  # a passage cut from the source ("[…]")
END_PUNCT = ".;:,。；：，、؛،"
PARENTHESIS = re.compile(r"[(（]([^()（）]+)[)）]")
# A full stop (not after an initial or a title: "U.N.", "Mr.") or a stop of another script. The stop is
# matched first and the lookbehinds checked after it, so that the engine scans for stops: a lookbehind
# tried at every position made this 16 times slower.
SENTENCE_END = re.compile(r"[.。；;؛!?](?:(?<!\.)|(?<![A-Z]\.)(?<!Mr\.)(?<!Ms\.)(?<!Mrs\.)(?<!Dr\.)(?<!Sr\.)(?<!Sra\.)"
                          r"(?=\s|$))")
# An adoption verb and its object ("report", "agenda") stand this close in a sentence that adopts it
# ("adopted the present report", "Le présent rapport a été adopté"), not in one that mentions it further on.
NEAR = 45


def closing_parenthesis(text: str, opened: int) -> int | None:
    """Index of the parenthesis that closes the one opening at text[opened] (full-width ones too), or None."""
    depth = 0
    for i in range(opened, len(text)):
        if text[i] in "(（":
            depth += 1
        elif text[i] in ")）":
            depth -= 1
            if depth == 0:
                return i
    return None


class Context:
    """What a fact reader reads from and writes to: `report` collects the facts."""

    def __init__(self, report: Report, seg: Segmented, lex: Lexicon, names: NameResolver):
        self.report, self.seg, self.lex, self.names = report, seg, lex, names
        self.groups = seg.paragraphs()
        self._kinds: dict[tuple, set[str]] = {}
        self._texts: dict[int, str] = {}
        self.resumed_sitting_dates: dict[int, object] = {}  # a resumed sitting's own day
        self.last_sitting_named: dict[int, int] = {}  # paragraph -> the last sitting it names ("at its 1st meeting")
        self.items_marked: set[str] = set()  # agenda items the body marks under their heading ("(Agenda item 3)")
        self._memo: dict[tuple, object] = {}

    def once(self, key: tuple, compute):
        """compute() the first time key is asked for (a test several readers make of one paragraph)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def is_resolution(self) -> bool:
        """The text is a resolution of a numbered session (A/RES/78/272), not the report of a meeting."""
        return self.report.symbol.special == "RES" and self.report.symbol.session is not None

    # -- provenance ----------------------------------------------------------
    def where(self, source: Source) -> str:
        """"paragraph 14", or "line 43" in a text that numbers no paragraphs."""
        return f"{'line' if self.seg.positions == 'line' else 'paragraph'} {source.paragraph}"

    def source(self, n: int | None) -> Source:
        """Where paragraph (or line) n stands, with the page it starts on."""
        blocks = self.groups.get(n) if n is not None else None
        return Source(n, page=blocks[0].page if blocks and self.seg.paged else None)

    # -- sections and paragraphs -----------------------------------------------
    def kinds(self, block: Block) -> set[str]:
        """The kinds of section a block stands in ("attendance", "officers", …), from its headings."""
        key = (block.section, block.subsection)
        if key not in self._kinds:
            out = set()
            for title in key:
                if title:
                    kind = self.lex.classify("sections", title)
                    if kind:
                        out.add(kind)
            self._kinds[key] = out
        return self._kinds[key]

    def letters(self, labels: list[str]) -> list[str]:
        """List letters as Latin letters: Cyrillic look-alikes, or the lexicon's map (أ -> a)."""
        table = self.lex.get("list_letters", {})
        return normalise_letters([table.get(label, label) for label in labels])

    def para_text(self, n: int) -> str:
        if n not in self._texts:
            self._texts[n] = " ".join(b.text for b in self.groups[n])
        return self._texts[n]

    # -- lists of names -------------------------------------------------------
    def entities_in(self, text: str, source: Source) -> list[Entity]:
        """The participants a sentence names: the list after a colon (to the end of its sentence),
        else every name in it."""
        parts = self.lex.split_at_colon(text)
        if parts:
            listed = parts[1]
            end = SENTENCE_END.search(listed.rstrip().rstrip(".。"))
            return self.resolve_list(listed[:end.start()] if end else listed, source)
        return self.names.scan(text) + self.names.scan_bodies(text)

    def resolve_list(self, listed: str, source: Source) -> list[Entity]:
        """A list's names, longest known names first (a conjunction may sit inside a name)."""
        if CUT.search(listed):
            self.report.warn(f"{self.where(source)}: list cut short in the source ([…])", source)
        listed = CUT.sub(" ", listed).strip().rstrip(END_PUNCT).strip()
        out = self.names.split_list(listed)
        for entity in out:
            if entity.kind == "unresolved":
                self.report.warn(f"{self.where(source)}: unresolved name {entity.surface!r}", source)
        return out

    def items(self, n: int) -> list[Block]:
        """The list items of paragraph n (the blocks after its first that are items)."""
        return [b for b in self.groups[n][1:] if b.kind == "item"]

    def lead_in(self, text: str) -> str:
        """The words that introduce a list: up to its colon, else the whole text."""
        parts = self.lex.split_at_colon(text)
        return parts[0] if parts else text

    # -- sentences -------------------------------------------------------------
    def sentence_around(self, text: str, start: int, end: int) -> str:
        """The sentence of text that holds text[start:end]."""
        left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
        m = SENTENCE_END.search(text, end)
        return text[left:m.start() + 1 if m else len(text)]

    def near(self, verb: str, noun: str, text: str) -> bool:
        """A word of vocabulary `verb` and one of `noun` close together in a sentence, in either order
        ("adopted the following agenda", "l'ordre du jour a été adopté", "通过了本报告")."""
        verbs, nouns = self.lex.vocab_rx(verb), self.lex.vocab_rx(noun)
        for sentence in self.sentences(text):
            starts = [m.start() for m in verbs.finditer(sentence)]
            if any(abs(v - m.start()) <= NEAR for v in starts for m in nouns.finditer(sentence)):
                return True
        return False

    def sentences(self, text: str) -> list[str]:
        out, start = [], 0
        for m in SENTENCE_END.finditer(text):
            out.append(text[start:m.end()])
            start = m.end()
        if text[start:].strip():
            out.append(text[start:])
        return out
