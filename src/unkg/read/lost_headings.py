"""Stage `read`: headings the body lost — a contents entry with no heading in the body is put back by its topic.

In contents order, between the sections found on either side of it; at the first paragraph that holds two or more
of its title's words and at least half of their weight (rare words weigh more); only if that paragraph no longer
holds the topic of the section it would end. Word forms are matched by their first letters; Chinese is read in pairs
of characters.
"""
from __future__ import annotations

import math
import re

from unkg.read.blocks import Block, Segmented
from unkg.lang.scripts import is_cjk
from unkg.read.contents import heading_key, same_heading


_TOPIC_STEM = 5  # letters two words must share to be one word ("cooperation", "cooperate")

_UNSPACED = "\u3000-\u9fff\uff00-\uffef"  # scripts written without spaces (see is_cjk)


def _same_word(a: str, b: str) -> bool:
    """One word in two forms: a common beginning of _TOPIC_STEM letters; a short word, all but its last
    letter and an ending of at most two ("вода", "водах"; not "part", "partners"); characters of an
    unspaced script must be equal."""
    if a == b:
        return True
    if is_cjk(a[0]) or is_cjk(b[0]):
        return False
    shorter = min(len(a), len(b))
    if shorter > _TOPIC_STEM:
        return a[:_TOPIC_STEM] == b[:_TOPIC_STEM]
    return abs(len(a) - len(b)) <= 2 and a[:shorter - 1] == b[:shorter - 1]

# -- sections whose heading the body lost ----------------------------------------------------
# A text version may print a heading only in the table of contents (the UN Parallel Corpus form drops
# some). Such a section is found by its topic: the first paragraph after the section before it whose
# words cover the title well enough, and no longer the topic of the section it would end.
_TOPIC_WORD = 4  # shorter words (articles, prepositions, conjunctions in most languages) carry no topic

_TOPIC_SHARE = 0.5  # of the title's weight (rare words weigh more) that the paragraph must hold

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
    headings = [(i, (b.label, heading_key(b.text))) for i, b in enumerate(blocks) if b.kind == "heading"]
    found: list[int | None] = []  # per contents entry, the index of its heading block
    pos = 0
    for label, title in seg.contents:
        entry = (label, heading_key(title))
        at = next((n for n in range(pos, len(headings)) if same_heading(entry, headings[n][1])), None)
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
