"""The literal gate before a lexicon pattern: what it requires, that it skips texts without it, and that gated and
ungated patterns find the same matches in every language's texts."""
from __future__ import annotations

import re
import sys

import pytest

from unkg.lang.gate import Gated, gated, required_literals
from unkg.lang.lexicon import available_languages, load

from ..conftest import ROOT

SHARED_REAL = ROOT.parent / "shared" / "corpus" / "real"


@pytest.mark.parametrize("pattern, flags, literals", [
    ("session", 0, ("session",)),
    ("(?:первой|второй|третьей)\\s+части", re.I, ("части",)),  # the longer of two required runs
    ("\\bзаявлени\\w*|\\bвыступил\\w*", re.I, ("выступил", "заявлени")),  # one of each branch
    ("(?:под)?пункт\\w*", re.I, ("пункт",)),  # an optional group requires nothing
    ("(?:report){1,2} of", 0, ("report",)),  # a repeated group at least once requires its body
    ("a(?=bcdef)", 0, None),  # a lookahead is not consumed: not counted (the gate stays conservative)
    ("ab|cdef", 0, None),  # a branch with a short literal: a gate would cost more than it saves
    ("\\w+\\s+\\d+", 0, None),
    ("Plenum|ASAMBLEA", 0, ("asamblea", "plenum")),  # compared lower-cased
    ("(?:remarks|comments)\\s+(?:made|given)\\s+by", 0, ("comments", "remarks")),  # never a short literal
    ("secretariat|secretary", re.I, ("secretar",)),  # the shorter of two literals that hold one another
    ("İstanbul", re.I, None),  # re folds "İ" to "i", str.lower makes it two letters: not gated
])
def test_required_literals(pattern, flags, literals):
    assert required_literals(pattern, flags) == literals


@pytest.mark.parametrize("pattern, reach", [
    ("\\bзаявлени\\w*", 0),  # the literal starts the match
    ("(?:a|bc)\\s?report", 3),  # at most three characters before it
    ("\\w+\\s+report", None),  # unbounded: a search starts where it was asked to
    ("(?:first|second)\\s+part", 0),  # each branch's literal starts it
])
def test_reach_is_the_most_a_match_holds_before_its_literal(pattern, reach):
    assert Gated(re.compile(pattern)).reach == reach


def test_a_search_starts_no_later_than_a_match_can():
    rx = gated(re.compile(r"(?:a|bc)\s?report", re.I))
    text = "x" * 50 + "bc REPORT" + "y" * 10
    assert rx.search(text).span() == (50, 59)
    assert [m.span() for m in rx.finditer(text)] == [(50, 59)]


def test_a_gated_pattern_answers_without_running_where_its_literal_is_absent():
    rx = gated(re.compile("(?:первой|второй)\\s+части\\s+заседания", re.I))
    assert isinstance(rx, Gated)
    assert rx._absent("Совещание открыл Председатель.")
    assert not rx._absent("во второй ЧАСТИ ЗАСЕДАНИЯ")
    assert rx.search("во второй ЧАСТИ ЗАСЕДАНИЯ").group(0) == "второй ЧАСТИ ЗАСЕДАНИЯ"
    assert list(rx.finditer("нет")) == [] and rx.sub("X", "нет") == "нет" and rx.findall("нет") == []


def test_a_pattern_requiring_nothing_is_not_wrapped():
    rx = re.compile(r"\d{1,2}\s+\w+")
    assert gated(rx) is rx


@pytest.mark.parametrize("text", ["the ſeſſion opened", "ınformal session", "SESSİON", "Σession"])
def test_letters_that_fold_apart_from_lower_case_are_never_gated_out(text):
    # `re` matches the long s, the dotless i and the dotted capital I case-insensitively where str.lower()
    # would not bring them together: a text holding one is run through the pattern itself
    raw = re.compile("session|informal", re.I)
    assert [m.span() for m in gated(raw).finditer(text)] == [m.span() for m in raw.finditer(text)]


def test_lexicon_patterns_are_gated():
    rx = load("en").rx("statements.made")
    assert isinstance(rx, Gated) and rx.literals


