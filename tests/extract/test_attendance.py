"""Participants (src/unkg/extract/attendance.py): a participant resolves to a State or an organization, or is a name
as printed — never a clause (issue 17: a rule of procedure quoted after a colon became a participant "party")."""
from __future__ import annotations

import pytest

from unkg.extract import extract_text
from unkg.extract.attendance import is_a_name
from unkg.lang.lexicon import load

from ..conftest import TESTDATA


class Reading:
    """What is_a_name reads of a context: the lexicon, and a memo."""

    def __init__(self, lang: str):
        self.lex = load(lang)

    def once(self, key, compute):
        return compute()


# (language, names as printed that are no known State or organization, clauses) — constructed.
CASES = [
    ("en", ["Association for Coastal Research", "Centre for Maritime Studies"],
     ["Quorum shall be determined on the basis of the number of States parties",
      "the representatives that were present"]),
    ("fr", ["Association pour la recherche côtière", "Centre d'études maritimes"],
     ["Le quorum est constitué par la majorité des États parties", "les représentants qui ont été désignés"]),
    ("es", ["Asociación de Investigación Costera", "Centro de Estudios Marítimos"],
     ["El quórum será determinado por el número de Estados partes", "los representantes que fueron designados"]),
    ("ru", ["Ассоциация прибрежных исследований", "Центр морских исследований"],
     ["Кворум должен определяться числом государств-участников", "представители, которые были назначены"]),
    ("zh", ["沿海研究协会", "海事研究中心"],
     ["法定人数应当根据已通知秘书处的缔约国数目确定", "出席会议的代表必须事先通知秘书处并提交全权证书和其他文件"]),
    ("ar", ["رابطة البحوث الساحلية", "مركز الدراسات البحرية"],
     ["يجب أن يتحدد النصاب القانوني بعدد الدول الأطراف", "الممثلون الذين كانت أسماؤهم قد أبلغت إلى الأمانة"]),
]


@pytest.mark.parametrize("lang,names,clauses", CASES)
def test_a_name_is_kept_and_a_clause_is_not(lang, names, clauses):
    reading = Reading(lang)
    assert all(is_a_name(reading, n) for n in names), names
    assert not any(is_a_name(reading, c) for c in clauses), clauses


def test_a_quoted_rule_of_procedure_is_no_participant():
    """The English example with an NGO the tables do not know, and a rule of procedure quoted after a lead-in that
    names parties attending: the NGO is a participant as printed, the rule is not."""
    text = (TESTDATA / "example" / "example-report.en.txt").read_text(encoding="utf-8")
    text = text.replace("and Council of Europe.\n", "and Council of Europe. The following non-governmental organizations "
                        "were also represented by observers: Association for Coastal Research.\n11. Under rule 31 of "
                        "the rules of procedure, which applies to parties attending the meeting: Quorum shall be "
                        "determined on the basis of the number of States parties that have notified the secretariat "
                        "of their representatives.\n", 1).replace("11. The Working Group had before it",
                                                                   "12. The Working Group had before it")
    report = extract_text(text, "CTOC_COP_WG.2_2030_L.1.en.txt")
    printed = {(p.role, p.entity.surface) for p in report.participations if p.entity.kind == "unresolved"}
    assert printed == {("ngo", "Association for Coastal Research")}
    assert any("is not a name of a participant" in w.message for w in report.warnings)
