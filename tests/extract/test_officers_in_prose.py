"""Officers named in prose (issue 17), on constructed paragraphs: a role belongs to the person it is said of — set
after the person ("X (A) as Vice-Chair"), or before as an apposition ("the Rapporteur, Y (B)") — within one sentence;
a role scoped to a group or to another body ("a contact group co-chaired by", "the Chair of the SBX") is no office
of the meeting; a name that is a State or a body with its acronym ("… Advice (SBSTA)") is no person."""
from __future__ import annotations

import pytest

from unkg.extract.report import extract_text

TITLES = {"en": "Report of the Standing Body for Science and Technology on its ninth session",
          "fr": "Rapport de l'Organe permanent de la science et de la technologie sur sa neuvième session"}
HEADINGS = {"en": "I. Opening of the session", "fr": "I. Ouverture de la session"}

CASES = [
    ("en", "apposition", "1. The Chair, Mr. Ivo Kran (Croatia), opened the session. The Vice-Chair, Ms. Lea Berg "
     "(Austria), and the Rapporteur, Mr. Tomas Novak (Czechia), could not attend.",
     [("Ivo Kran", "chair", "HRV"), ("Lea Berg", "vice-chair", "AUT"), ("Tomas Novak", "rapporteur", "CZE")]),
    ("en", "roles said after each", "1. The Chair, Kim Ode (Kenya), welcomed Ana Ruiz (Peru) as Vice-Chair, Li Wei "
     "(China) as additional Vice-Chair, Omar Said (Egypt) as Rapporteur and Eva Lind (Sweden) as additional "
     "Rapporteur of the Body.",
     [("Ana Ruiz", "vice-chair", "PER"), ("Eva Lind", "rapporteur", "SWE"), ("Kim Ode", "chair", "KEN"),
      ("Li Wei", "vice-chair", "CHN"), ("Omar Said", "rapporteur", "EGY")]),
    ("en", "groups and other bodies", "1. The Chair of the Body, Ms. Kim Ode (Kenya), opened the session. The Body "
     "agreed to consider the item in a contact group co-chaired by Mr. Jan Berg (Norway) and Ms. Rosa Diaz "
     "(Mexico). At the 2nd meeting, the Chair of the SBX, Mr. Ole Dahl (Denmark), assisted by Ms. Ana Costa "
     "(Portugal), reported on consultations held with the Subsidiary Body for Scientific and Technological "
     "Advice (SBSTA).",
     [("Kim Ode", "chair", "KEN")]),
    ("fr", "apposition", "1. Le Président, M. Ivo Kran (Croatie), a ouvert la session. La Vice-Présidente, "
     "Mme Lea Berg (Autriche), et le Rapporteur, M. Tomas Novak (Tchéquie), n'ont pu y assister.",
     [("Ivo Kran", "chair", "HRV"), ("Lea Berg", "vice-chair", "AUT"), ("Tomas Novak", "rapporteur", "CZE")]),
    ("fr", "groups and other bodies", "1. Le Président de l'Organe, Mme Kim Ode (Kenya), a ouvert la session. "
     "L'Organe est convenu d'examiner la question dans un groupe de contact coprésidé par M. Jan Berg (Norvège) et "
     "Mme Rosa Diaz (Mexique). À la 2e séance, le Président du Comité des finances, M. Ole Dahl (Danemark), a rendu "
     "compte des consultations.",
     [("Kim Ode", "chair", "KEN")]),
]


@pytest.mark.parametrize("lang,case,paragraph,expected", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_officers_named_in_prose(lang, case, paragraph, expected):
    text = f"CONSTRUCTED\n\nX/SBX.9/2031/3\n\n{TITLES[lang]}\n\n{HEADINGS[lang]}\n\n{paragraph}\n"
    report = extract_text(text, lang=lang)
    assert sorted({(o.name, o.role, o.state.code) for o in report.officers}) == sorted(expected)