def _texts(lang: str) -> list[str]:
    """Paragraph-sized pieces of the constructed texts of a language, and of the real corpus where present."""
    files = sorted((ROOT / "tests" / "data").rglob(f"*.{lang}.txt")) + sorted((ROOT / "data" / "examples").glob(
        f"*.{lang}.txt"))
    if SHARED_REAL.is_dir():
        files += sorted(SHARED_REAL.rglob(f"*.{lang}.txt"))[:6]
    pieces = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")[:60_000]
        pieces += [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return pieces


def _patterns(lang: str):
    lex = load(lang)
    stack = [((), lex.data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((path + (k,), v) for k, v in value.items())
        elif isinstance(value, (str, list)) and path:
            dotted = ".".join(path)
            try:
                found = lex.rx_all(dotted) + lex.rx_all(dotted, ignore_case=False)
            except (re.error, TypeError):
                continue  # not a pattern (a word list, a name)
            yield from ((dotted, rx) for rx in found if isinstance(rx, Gated))
    for kind, words in lex.get("vocab", {}).items():
        rx = lex.vocab_rx(kind) if isinstance(words, list) else None
        if isinstance(rx, Gated):
            yield f"vocab.{kind}", rx


@pytest.mark.parametrize("lang", available_languages())
def test_gated_and_ungated_patterns_find_the_same(lang):
    texts = _texts(lang)
    assert texts, f"no {lang} texts"
    checked = 0
    for dotted, rx in _patterns(lang):
        for text in texts:
            gated_spans = [m.span() for m in rx.finditer(text)]
            assert gated_spans == [m.span() for m in rx.rx.finditer(text)], (lang, dotted, text[:80])
            third = len(text) // 3  # a window, as readers search near a word ("around the noun")
            found, expected = rx.search(text, third, 2 * third), rx.rx.search(text, third, 2 * third)
            assert (found and found.span()) == (expected and expected.span()), (lang, dotted, text[:80])
            checked += 1
    assert checked > 1000


@pytest.mark.parametrize("pattern, flags, text", [
    ("ΙΡΑ", 0, "ΙΡΑ"),  # the capital iota lower-cases to "ι", once canonicalised to the ypogegrammeni "ͅ"
    ("μια", re.I, "ΜΙΑ"),  # the capital mu lower-cases to "μ", once canonicalised to the micro sign "µ"
    ("ꙋаб", re.I, "ꙊАБ"),  # the capital monograph uk, once canonicalised to "ᲈ"
])
def test_a_capital_matches_where_its_class_holds_a_lower_code_point(pattern, flags, text):
    raw = re.compile(pattern, flags)
    assert isinstance(gated(raw), Gated)
    assert gated(raw).search(text).span() == raw.search(text).span() == (0, 3)


def test_every_letter_a_text_is_compared_by_is_lower_cased_to_what_re_folds_it_to():
    # the gate's premise, over all of Unicode: a character not set apart as rare lower-cases to one character,
    # the one `re` lower-cases it to, and that one is its case class's representative (what literals are mapped to)
    import _sre
    from unkg.lang.gate import _CANON, _RARE
    wrong = []
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if c in _RARE:
            continue
        low = c.lower()
        if len(low) != 1 or ord(low) != _sre.unicode_tolower(code) or _CANON.get(low, low) != low:
            wrong.append(c)
    assert wrong == []


@pytest.mark.parametrize("text", ["x" * 20 + "session" + "y" * 20, "İ" + "x" * 20 + "session"])
def test_a_negative_pos_or_endpos_is_clamped_as_re_does(text):
    raw = re.compile("session")
    rx = gated(raw)
    for pos, endpos in [(-5, sys.maxsize), (-1, len(text)), (0, -3), (-100, -1)]:
        found, expected = rx.search(text, pos, endpos), raw.search(text, pos, endpos)
        assert (found and found.span()) == (expected and expected.span())
        assert [m.span() for m in rx.finditer(text, pos, endpos)] == [m.span() for m in raw.finditer(text, pos, endpos)]
        assert rx.findall(text, pos, endpos) == raw.findall(text, pos, endpos)
