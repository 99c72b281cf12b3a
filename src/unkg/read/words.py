"""Stage `read`: words that PDF extraction broke with spaces, joined again.

A PDF text layer often keeps the kerning gaps of justified lines as spaces inside words: "dr aft", "sp onsoring",
"Commit t ee", "communicat i o n s", "Dom inica", a space beside a hyphen ("Non -Proliferation"). Pieces standing side
by side, one space apart, are joined when what they make is a known word — seen whole elsewhere in the same text, or
in the language's vocabulary (lexicon and names) — and at least one of them is not a word on its own, so that two
real words are never glued: "human kind" stays apart where "human" and "kind" are also seen alone, "with in" and "up
on" stay apart because both are function words.

Cost: a text layer that keeps kerning gaps leaves lone letters that are no words ("o f", "th e", "Commit t ee"), and
one of them is the sign to look for broken words at all: clean text pays for one search. Where there is one, one
split of the text and a few set operations in C find the pieces that could make a word; only those are looked at.
"""
from __future__ import annotations

import operator
import re
from collections import Counter
from functools import lru_cache
from itertools import islice

_MAX_PIECES = 6  # "communicat i o n s"
_MAX_WORD = 40
_MAX_SPLITS = 50  # places one run of pieces is looked for

_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # "d'organisation" too
_PUNCTUATION = re.compile(r"[.,;:()“”«»\"!?\[\]،؛؟]")  # not apostrophes: "People’s" is one word
# letters that may be left alone: lower case Latin and Cyrillic, and Arabic (no case)
_LONE = ("abcdefghijklmnopqrstuvwxyzßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
         + "".join(map(chr, range(0x0621, 0x064B))))

Pieces = tuple[str, ...]


def mend_words(text: str, known: frozenset[str], function: frozenset[str]) -> str:
    """`text` with its broken words joined; `known`: the language's words, `function`: its words that stand
    alone however short (both in lower case)."""
    if not function:  # a language written without spaces between words (Chinese) has no pieces to join
        return text
    # A text layer that keeps kerning gaps leaves lone letters in many places ("Commit t ee", "o f", "th e"):
    # one is the sign to look for broken words at all, and clean text pays only for that search.
    lone = _has_lone_letter(text, function)
    hyphen = " -" in text or "- " in text
    if not lone and not hyphen:
        return text
    low = text.lower()
    joins: dict[Pieces, str] = {}
    words = function  # pieces that are words of their own
    if lone:
        bare = _PUNCTUATION.sub(" ", low)  # "(Мек сика)," is looked at as "мек сика", "l'or dre" as "l' or dre"
        if "'" in bare or "’" in bare:
            bare = bare.replace("'", "' ").replace("’", "’ ")
        toks = bare.split()
        whole = set(toks)
        pairs = set(map(operator.add, toks, islice(toks, 1, None)))
        candidates: dict[Pieces, str] = {}  # pieces that may stand side by side -> the word they would make
        for hit in (pairs & whole) | (pairs & known):
            if len(hit) <= _MAX_WORD and _LETTERS.fullmatch(hit):
                for i in range(1, len(hit)):
                    if hit[:i] in whole and hit[i:] in whole:
                        # "self determination" where "selfdetermination" and "self-determination" are seen
                        compound = f"{hit[:i]}-{hit[i:]}"
                        candidates[(hit[:i], hit[i:])] = compound if compound in whole else hit
        candidates.update(_runs(toks, whole, known))  # three pieces or more ("Commit t ee")
        joins, words = _judged(candidates, bare, toks, function) if candidates else ({}, function)
    if hyphen:
        joins.update(_hyphen_joins(text, low, known, function))
    if not joins:
        return text
    return _apply(text, low, joins, words)


def _apply(text: str, low: str, joins: dict[Pieces, str], words: frozenset[str]) -> str:
    """The joins made in `text`, found in its lower-case form (a search without IGNORECASE is quicker)."""
    rx = _pieces_rx(joins, words)
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): search the text itself
        return re.compile(rx.pattern, re.IGNORECASE).sub(
            lambda m: _join(m.group(0), joins.get(tuple(m.group(0).lower().split(" ")))) if _starts_word(text, m)
            else m.group(0), text)
    out, last = [], 0
    for m in rx.finditer(low):
        if _starts_word(low, m):
            out += [text[last:m.start()], _join(text[m.start():m.end()], joins[tuple(m.group(0).split(" "))])]
            last = m.end()
    return "".join(out) + text[last:] if out else text


def _starts_word(text: str, m: re.Match) -> bool:
    return not text[m.start() - 1:m.start()].isalpha() if m.start() else True


def _runs(toks: list[str], whole: set[str], known: frozenset[str]) -> dict[Pieces, str]:
    """Runs of three to six tokens that together make a word seen whole or known."""
    out: dict[Pieces, str] = {}
    concat = list(map(operator.add, toks, islice(toks, 1, None)))
    for k in range(3, _MAX_PIECES + 1):
        concat = list(map(operator.add, concat, islice(toks, k - 1, None)))
        found = set(concat)
        for hit in (found & whole) | (found & known):
            if len(hit) > _MAX_WORD or not _LETTERS.fullmatch(hit):
                continue
            start = concat.index(hit)
            for _ in range(_MAX_SPLITS):
                out.setdefault(tuple(toks[start:start + k]), hit)
                start = _next(concat, hit, start + 1)
                if start < 0:
                    break
    return out


def _next(items: list[str], item: str, start: int) -> int:
    try:
        return items.index(item, start)
    except ValueError:
        return -1


