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


@pytest.mark.parametrize("pattern, flags, anchored", [
    ("^Совещание", 0, True),
    ("\\Asession", re.M, True),  # \A ignores MULTILINE
    ("^session", re.M, False),  # under MULTILINE "^" also matches after each newline
    ("(?m:^session)", 0, False),
    ("^a|^b", 0, True),
    ("^a|b", 0, False),  # one branch may match anywhere
    ("(?:^a)?b", 0, False),
    ("(?<=x)^a", 0, False),  # what comes first is not the anchor: not counted
])
def test_patterns_anchored_at_the_start(pattern, flags, anchored):
    from unkg.lang.gate import anchored_at_start

    assert anchored_at_start(pattern, flags) is anchored


def test_an_anchored_pattern_is_tried_once_where_the_string_begins():
    raw = re.compile(r"^(?:Кроме\s+того,\s+)?\w+\s+постановило", re.I)
    rx = gated(raw)
    assert isinstance(rx, Gated) and rx.anchored
    for text in ("Совещание постановило X.", "X. Совещание постановило", "Кроме того, Совещание постановило"):
        for pos in (0, 1, 5):
            found, expected = rx.search(text, pos), raw.search(text, pos)
            assert (found and found.span()) == (expected and expected.span())
            assert [m.span() for m in rx.finditer(text, pos)] == [m.span() for m in raw.finditer(text, pos)]


def test_a_search_starts_no_later_than_a_match_can():
    rx = gated(re.compile(r"(?:a|bc)\s?report", re.I))
    text = "x" * 50 + "bc REPORT" + "y" * 10
    assert rx.search(text).span() == (50, 59)
    assert [m.span() for m in rx.finditer(text)] == [(50, 59)]


@pytest.mark.parametrize("pattern,text", [
    (r"ааа\d", "аааа1 ааа2"),  # occurrences of the literal overlap: the match holds the second
    (r"\bзаявлени\w*|\bвыступил\w*", "выступили; заявления, невыступил, выступил"),  # several literals
    (r"[Пп]редставител\w*", "Представитель и представители"),  # a match starts before its literal
    (r"(?<!\w)пункт\w*", "подпункт пункты пункт"),  # an occurrence inside a word starts no match
    (r"x?отчет", "xxотчетотчет xотчет"),  # matches next to each other
])
def test_matches_tried_only_before_a_literal_are_res_matches(pattern, text):
    raw = re.compile(pattern, re.I)
    rx = gated(raw)
    assert isinstance(rx, Gated) and rx.windowed
    for pos in range(len(text) + 1):
        for endpos in (len(text), len(text) - 1, pos + 4):
            found, expected = rx.search(text, pos, endpos), raw.search(text, pos, endpos)
            assert (found and found.span()) == (expected and expected.span()), (pos, endpos)
            assert [m.span() for m in rx.finditer(text, pos, endpos)] == \
                [m.span() for m in raw.finditer(text, pos, endpos)], (pos, endpos)


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


def test_a_bad_replacement_raises_where_the_literal_is_absent_too():
    with pytest.raises(re.error):
        gated(re.compile("session")).sub(r"\g<9>", "nothing to replace")


# A seeded random comparison: patterns from a small grammar (literals over letters `re` folds apart from
# str.lower, classes, anchors, groups with scoped flags, atomic groups, lookarounds, backreferences,
# conditionals, greedy/lazy/possessive repeats, alternation) and texts built around strings sampled from the
# pattern itself, so that most texts hold a match and many a literal the search may skip ahead to.
_LETTERS = list("abiksx -\n") + ["I", "İ", "ı", "S", "ſ", "K", "\u212a", "σ", "ς", "Σ", "ß", "ẞ", "в", "В", "ᲀ",
                                 "μ", "Μ", "µ", "ι", "Ι", "ͅ", "ﬅ", "ﬆ", "é", "É", "Ꙋ", "ꙋ"]
_WORDS = ["sis", "kiss", "isk", "abab", "ssi", "ßik", "вσς", "Σiß", "kIsS", "aaa", "ıis", "μιa", "ΜΙΑ", "ﬅab"]
_UNITS = [r"\w", r"\s", r"\d", ".", r"\W", "[abs]", "[^a]", "[ſk]", "[İi]", "[a-z]", "[Σσ]"]
_ANCHORS = [r"\b", r"\B", "^", "$", r"\A", r"\Z"]
_GROUPS = ["(?:%s)", "(%s)", "(?i:%s)", "(?-i:%s)", "(?a:%s)", "(?>%s)", "(?=%s)", "(?!%s)", "(?s:%s)", "(?m:%s)"]
_REPEATS = ["?", "*", "+", "{1,2}", "{0,3}", "{2}", "??", "*?", "+?", "++", "*+", "?+", "{1,3}?"]
_FLAGS = [0, re.I, re.I, re.I | re.A, re.M, re.I | re.S, re.I | re.X]


def _word(r) -> str:
    return r.choice(_WORDS) if r.random() < 0.7 else "".join(r.choice(_LETTERS) for _ in range(r.randint(1, 5)))


