"""Page breaks of a PDF text layer must not change the facts (issue 17): a vote list broken by a page's footnotes,
footer and the next page's header (the rule above the footnotes printed or drawn), footnote marks after names,
paragraph numbers glued to their text. Constructed texts only (tests/data/artefacts, the examples)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from unkg.extract.report import extract_file
from unkg.lang.names import resolver

from ..conftest import TESTDATA
from ..extract.test_perturbations import answers

VOTES = TESTDATA / "artefacts" / "votes-across-pages.en.txt"


# -- vote lists across page breaks ------------------------------------------------------------------------------
def rule_drawn(text: str) -> str:
    """The rule above the footnotes drawn as a line: the text layer has no "____" line."""
    return re.sub(r"(?m)^_{5,}\n", "", text)


def marks_with_texts(text: str) -> str:
    """No rule, and each footnote's number printed before its text ("2 The delegation of …")."""
    text = rule_drawn(text)
    return re.sub(r"(?m)^(\d)\n(\d)\n\n(The delegation[^\n]*)\n(The delegation)", r"\1 \3\n\2 \4", text)


def glued_numbers(text: str) -> str:
    """Paragraph and list numbers glued to their text ("6.At its 19th meeting"), as some PDF producers give them."""
    return re.sub(r"(?m)^(\d{1,3}\.)\n(?=\S)", r"\1", text)


def justified_line_as_columns(text: str) -> str:
    """A justified line with wide gaps read as columns: its words one per line after the line below it."""
    line = "For its consideration of the item, the Committee had before it the report of the\n"
    head, tail = "For its consideration of the item,", "the Committee had before it the report of the"
    assert line in text
    after = "Secretary-General on safety of navigation in polar waters (A/96/288).\n"
    return text.replace(line + after, head + "\n" + after + "".join(f"\n{w}\n" for w in tail.split()))


@pytest.mark.parametrize("variant", [rule_drawn, marks_with_texts, glued_numbers, justified_line_as_columns],
                         ids=lambda f: f.__name__)
def test_vote_list_across_pages_in_other_layouts(variant, tmp_path):
    """The list of 83 names in favour runs across a page break that holds the page's footnotes, its footer and
    the next page's header ("Micronesia (Federated" / "States of)"): whatever the layout of that break, the
    facts are those of the text with a printed rule (tests/gold/votes-across-pages.en.json)."""
    text = VOTES.read_text(encoding="utf-8")
    changed = variant(text)
    assert changed != text
    damaged = tmp_path / VOTES.name
    damaged.write_text(changed, encoding="utf-8")
    assert answers(damaged) == answers(VOTES)


def vote_counts(path: Path) -> dict[str, tuple[dict, dict]]:
    """draft -> (stated counts, counts of the names listed)."""
    report = extract_file(path)
    return {d.symbol: (d.stated_counts, {k: sum(1 for v in d.votes if v.vote == k and not v.intended)
                                         for k in ("yes", "no", "abstain")})
            for d in report.drafts if d.stated_counts}


@pytest.mark.parametrize("mark", ["Mongolia1,", "Mongolia 1,"])
def test_footnote_mark_after_a_name_is_not_a_name(mark):
    """"Mongolia1" (a superscript read into the word) and "Mongolia 1" in a vote list: one name, no extra."""
    names = resolver("en").split_list(f"Ghana, Indonesia, {mark} Norway and Syrian Arab Republic 2")
    assert [e.code for e in names] == ["GHA", "IDN", "MNG", "NOR", "SYR"]


pdfmaker = pytest.importorskip("tests.pdfmaker", reason="fpdf2 (test extra) is not installed")


@pytest.fixture(scope="module")
def vote_pdf(tmp_path_factory) -> Path:
    """The constructed General Assembly report as a UN-style PDF whose vote list breaks across two pages, with a
    footnote marked after a name in the list."""
    if not pdfmaker.fonts_available():
        pytest.skip("DejaVu fonts (fonts-dejavu-core) are not installed: cannot build the test PDF")
    text = (TESTDATA / "ga-committee-example.en.txt").read_text(encoding="utf-8")
    note = pdfmaker.Note("Mongolia", "The delegation of Mongolia joined in sponsoring at the 38th meeting.")
    out = tmp_path_factory.mktemp("votes") / "ga-committee-example.pdf"
    return pdfmaker.build(text, out, "A/95/512", job="X.40-00512", notes=(note,), lines_per_page=22)


def test_vote_list_across_pages_of_a_pdf(vote_pdf):
    from unkg.read.document import read_document

    pages = read_document(vote_pdf).text.split("\f")
    assert any("In favour" in page and "Abstaining" not in page for page in pages), "the list must break"
    for stated, listed in vote_counts(vote_pdf).values():
        assert listed == stated


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_vote_list_across_pages_of_pdftotext_output(vote_pdf, tmp_path):
    """pdftotext prints the footnote mark into the name ("Mongolia1") and the footer and header in the list."""
    text = tmp_path / "ga-committee-example.en.txt"
    subprocess.run(["pdftotext", str(vote_pdf), str(text)], check=True)
    assert "Mongolia1" in text.read_text(encoding="utf-8")
    counts = vote_counts(text)
    assert counts and all(listed == stated for stated, listed in counts.values())
