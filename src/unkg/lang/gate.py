"""Stage `lang`: a regex with a literal gate — the words a match cannot do without, looked for before the regex runs.

A fact reader tries each of its lexicon's patterns on every paragraph, and most paragraphs hold none of the words a
pattern needs ("части" for a sitting held in parts, "пункт" for an agenda item). Python's `re` tries a pattern at
every position of the text (about 10 ns a character for an alternation under IGNORECASE); a substring test in the
lower-cased text costs a tenth of that. `Gated` wraps a compiled pattern: `search`, `finditer`, `findall`, `sub` and
`subn` answer at once when the text holds none of the pattern's required literals, and otherwise run the pattern.

The required literals come from the parsed pattern (`re._parser`): a run of literal characters every match consumes,
or one literal from each branch of an alternation that every match takes. The gate is sound, never a heuristic:
the text is compared lower-cased, and a text holding one of the few characters whose case-insensitive match `re`
treats apart from `str.lower` (the long s, the dotless i, old Cyrillic letter forms, the capital dotted I, Greek
sigma…) is never gated. The tests run every lexicon pattern gated and ungated over the corpus and compare.
"""
from __future__ import annotations

import re
import sys
from re import _casefix, _constants as C, _parser  # noqa: the parser `re` itself compiles with (stable since 3.11)
from typing import Any, Iterator

_MIN_LITERAL = 3  # a shorter required literal is in most paragraphs: the gate would cost more than it saves


def _case_classes() -> tuple[dict[str, str], frozenset[str]]:
    """For the characters `re` folds together beyond `str.lower` (`_casefix`): each one's representative, and the
    characters a text cannot be compared by lower-casing alone (their `str.lower` is not its representative).

    The representative is the lower case of the class's capital ("μ" for "Μ", not the micro sign "µ"): a text's
    capitals are only lower-cased, so any other choice would miss a capital the pattern matches."""
    canon: dict[str, str] = {}
    for key, extra in _casefix._EXTRA_CASES.items():
        members = {chr(key), *map(chr, extra)}
        capital = chr(key).upper().lower()
        representative = capital if capital in members else min(members)
        for m in members:
            canon[m] = representative
    candidates = set(canon) | {c for m in canon for c in (m.upper(), m.title()) if len(c) == 1}
    rare = {c for c in candidates if canon.get(c.lower(), c.lower()) != c.lower()}
    return canon, frozenset(rare) | {"\u0130", "\u03a3"}  # İ (two letters lower-cased), Σ (context lower)


