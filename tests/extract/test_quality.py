"""What a report's facts hold and lack (src/unkg/extract/quality.py): genres, expected kinds, and the checks the text
allows, on constructed reports changed so that each check must fire."""
from __future__ import annotations

import re

import pytest

from unkg.extract import extract_text
from unkg.extract.quality import CHECKS, KINDS, genres

from ..conftest import EXAMPLES, TESTDATA


def measured(text: str, name: str = "report.txt") -> dict[str, int]:
    return {m.metric: m.value for m in extract_text(text, name).quality}


def example() -> str:
    return (EXAMPLES / "example-report.ru.txt").read_text(encoding="utf-8")


def ga_example() -> str:
    return (TESTDATA / "ga-committee-example.en.txt").read_text(encoding="utf-8")


def test_every_kind_and_check_is_measured_once():
    report = extract_text(example(), "example.txt")
    assert [m.metric for m in report.quality] == list(KINDS) + list(CHECKS)


@pytest.mark.parametrize("text,genre", [(example, "working-group"), (ga_example, "ga-committee")])
def test_the_genre_comes_from_the_body_that_met(text, genre):
    report = extract_text(text(), "r.txt")
    assert report.genre == genre
    assert {m.metric for m in report.quality if m.expected} == set(genres()[genre]["expected"])


def test_a_report_that_states_all_its_genre_expects_lacks_nothing():
    report = extract_text(example(), "example.txt")
    assert report.missing() == []
    assert measured(example())["expected-missing"] == 0


def test_officers_left_out_are_missing():
    """The example without the paragraph electing its officers: its genre expects them."""
    text = re.sub(r"\n4\.\s[^\n]*(?:\n(?!\d+\.)[^\n]*)*", "\n4. (Пункт опущен.)", example(), count=1)
    report = extract_text(text, "example.txt")
    assert not [o for o in report.officers], "the constructed change must remove the officers"
    assert "officers" in report.missing()
    assert measured(text)["expected-missing"] == len(report.missing())


def test_a_stated_count_that_differs_from_its_list_is_measured():
    assert measured(ga_example())["vote-count-mismatches"] == 0
    changed = ga_example().replace("recorded vote of 12 to 3", "recorded vote of 13 to 3")
    assert measured(changed)["vote-count-mismatches"] == 1


def test_a_paragraph_number_that_skips_ahead_is_measured():
    assert measured(example())["paragraphs-out-of-sequence"] == 0
    skipped = re.sub(r"\n(\d+)\.(\s)", lambda m: f"\n{int(m.group(1)) + (int(m.group(1)) >= 5)}.{m.group(2)}",
                     example())
    assert measured(skipped)["paragraphs-out-of-sequence"] > 0


def test_agenda_items_marked_in_the_body_are_counted():
    """A subsidiary body's report marks each chapter "(Agenda item N)": every item is found in the body."""
    report = extract_text((TESTDATA / "outcomes" / "en.txt").read_text(encoding="utf-8"), "sb.txt")
    got = {m.metric: m.value for m in report.quality}
    assert got["agenda"] > 0 and got["agenda-items-headed"] == got["agenda"]
    assert measured(ga_example())["agenda-items-headed"] == 0  # a committee report has no chapter per item
