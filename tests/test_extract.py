"""The report's title and its officers (src/unkg/extract.py) read alike in six languages, on constructed reports
(tests/data/vocabulary/bureau.{lang}.txt): each wording comes from the language's lexicon."""
from __future__ import annotations

import json

import pytest

from unkg.extract import extract_file

from .conftest import TESTDATA

DATA = TESTDATA / "vocabulary"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
LANGS = sorted(EXPECTED["title"])


@pytest.fixture(scope="module", params=LANGS)
def bureau(request):
    return request.param, extract_file(DATA / f"bureau.{request.param}.txt", lang=request.param)


def test_title_without_the_part_heading_printed_after_it(bureau):
    lang, report = bureau
    assert report.title == EXPECTED["title"][lang]


def test_officers_of_the_meeting_and_not_of_a_part_of_it_nor_alternates(bureau):
    """Named in a sentence, appointed without a State, elected as a list; the Chair of the high-level segment,
    an alternate and a member of the Bureau are not officers of the meeting."""
    lang, report = bureau
    got = sorted((o.name, o.role, o.state.code if o.state else None) for o in report.officers)
    assert got == sorted(tuple(e) for e in EXPECTED["officers"][lang])


@pytest.mark.parametrize("lang", LANGS)
def test_a_report_on_several_sessions_is_on_the_last_one_held(lang):
    """Each session named as held on its dates, the organizational one by its name, whatever the word order."""
    report = extract_file(DATA / f"sessions.{lang}.txt", lang=lang)
    expected = EXPECTED["sessions"]
    assert [report.meeting_number, str(report.start_date), str(report.end_date)] == expected["reported"]
    assert [[c.kind, c.number, str(c.start_date), str(c.end_date)] for c in report.covered] == expected["covered"]


# A Bureau listed as "Role: person (State)" one a line, without punctuation between them (constructed): the role
# before each person is its own, the colon of the language ("：" in Chinese) says so.
ROLE_LABELS = {
    "en": ("Report of the Meeting of the Parties on its seventh session", "I. Election of officers",
           "1. The Meeting of the Parties elected the following officers:\n  Chair: Mr. Paolo Rossi (Italy)\n"
           "  Vice-Chair: Ms. Eva Novak (Czechia)\n  Rapporteur: Mr. Rafael Kovacs (Peru)"),
    "zh": ("缔约方会议第七届会议报告", "一、选举主席团成员",
           "1. 缔约方会议选举下列人士为主席团成员：\n  主席：Paolo Rossi先生（意大利）\n  副主席：Eva Novak女士（捷克）\n"
           "  报告员：Rafael Kovacs先生（秘鲁）"),
    "ar": ("تقرير اجتماع الأطراف عن دورته السابعة", "أولا - انتخاب أعضاء المكتب",
           "1 - وانتخب اجتماع الأطراف أعضاء المكتب التالية أسماؤهم:\n  الرئيس: السيد Paolo Rossi (إيطاليا)\n"
           "  نائبة الرئيس: السيدة Eva Novak (تشيكيا)\n  المقرر: السيد Rafael Kovacs (بيرو)"),
}


@pytest.mark.parametrize("lang", sorted(ROLE_LABELS))
def test_a_role_that_labels_the_person_after_it(lang, tmp_path):
    title, heading, paragraph = ROLE_LABELS[lang]
    path = tmp_path / f"labels.{lang}.txt"
    path.write_text(f"CONSTRUCTED\n\nECE/MP.XY/98\n\n{title}\n\n{heading}\n\n{paragraph}\n", encoding="utf-8")
    got = sorted((o.name, o.role, o.state.code) for o in extract_file(path, lang=lang).officers)
    assert got == [("Eva Novak", "vice-chair", "CZE"), ("Paolo Rossi", "chair", "ITA"),
                   ("Rafael Kovacs", "rapporteur", "PER")]
