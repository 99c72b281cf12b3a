"""A static check of Python regular expressions for exponential backtracking (tests/test_regex_safety.py).

Python's `re` backtracks: a pattern where one string can be matched in exponentially many ways runs for
ever on a string that almost matches (`(?:PREFIX[^{]*?)*\\s*INSERT` on thirty PREFIX lines stopped the
server, issue 11).  Two shapes cause it, and both are found here on the parsed pattern (`re._parser`):

- a repeat inside a repeat, where the inner one can end an iteration of the outer and the characters it
  takes can also begin the next one, or make up a whole iteration: `(\\w+\\s?)*`, `(a+)+`, `(?:x[^{]*?)*`,
  `(?:a*\\)a*)*` (but not `(?:[a-z]\\)[^()]*)*`: every iteration needs a ")" the inner repeat cannot take);
- an alternation inside a repeat whose branches can begin with the same character: `(?:\\s|\\n)*`.

Character sets are evaluated over a probe alphabet (ASCII, Latin-1, Cyrillic, Arabic, CJK and the
punctuation of the reports), which is enough to see overlaps between the classes these patterns use.
"""
from __future__ import annotations

import re
from re import _constants as C  # noqa: N812
from re import _parser as P  # noqa: N812

PROBE = frozenset(
    [chr(c) for c in range(0x09, 0x7F)] + [chr(c) for c in range(0xA0, 0x100)]
    + [chr(c) for c in range(0x400, 0x460)] + [chr(c) for c in range(0x600, 0x660)]
    + list("一二三四五六七八九十年月日会议、，。：；！？（）《》「」") + list("–—‘’“”«»…•\u2028\u3000"))
REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)


def _category(cat, c: str) -> bool:
    return {C.CATEGORY_DIGIT: c.isdecimal(), C.CATEGORY_NOT_DIGIT: not c.isdecimal(),
            C.CATEGORY_SPACE: c.isspace(), C.CATEGORY_NOT_SPACE: not c.isspace(),
            C.CATEGORY_WORD: c.isalnum() or c == "_", C.CATEGORY_NOT_WORD: not (c.isalnum() or c == "_")}[cat]


