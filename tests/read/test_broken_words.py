"""Words a PDF text layer broke with kerning spaces ("dr aft", "Commit t ee", "Dom inica") must not change the
facts (issue 17): they are joined again where what they make is a known word, and two real words are never glued.
Constructed texts only (tests/data/artefacts, the examples)."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from unkg.lang.lexicon import load
from unkg.lang.names import known_words, resolver
from unkg.read.text import normalise
from unkg.read.words import mend_words

from ..conftest import EXAMPLES, TESTDATA
from ..extract.test_perturbations import answers


# -- words broken by kerning spaces --------------------------------------------------------------------------
@pytest.mark.parametrize("lang,text,expected", [
    # key words of the lexicon, seen nowhere else whole, and a lone letter elsewhere in the text
    ("en", "The Commit t ee rejec ted the dr aft decision; Ghana joined in sp onsoring it.",
     "The Committee rejected the draft decision; Ghana joined in sponsoring it."),
    # a word seen whole elsewhere in the same text; letters apart
    ("en", "the communicat i o n s cables and communications; the re port and the report.",
     "the communications cables and communications; the report and the report."),
    # two real words stay apart: both seen alone, or both function words; a capital starts a word
    ("en", "human kind, human rights and kind words, humankind; with in, within; up on, upon; on E-commerce; t",
     "human kind, human rights and kind words, humankind; with in, within; up on, upon; on E-commerce; t"),
    # a space beside a hyphen; a compound's hyphen where the text prints the compound
    ("en", "Non -Proliferation, Non-Proliferation; self determination, selfdetermination and self-determination "
           "o f peoples of", "Non-Proliferation, Non-Proliferation; self-determination, selfdetermination and "
                             "self-determination of peoples of"),
    ("fr", "l'or dre du jour et l'ordre; la Commi ssion et la Commission s e réunit; la Commission se",
     "l'ordre du jour et l'ordre; la Commission et la Commission se réunit; la Commission se"),
    ("ru", "Объеди- ненных Наций и Объединенных Наций; Народно- Демократической и Народно-Демократической ж",
     "Объединенных Наций и Объединенных Наций; Народно-Демократической и Народно-Демократической ж"),
    # a line ending with a hyphen joined to the next with a space: a word again, unless a function word follows
    ("ru", "в ре- шении 2/6, пред- ставитель секретариата, двух- и трехсторонних",
     "в решении 2/6, представитель секретариата, двух- и трехсторонних"),
    ("en", "pre- and post-session consul- tations with Secretary- General",
     "pre- and post-session consultations with Secretary-General"),
])
def test_broken_words_are_joined_and_real_words_kept_apart(lang, text, expected):
    assert mend_words(text, *known_words(lang)) == expected


def test_clean_text_is_left_as_it_is():
    """No lone letter and no space beside a hyphen: nothing to mend, and only a search is paid for."""
    text = (EXAMPLES / "example-report.ru.txt").read_text(encoding="utf-8")
    assert mend_words(text, *known_words("ru")) is text


def test_combining_dot_on_an_i_is_dropped_and_the_name_resolves():
    """"Türki̇ ye": a lower-cased "İ" leaves a combining dot on the "i", and a kerning space splits the name."""
    text = normalise("Switzerland, Türki\u0307 ye, Ukrai n e, L atvia and Dom inica")
    mended = mend_words(text, *known_words("en"))
    assert [e.code for e in resolver("en").split_list(mended)] == ["CHE", "TUR", "UKR", "LVA", "DMA"]


_WORD = re.compile(r"(?<![\w/.’'-])[^\W\d_]{5,}(?![\w/-])")


def kerning_gaps(text: str, lang: str) -> str:
    """Words broken as a text layer that keeps kerning gaps breaks them: every word of the lexicon's formulae
    at each occurrence, other words at every other occurrence (so that the text still has them whole), some
    with their last letters apart ("resoluti o n")."""
    head, _, body = text.partition("\n")
    key = load(lang).literal_words()
    counts = Counter(w.lower() for w in _WORD.findall(body))
    seen: Counter = Counter()

    def gap(m: re.Match) -> str:
        word, low = m.group(0), m.group(0).lower()
        seen[low] += 1
        if not (low in key or counts[low] > 1 and seen[low] % 2 == 0):
            return word
        if seen[low] % 4 == 1:
            return word[:-3] + " " + " ".join(word[-3:])
        cut = len(word) // 2 if seen[low] % 3 else 1 + len(word) // 3
        return f"{word[:cut]} {word[cut:]}"

    return head + "\n" + _WORD.sub(gap, body)


KERNED = [pytest.param(EXAMPLES / "example-report.ru.txt", id="example.ru")] + [
    pytest.param(path, id=path.stem) for path in sorted((TESTDATA / "example").glob("*.txt"))
    + sorted(TESTDATA.glob("ga-committee-example.*.txt")) + sorted((TESTDATA / "genres").glob("*.txt"))
    if ".zh." not in path.name]  # Chinese is written without spaces between words


@pytest.mark.parametrize("source", KERNED)
def test_same_facts_when_kerning_spaces_break_words(source, tmp_path):
    lang = source.name.split(".")[1]
    damaged = tmp_path / source.name
    damaged.write_text(kerning_gaps(source.read_text(encoding="utf-8"), lang), encoding="utf-8")
    assert damaged.read_text(encoding="utf-8") != source.read_text(encoding="utf-8")
    assert answers(damaged) == answers(source)