_CANON, _RARE = _case_classes()
_RARE_RX = re.compile("[" + re.escape("".join(sorted(_RARE))) + "]")


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Literals (lower-cased) one of which every match of `pattern` contains, or None if no useful set is known."""
    found = _requirement(pattern, flags)
    return found[0] if found else None


def _requirement(pattern: str, flags: int) -> tuple[tuple[str, ...], int | None] | None:
    """The required literals and their reach: the most characters a match can hold before the first of them
    (None: unbounded), so that a search may start that far before the first literal in the text."""
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    found = _required(list(parsed), parsed.state)
    if not found or min(map(len, found[0])) < _MIN_LITERAL:
        return None
    if any(len(c.lower()) != 1 for s in found[0] for c in s):
        return None  # a letter str.lower makes two of ("İ"): its lower-cased text would not hold the literal
    literals = {"".join(_CANON.get(c, c) for c in s.lower()) for s in found[0]}
    # a literal holding another is found only where that one is: the shorter is enough to look for (and may stand
    # further into the match, by less than the longer's length)
    kept = tuple(sorted(s for s in literals if not any(t != s and t in s for t in literals)))
    reach = found[1]
    if reach is not None and len(kept) < len(literals):
        reach += max(map(len, literals))
    return kept, reach


_Requirement = tuple  # (frozenset of literals, reach: int | None)


def _better(a: _Requirement | None, b: _Requirement | None) -> _Requirement | None:
    """The more selective of two requirements: a longer shortest literal, each further literal to look for
    counting as three letters less ("части" over "первой|второй|третьей"), a known reach as two letters more."""
    if not b:
        return a
    if not a:
        return b
    return a if _score(a[0]) + 2 * (a[1] is not None) >= _score(b[0]) + 2 * (b[1] is not None) else b


def _score(literals: frozenset[str]) -> int:
    shortest = min(map(len, literals))
    return shortest - 3 * (len(literals) - 1) - (100 if shortest < _MIN_LITERAL else 0)


def _plus(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _required(items: list, state) -> _Requirement | None:
    """What a sequence of parsed items requires: the best of its literal runs and of its parts' requirements,
    each with the most characters the sequence can hold before it."""
    best: _Requirement | None = None
    run: list[str] = []
    run_at: int | None = 0

    def before(i: int) -> int | None:  # the most characters items[:i] can consume
        high = _parser.SubPattern(state, items[:i]).getwidth()[1] if i else 0
        return None if high >= _UNBOUNDED else high

    for i, (op, av) in enumerate(items + [(None, None)]):
        if op is C.LITERAL:
            if not run:
                run_at = before(i)
            run.append(chr(av))
            continue
        if run:
            best = _better(best, (frozenset(["".join(run)]), run_at))
            run = []
        inner: _Requirement | None = None
        if op is C.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & (re.VERBOSE | re.ASCII | re.LOCALE):
                inner = _required(list(sub), state)
        elif op is C.ATOMIC_GROUP:
            inner = _required(list(av), state)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _required(list(av[2]), state)  # the first repetition holds it
        elif op is C.BRANCH:
            alternatives = [_required(list(branch), state) for branch in av[1]]
            if all(alternatives):
                reaches = [a[1] for a in alternatives]
                inner = (frozenset().union(*(a[0] for a in alternatives)),
                         None if None in reaches else max(reaches))
        if inner:
            best = _better(best, (inner[0], _plus(before(i), inner[1])))
    return best


_WINDOW_REACH = 4  # a longer reach: more match attempts per literal than `re`'s scan costs
_UNBOUNDED = 1 << 16  # a width this large comes from an unbounded repeat ("\\w*")


_LOWERED: dict[str, str | None] = {}  # texts recently gated (a reader asks many patterns of one paragraph)
_LOWERED_SIZE = 64
_UNSEEN = object()


def _lower_cased(text: str) -> str | None:
    """The text lower-cased, or None for a text with a character the gate cannot compare lower-cased."""
    lowered = _LOWERED.get(text, _UNSEEN)
    if lowered is _UNSEEN:
        if len(_LOWERED) >= _LOWERED_SIZE:
            _LOWERED.clear()
        lowered = _LOWERED[text] = None if _RARE_RX.search(text) else text.lower()
    return lowered


class Gated:
    """A compiled pattern that is run only on texts holding one of its required literals (same methods as
    `re.Pattern` for what the readers call; `match` and `fullmatch` at a position run the pattern directly)."""

    __slots__ = ("rx", "literals", "reach", "single", "anchored", "windowed", "pattern", "flags", "groups",
                 "groupindex", "match", "fullmatch", "split")

    def __init__(self, rx: re.Pattern[str]):
        self.rx = rx
        found = _requirement(rx.pattern, rx.flags)
        self.literals, self.reach = found if found else (None, None)
        self.anchored = anchored_at_start(rx.pattern, rx.flags)
        self.single = self.literals[0] if self.literals and len(self.literals) == 1 else None
        # matches start at most a few characters before a literal: tried only there (see _at_literals)
        self.windowed = self.literals is not None and self.reach is not None and self.reach <= _WINDOW_REACH
        self.pattern, self.flags, self.groups, self.groupindex = rx.pattern, rx.flags, rx.groups, rx.groupindex
        self.match, self.fullmatch, self.split = rx.match, rx.fullmatch, rx.split

    def _absent(self, text: str) -> bool:
        """No required literal anywhere in the text: the pattern cannot match it."""
        return self._start(text, 0, len(text)) < 0

    def _start(self, text: str, pos: int, endpos: int) -> int:
        """Where a search of text[pos:endpos] may start: -1 when no required literal stands there, else `reach`
        characters before the first one (a match consumes a literal, so it starts no earlier)."""
        # `re` clamps pos and endpos into the text; str.find would count a negative one from the end, and a
        # negative pos returned would read as "no literal" (comparisons, not min/max: this runs ~800 times a report)
        size = len(text)
        if pos < 0:
            pos = 0
        elif pos > size:
            pos = size
        if endpos > size:
            endpos = size
        elif endpos < 0:
            endpos = 0
        if self.anchored and pos > 0:
            return -1  # "^" (without MULTILINE) and "\\A" match only where the string begins, whatever pos is
        if self.literals is None:
            return pos
        lowered = _LOWERED.get(text, _UNSEEN)
        if lowered is _UNSEEN:
            lowered = _lower_cased(text)
        if lowered is None:
            return pos
        first = lowered.find(self.single, pos, endpos) if self.single is not None \
            else self._first_literal(lowered, pos, endpos)
        if first < 0:
            return -1
        reach = self.reach
        if reach is None:
            return pos
        first -= reach
        return first if first > pos else pos

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        start = self._start(text, pos, endpos)
        if start < 0:
            return None
        # a pattern anchored at the string's start can match only there: tried once, not at every position
        if self.anchored:
            return self.rx.match(text, 0, endpos)
        lowered = _LOWERED.get(text) if self.windowed else None
        if lowered is not None:
            return next(self._at_literals(text, lowered, start, endpos), None)
        return self.rx.search(text, start, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        start = self._start(text, pos, endpos)
        if start < 0:
            return iter(())
        if self.anchored:
            found = self.rx.match(text, 0, endpos)
            return iter((found,) if found else ())
        lowered = _LOWERED.get(text) if self.windowed else None  # (taken now: the cache may be cleared before)
        if lowered is not None:
            return self._at_literals(text, lowered, start, endpos)
        return self.rx.finditer(text, start, endpos)

    def _first_literal(self, lowered: str, pos: int, endpos: int) -> int:
        """Where the first of the required literals stands in lowered[pos:endpos], or -1."""
        first = -1
        for literal in self.literals:  # each after the first looked for only before the earliest found so far
            if first < 0:
                first = lowered.find(literal, pos, endpos)
            else:
                bound = first + len(literal) - 1
                at = lowered.find(literal, pos, bound if bound < endpos else endpos)
                if at >= 0:
                    first = at
        return first

    def _at_literals(self, text: str, lowered: str, start: int, endpos: int) -> Iterator[re.Match[str]]:
        """The matches `finditer` gives from `start`, each tried only at the `reach` positions before a literal: a
        match holds one at most `reach` characters in, so no other position can start one. With a short reach
        that is a few attempts where `re` would try every position of a long paragraph."""
        if endpos > len(text):
            endpos = len(text)
        match, reach = self.rx.match, self.reach
        cursor = tried = start  # literals are looked for from `cursor`; positions before `tried` start no match
        while True:
            first = self._first_literal(lowered, cursor, endpos)
            if first < 0:
                return
            at = first - reach if first - reach > tried else tried
            while at <= first:
                found = match(text, at, endpos)
                if found is not None:
                    yield found
                    end = found.end()
                    cursor = tried = end if end > at else at + 1  # (a match holds a literal: never empty)
                    break
                at += 1
            else:
                cursor = tried = first + 1

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        start = self._start(text, pos, endpos)
        return [] if start < 0 else self.rx.findall(text, start, endpos)

    def sub(self, repl, text: str, count: int = 0) -> str:
        return self.subn(repl, text, count)[0]

    def subn(self, repl, text: str, count: int = 0) -> tuple[str, int]:
        if self._absent(text):
            self.rx.subn(repl, "", count)  # nothing to replace, but a bad template or count raises as re's would
            return text, 0
        return self.rx.subn(repl, text, count)

    def __repr__(self) -> str:
        return f"Gated({self.rx!r}, literals={self.literals!r}, reach={self.reach!r})"


def gated(rx: re.Pattern[str]) -> re.Pattern[str] | Gated:
    """`rx` behind its literal gate, or `rx` itself when no literal is required of a match and it is not anchored."""
    wrapper = Gated(rx)
    return wrapper if wrapper.literals is not None or wrapper.anchored else rx


def anchored_at_start(pattern: str, flags: int = 0) -> bool:
    """Every match of the pattern starts where the string begins: it opens with "\\A", or with "^" outside
    MULTILINE, in each of its branches."""
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return False
    return _opens_anchored(list(parsed), bool(parsed.state.flags & re.MULTILINE))


def _opens_anchored(items: list, multiline: bool) -> bool:
    if not items:
        return False
    op, av = items[0]
    if op is C.AT:
        return av is C.AT_BEGINNING_STRING or (av is C.AT_BEGINNING and not multiline)
    if op is C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        inner = (multiline or bool(add_flags & re.MULTILINE)) and not del_flags & re.MULTILINE
        return _opens_anchored(list(sub), inner)
    if op is C.ATOMIC_GROUP:
        return _opens_anchored(list(av), multiline)
    if op is C.BRANCH:
        return all(_opens_anchored(list(branch), multiline) for branch in av[1])
    return False