def _pattern(r, depth: int = 0, groups: list[int] | None = None) -> str:
    groups = groups if groups is not None else [0]
    out = "".join(_item(r, depth, groups) for _ in range(r.randint(1, 4)))
    return out + "|" + _pattern(r, depth + 1, groups) if depth < 2 and r.random() < 0.2 else out


def _item(r, depth: int, groups: list[int]) -> str:
    k = r.random()
    if k < 0.35 or depth >= 3:
        atom = re.escape(_word(r))
    elif k < 0.45:
        atom = r.choice(_UNITS)
    elif k < 0.52:
        return r.choice(_ANCHORS)
    elif k < 0.75:
        kind = r.choice(_GROUPS)
        groups[0] += kind == "(%s)"
        atom = kind % _pattern(r, depth + 1, groups)
    elif k < 0.82:
        return r.choice(["(?<=%s)", "(?<!%s)"]) % re.escape(_word(r))
    elif k < 0.87 and groups[0]:
        return "\\%d" % r.randint(1, groups[0])
    elif k < 0.9 and groups[0]:
        return "(?(%d)%s|%s)" % (r.randint(1, groups[0]), re.escape(_word(r)), re.escape(_word(r)))
    else:
        atom = "(?:%s)" % _pattern(r, depth + 1, groups)
    return "(?:%s)%s" % (atom, r.choice(_REPEATS)) if r.random() < 0.4 else atom


def _sample(r, items, groups: dict, icase: bool) -> str:
    """A string the parsed items roughly match (lookarounds ignored), each letter in a case `re` may fold it to."""
    from re import _constants as C
    out = []
    for op, av in items:
        if op is C.LITERAL:
            c = chr(av)
            out.append(r.choice([x for x in _LETTERS if re.fullmatch("(?i)" + re.escape(c), x)] or [c])
                       if icase and r.random() < 0.5 else c)
        elif op in (C.NOT_LITERAL, C.ANY, C.IN):
            out.append(r.choice(_LETTERS))
        elif op is C.SUBPATTERN:
            group, add, drop, sub = av
            out.append(_sample(r, sub, groups, (icase or bool(add & re.I)) and not drop & re.I))
            groups[group] = out[-1]
        elif op is C.ATOMIC_GROUP:
            out.append(_sample(r, av, groups, icase))
        elif op is C.BRANCH:
            out.append(_sample(r, r.choice(av[1]), groups, icase))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            out += [_sample(r, av[2], groups, icase) for _ in range(r.randint(av[0], min(av[1], av[0] + 2)))]
        elif op is C.GROUPREF:
            out.append(groups.get(av, ""))
        elif op is C.GROUPREF_EXISTS:
            out.append(_sample(r, av[1] if av[0] in groups else av[2] or [], groups, icase))
    return "".join(out)


def _text(r, rx: re.Pattern[str]) -> str:
    from re import _parser
    from unkg.lang.gate import _RARE
    common = [c for c in _LETTERS if c not in _RARE]
    noise = lambda n: "".join(r.choice(_LETTERS if r.random() < 0.05 else common) for _ in range(n))  # noqa: E731
    parsed = list(_parser.parse(rx.pattern, rx.flags))
    return "".join(noise(r.randint(0, 12)) + _sample(r, parsed, {}, bool(rx.flags & re.I))
                   for _ in range(r.randint(1, 3))) + noise(r.randint(0, 4))


def _compare(raw: re.Pattern[str], rx: Gated, text: str, r) -> None:
    spans = lambda ms: [(m.span(), m.groups()) for m in ms]  # noqa: E731
    pos = r.choice([0, 0, r.randint(-3, len(text) + 2)])
    endpos = r.choice([sys.maxsize, r.randint(-2, len(text) + 3)])
    found, expected = rx.search(text, pos, endpos), raw.search(text, pos, endpos)
    assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))
    assert spans(rx.finditer(text, pos, endpos)) == spans(raw.finditer(text, pos, endpos))
    assert spans(rx.finditer(text)) == spans(raw.finditer(text))
    assert rx.findall(text, pos, endpos) == raw.findall(text, pos, endpos)
    count = r.choice([0, 1, 2])
    assert rx.sub("<\\g<0>>", text, count) == raw.sub("<\\g<0>>", text, count)
    assert rx.subn("#", text, count) == raw.subn("#", text, count)


def test_gated_and_ungated_agree_on_random_patterns_and_texts(seed: int = 20240611, patterns: int = 600):
    import random
    r = random.Random(seed)
    compared = 0
    while compared < patterns:
        source, flags = _pattern(r), r.choice(_FLAGS)
        try:
            raw = re.compile(source, flags)
        except (re.error, OverflowError, RecursionError):
            continue
        rx = gated(raw)
        if not isinstance(rx, Gated):
            continue
        compared += 1
        for _ in range(8):
            text = _text(r, raw)
            try:
                _compare(raw, rx, text, r)
            except AssertionError:
                pytest.fail(f"gated and ungated differ: pattern {source!r}, flags {flags!r}, text {text!r}")
