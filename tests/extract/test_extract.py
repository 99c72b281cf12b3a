"""The report's title and its officers (src/unkg/extract.py) read alike in six languages, on constructed reports
(tests/data/vocabulary/bureau.{lang}.txt): each wording comes from the language's lexicon."""
from __future__ import annotations

import json

import pytest

from unkg.extract.report import extract_file, extract_text

from ..conftest import TESTDATA, corpus_file

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


# "Chair of the Working Group" (constructed): in the report of a working group it is the meeting's own Chair; in
# the report of a Meeting of the Parties it is the Chair of one of its subsidiary groups, nobody's office there.
OWN_GROUP = {
    "en": ("Report of the Working Group on Firearms on its tenth meeting",
           "Report of the Meeting of the Parties on its seventh session", "I. Election of officers",
           "1. Mr. Omar Haddad (Jordan), Chair of the Working Group{scope}, opened the meeting.",
           " on Monitoring and Assessment"),
    "fr": ("Rapport du Groupe de travail sur les armes à feu sur sa dixième réunion",
           "Rapport de la Réunion des Parties sur sa septième session", "I. Élection du Bureau",
           "1. M. Omar Haddad (Jordanie), Président du Groupe de travail{scope}, a ouvert la réunion.",
           " de la surveillance et de l'évaluation"),
    "ru": ("Доклад Рабочей группы по огнестрельному оружию о работе ее десятого совещания",
           "Доклад Совещания Сторон о работе его седьмой сессии", "I. Выборы должностных лиц",
           "1. Г-н Омар Хаддад (Иордания), Председатель Рабочей группы{scope}, открыл совещание.",
           " по мониторингу и оценке"),
    "zh": ("枪支问题工作组第十次会议报告", "缔约方会议第七届会议报告", "一、选举主席团成员",
           "1. {scope}工作组主席Omar Haddad先生（约旦）宣布会议开幕。", "监测和评估"),
}


@pytest.mark.parametrize("lang", sorted(OWN_GROUP))
@pytest.mark.parametrize("own", [True, False], ids=["own-body", "subsidiary"])
def test_a_role_scoped_to_the_body_whose_report_it_is_is_the_meetings_own(lang, own, tmp_path):
    """Regression: 'working group' scoped every Chair of a Working Group away, in the Working Group's report too."""
    own_title, other_title, heading, paragraph, scope = OWN_GROUP[lang]
    text = f"CONSTRUCTED\n\nECE/MP.XY/98\n\n{own_title if own else other_title}\n\n{heading}\n\n" \
           f"{paragraph.format(scope='' if own else scope)}\n"
    path = tmp_path / f"group.{lang}.txt"
    path.write_text(text, encoding="utf-8")
    got = [(o.role, o.state.code) for o in extract_file(path, lang=lang).officers]
    assert got == ([("chair", "JOR")] if own else [])


# The agenda adopted "at the same meeting" as the election before it: that sitting, in each wording.
SAME_SITTING = {
    "en": ("1. At its 3rd meeting, on 10 March 2031, the Group elected Ms. Ana Ortiz (Peru) as Chair.\n\n"
           "2. At the same meeting, the Group adopted the following agenda:\n\n1. Opening.\n\n2. Other matters.\n"),
    "fr": ("1. À sa 3e séance, le 10 mars 2031, le Groupe a élu Mme Ana Ortiz (Pérou) Présidente.\n\n"
           "2. À la même séance, le Groupe a adopté l'ordre du jour suivant :\n\n1. Ouverture.\n\n2. Questions diverses.\n"),
    "es": ("1. En su 3ª sesión, celebrada el 10 de marzo de 2031, el Grupo eligió Presidenta a la Sra. Ana Ortiz (Perú).\n\n"
           "2. En la misma sesión, el Grupo aprobó el siguiente programa:\n\n1. Apertura.\n\n2. Otros asuntos.\n"),
}


@pytest.mark.parametrize("lang", sorted(SAME_SITTING))
def test_the_agenda_adopted_at_the_same_sitting_takes_that_sitting(lang):
    report = extract_text("X/WG.1/2031/2\n\nReport\n\n" + SAME_SITTING[lang], lang=lang)
    agenda = next(a for a in report.acts if a.kind == "adoption-of-agenda")
    assert (agenda.sitting, str(agenda.date)) == (3, "2031-03-10")


@pytest.mark.parametrize("name,session", [("pdf/A_RES_77_321.en.pdf", 77), ("pdf/A_RES_78_272.en.pdf", 78)])
def test_a_real_resolution_is_of_its_session_not_of_the_meetings_it_convenes(name, session):
    """Regression: A/RES/78/272 was read as 'meeting 1' with a sitting 1 ("the first meeting of the Conference of
    the Parties", which it convenes) and titled "United Nations"; A/RES/77/321 was refused as nothing recognised."""
    report = extract_file(corpus_file(name))
    assert (report.meeting_number, report.meeting_kind, report.sittings, report.title) == (session, "session", [],
                                                                                          None)


# A resolution (constructed) whose text names other meetings: the session is the one its symbol numbers.
RESOLUTIONS = {
    "en": ("A/RES/81/12", "Eighty-first session", "Resolution adopted by the General Assembly on 3 May 2031",
           "1. Decides to convene the first meeting of the Conference of the Parties at its third session;"),
    "fr": ("A/RES/81/12", "Quatre-vingt-unième session", "Résolution adoptée par l'Assemblée générale le 3 mai 2031",
           "1. Décide de convoquer la première réunion de la Conférence des Parties à sa troisième session;"),
}


@pytest.mark.parametrize("lang", sorted(RESOLUTIONS))
def test_a_resolution_is_of_the_session_its_symbol_numbers(lang, tmp_path):
    symbol, session, adopted, paragraph = RESOLUTIONS[lang]
    path = tmp_path / f"resolution.{lang}.txt"
    path.write_text(f"CONSTRUCTED\n\n{symbol}\n\n{session}\n\n{adopted}\n\n{paragraph}\n", encoding="utf-8")
    report = extract_file(path, lang=lang)
    assert (report.meeting_number, report.meeting_kind, report.sittings) == (81, "session", [])