class Analysis:
    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.parsed = P.parse(pattern, flags)
        self.flags = self.parsed.state.flags
        self.problems: list[str] = []

    # -- character sets ---------------------------------------------------------
    def _chars(self, op, av) -> frozenset:
        ignore = self.flags & re.IGNORECASE
        if op == C.LITERAL:
            c = chr(av)
            return frozenset({c, c.lower(), c.upper()} if ignore else {c}) & PROBE | {c}
        if op == C.NOT_LITERAL:
            c = chr(av)
            return PROBE - ({c, c.lower(), c.upper()} if ignore else {c})
        if op == C.ANY:
            return PROBE if self.flags & re.DOTALL else PROBE - {"\n"}
        if op == C.IN:
            negate = any(o == C.NEGATE for o, _ in av)
            out = set()
            for c in PROBE:
                hit = False
                for o, a in av:
                    if o == C.LITERAL and (c == chr(a) or ignore and c.lower() == chr(a).lower()):
                        hit = True
                    elif o == C.RANGE and (a[0] <= ord(c) <= a[1] or ignore and (
                            a[0] <= ord(c.lower()) <= a[1] or a[0] <= ord(c.upper()[0]) <= a[1])):
                        hit = True
                    elif o == C.CATEGORY and _category(a, c):
                        hit = True
                if hit != negate:
                    out.add(c)
            return frozenset(out)
        return frozenset()

    def first(self, items) -> tuple[frozenset, bool]:
        """Characters that can begin a match of the sequence, and whether it can match the empty string."""
        out: set = set()
        for op, av in items:
            chars, empty = self._first_one(op, av)
            out |= chars
            if not empty:
                return frozenset(out), False
        return frozenset(out), True

    def _first_one(self, op, av) -> tuple[frozenset, bool]:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return self._chars(op, av), False
        if op in REPEATS or op == C.POSSESSIVE_REPEAT:
            chars, empty = self.first(av[2])
            return chars, empty or av[0] == 0
        if op == C.SUBPATTERN:
            return self.first(av[3])
        if op == C.ATOMIC_GROUP:
            return self.first(av)
        if op == C.BRANCH:
            out, empty = set(), False
            for branch in av[1]:
                chars, e = self.first(branch)
                out |= chars
                empty |= e
            return frozenset(out), empty
        if op == C.GROUPREF_EXISTS:
            chars, empty = self.first(av[1])
            other, e2 = self.first(av[2]) if av[2] else (frozenset(), True)
            return chars | other, empty or e2
        return frozenset(), True  # anchors, lookarounds, back-references: no character taken here

    def chars(self, items) -> frozenset:
        """Every character a match of the sequence can contain."""
        out: set = set()
        for op, av in items:
            if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
                out |= self._chars(op, av)
            elif op in REPEATS or op == C.POSSESSIVE_REPEAT:
                out |= self.chars(av[2])
            elif op == C.SUBPATTERN:
                out |= self.chars(av[3])
            elif op == C.ATOMIC_GROUP:
                out |= self.chars(av)
            elif op == C.BRANCH:
                for branch in av[1]:
                    out |= self.chars(branch)
            elif op == C.GROUPREF_EXISTS:
                out |= self.chars(av[1]) | (self.chars(av[2]) if av[2] else set())
        return frozenset(out)

    # -- the two shapes --------------------------------------------------------------
    def check(self) -> list[str]:
        self._walk(list(self.parsed), atomic=False)
        return self.problems

    def _walk(self, items, atomic: bool) -> None:
        for op, av in items:
            if op in REPEATS:
                lo, hi, body = av
                if hi > 1 and not atomic:
                    self._check_repeat(list(body))
                self._walk(list(body), atomic)
            elif op == C.POSSESSIVE_REPEAT:
                self._walk(list(av[2]), True)
            elif op == C.ATOMIC_GROUP:
                self._walk(list(av), True)
            elif op == C.SUBPATTERN:
                self._walk(list(av[3]), atomic)
            elif op == C.BRANCH:
                for branch in av[1]:
                    self._walk(list(branch), atomic)
            elif op in (C.ASSERT, C.ASSERT_NOT):
                self._walk(list(av[1]), atomic)
            elif op == C.GROUPREF_EXISTS:
                self._walk(list(av[1]), atomic)
                if av[2]:
                    self._walk(list(av[2]), atomic)

    def tails(self, items):
        """(min, max, body) of the repeats that can take the last characters of a match of the sequence."""
        for op, av in reversed(items):
            if op in REPEATS:
                yield av
                yield from self.tails(list(av[2]))
            elif op == C.SUBPATTERN:
                yield from self.tails(list(av[3]))
            elif op == C.BRANCH:
                for branch in av[1]:
                    yield from self.tails(list(branch))
            if not self._first_one(op, av)[1]:
                return

    def _check_repeat(self, body) -> None:
        body = list(_flatten(body))
        # The characters the optional elements at the start of an iteration can take, and the character sets
        # of the elements every iteration must match.
        head: set = set()
        for op, av in body:
            if not self._first_one(op, av)[1]:
                break
            head |= self.chars([(op, av)])
        mandatory = [self.chars([(op, av)]) for op, av in body if not self._first_one(op, av)[1]]
        # A repeat that can end an iteration splits the text with the next iteration in many ways when the
        # optional start of the next iteration can take its characters, or when a whole iteration can be made
        # of its characters (every mandatory element can match one of them).
        for inner in self.tails(body):
            if inner[1] <= 1:
                continue
            tail = self.chars(inner[2])
            if tail & head or all(m & tail for m in mandatory):
                shared = (tail & head) or tail
                self.problems.append(f"nested repeat: {_sample(shared)!r} can end one iteration and begin the next")
        # An empty-matching body repeated (`(a*)*`) or branches that begin alike (`(?:a|ab)*`).
        for op, av in body if len(body) == 1 else []:
            branches = av[1] if op == C.BRANCH else av[3][0][1][1] if op == C.SUBPATTERN and len(av[3]) == 1 \
                and av[3][0][0] == C.BRANCH else None
            if branches:
                firsts = [self.first(b)[0] for b in branches]
                for a in range(len(firsts)):
                    for b in range(a + 1, len(firsts)):
                        if firsts[a] & firsts[b]:
                            self.problems.append(f"alternation in a repeat: branches {a + 1} and {b + 1} can both "
                                                 f"begin with {_sample(firsts[a] & firsts[b])!r}")


def _flatten(items):
    """The sequence with its groups opened: `(a)(b)` is the sequence a, b."""
    for op, av in items:
        if op == C.SUBPATTERN:
            yield from _flatten(av[3])
        else:
            yield op, av


def _sample(chars) -> str:
    return "".join(sorted(chars)[:5])


def problems(pattern: str, flags: int = 0) -> list[str]:
    return Analysis(pattern, flags).check()