def _judged(candidates: dict[Pieces, str], bare: str, toks: list[str], function: frozenset[str]) \
        -> tuple[dict[Pieces, str], frozenset[str]]:
    """The candidates that stand side by side in the text and are pieces of one word, not words in their own
    right: one piece at least is no word — a letter or two that is no function word, or a longer piece never
    seen alone (outside the places where pieces stand side by side). With them, the pieces that are words."""
    places = _places(candidates, bare, function)
    shadowed = {p: w for p, w in candidates.items() if p not in places}  # "s e" in "Commission s e réunit"
    if shadowed:
        places.update(_places(shadowed, bare, function))
    inside: Counter = Counter()
    for pieces, n in places.items():
        for piece in pieces:
            inside[piece] += n
    words = function | {p for p in inside if len(p) > 2 and toks.count(p) > inside[p]}
    return {pieces: candidates[pieces] for pieces in places if any(p not in words for p in pieces)}, words


def _places(candidates: dict[Pieces, str], bare: str, words: frozenset[str]) -> Counter:
    """How often each run of pieces stands in the text, one space apart."""
    return Counter(tuple(m.group(0).split(" ")) for m in _pieces_rx(candidates, words).finditer(bare)
                   if _starts_word(bare, m))


def _pieces_rx(pieces: dict[Pieces, str], words: frozenset[str]) -> re.Pattern:
    """Any of the runs of pieces, one space apart. Longest runs first, so that "Develop men t" is taken whole,
    not as "Developmen" and "t"; a word (`words`) joins the piece after it only where that piece does not make
    a word with the next one ("the re port" is "the report", not "there port"; "Commission s e réunit")."""
    starts: dict[str, list[str]] = {}
    for run in pieces:
        if len(run) == 2:
            starts.setdefault(run[0], []).append(run[1])

    def alternative(run: Pieces) -> str:
        out = " ".join(map(re.escape, run))
        after = starts.get(run[-1]) if len(run) == 2 and run[0] in words else None
        return out + rf"(?! (?:{'|'.join(map(re.escape, after))})(?![^\W\d_]))" if after else out

    ordered = sorted(pieces, key=lambda p: (-len(p), -sum(map(len, p))))
    # no look-behind first: a pattern that starts with one is tried at every position (the caller checks that a
    # match starts a word)
    return re.compile(r"(?:" + "|".join(map(alternative, ordered)) + r")(?![^\W\d_])")


def _join(written: str, word: str | None) -> str:
    """The pieces joined into `word`, keeping their letters' case, unless the case says they are two words
    ("on E-commerce"); a hyphen a line break left goes ("Объеди- ненных"), a compound's stays."""
    pieces = written.split(" ")
    for left, right in zip(pieces, pieces[1:]):
        if right[:1].isupper() and not left.endswith("-") and not written.isupper():
            return written
    joined = "".join(pieces)
    if joined.lower() != word and len(pieces) == 2:
        joined = pieces[0][:-1] + pieces[1] if pieces[0].endswith("-") else "-".join(pieces)
    return joined if joined.lower() == word else written


@lru_cache(maxsize=16)
def _lone_letters(function: frozenset[str]) -> re.Pattern:
    """A lower-case letter that is no word of the language between two spaces (a literal space first: a quick
    search)."""
    singles = {w for w in function if len(w) == 1}
    return re.compile(f" [{''.join(c for c in _LONE if c not in singles)}] ")


def _has_lone_letter(text: str, function: frozenset[str]) -> bool:
    """A lone letter between two words on a line ("t" in "Commit t ee"); list letters ("(b)"), initials
    ("F."), "d’Ivoire" and "G77" are not lone."""
    for m in _lone_letters(function).finditer(text):
        if text[m.start() - 1:m.start()].isalpha() and text[m.end():m.end() + 1].isalpha():
            return True
    return False


def _hyphen_joins(text: str, low: str, known: frozenset[str], function: frozenset[str]) -> dict[Pieces, str]:
    """A space beside a hyphen inside a word ("Non -Proliferation", "follow -up"): joined where the word is seen
    whole. A hyphen a line break left, the lines joined with a space ("ре- шении", "Народно- Демократической"):
    the word's pieces joined as a line break joins them (`blocks.join_lines`) — the hyphen dropped before a
    lower-case letter, kept before a capital or where the text prints the compound — unless the piece after it
    is a function word ("двух- и трехсторонних", "pre- and post-session")."""
    found: list[tuple[str, str, bool]] = []  # (left, right, right starts with a capital)
    for gap_text, shift in ((" -", 0), ("- ", 1)):
        gap = low.find(gap_text)
        while gap >= 0:
            space = gap + shift
            if low[space - 1:space].isalpha() or low[space + 1:space + 2].isalpha():
                start = max(low.rfind(" ", 0, space), low.rfind("\n", 0, space)) + 1
                ends = [i for i in (low.find(" ", space + 1), low.find("\n", space + 1)) if i >= 0]
                found.append((low[start:space], low[space + 1:min(ends) if ends else len(low)],
                              text[space + 1:space + 2].isupper()))
            gap = low.find(gap_text, gap + 1)
    if not found:
        return {}
    whole = set(_PUNCTUATION.sub(" ", low).split())
    out: dict[Pieces, str] = {}
    for left, right, capital in found:
        word = _PUNCTUATION.sub("", left + right)
        if left[-1:].isalpha() and right[:1] == "-" and right[1:2].isalpha():
            if word in whole:
                out[(left, right)] = left + right
        elif left[-1:] == "-" and left[-2:-1].isalpha() and right[:1].isalpha() \
                and _PUNCTUATION.sub("", right) not in function:
            dropped = word.replace("-", "", 1)
            keep = word in whole or not (dropped in whole or dropped in known) and capital
            out[(left, right)] = left + right if keep else left[:-1] + right
    return out
