"""Outcomes per agenda item, parts of sessions and UNFCCC decision notation (src/unkg/outcomes.py), in six
languages, checked through the competency queries on constructed reports (tests/data/outcomes)."""
from __future__ import annotations

import json
import re

import pytest
from pyoxigraph import Store

from unkg.extract.report import extract_file
from unkg.lang.lexicon import load
from unkg.extract.outcomes import HEADING_LABEL, item_keys, marker_title
from unkg.lang.numbering import notation_issuer
from unkg.pipeline.convert import convert_file
from unkg.store.query import resolve_query, run_select
from unkg.store.embedded import add_ontology
from unkg.graph.validate import validate_quads

from ..conftest import TESTDATA

DATA = TESTDATA / "outcomes"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
LANGS = sorted(EXPECTED["outcomes"])
VOCABULARY = json.loads((TESTDATA / "vocabulary" / "expected.json").read_text(encoding="utf-8"))


def rows(path, query: str, symbol: str | None = None) -> list[dict]:
    converted = convert_file(str(path), symbol=symbol)
    store = Store()
    add_ontology(store)
    store.bulk_extend(converted.quads)
    return run_select(store, resolve_query(query).read_text(encoding="utf-8")).as_dicts()


@pytest.mark.parametrize("lang", LANGS)
def test_outcomes_per_agenda_item(lang):
    got = sorted((r["agenda_item"], r["kind"], r["title"]) for r in rows(DATA / f"{lang}.txt", "outcomes"))
    assert got == sorted(tuple(e) for e in EXPECTED["outcomes"][lang])


@pytest.mark.parametrize("lang", LANGS)
def test_part_of_a_resumed_session(lang):
    got = sorted(((r["kind"], r["meeting_number"], r["part"], r["reported"])
                  for r in rows(DATA / f"{lang}.txt", "sessions")), key=repr)
    assert got == sorted((tuple(e) for e in EXPECTED["sessions"]), key=repr), got


@pytest.mark.parametrize("lang", LANGS)
def test_decisions_in_notation_with_ranges(lang):
    got = sorted(r["reference"] for r in rows(DATA / f"{lang}.txt", "decisions") if r["action"] == "cited")
    assert got == EXPECTED["decisions"]


@pytest.mark.parametrize("lang", LANGS)
def test_graph_conforms(lang):
    result = validate_quads(convert_file(str(DATA / f"{lang}.txt")).quads)
    assert result.conforms, result.violations[:5]


def test_a_decision_is_one_resource_whichever_body_cites_it():
    """1/CP.21 cited by the SBI and by the SBSTA is the COP's decision: one IRI."""
    def decision_iris(symbol):
        quads = convert_file(str(DATA / "en.txt"), symbol=symbol).quads
        return {str(q.subject) for q in quads if q.predicate.value.endswith("#issuedBy")}

    sbi, sbsta = decision_iris("FCCC/SBI/2099/9"), decision_iris("FCCC/SBSTA/2099/9")
    assert sbi == sbsta and len(sbi) == 4
    assert any(iri.endswith("/id/decision/FCCC/CP/1/CP.21>") for iri in sbi), sbi


@pytest.mark.parametrize("text,keys", [
    ("5, 6, 7, 11, 12, 14(a), 15 and 17(b)", ["5", "6", "7", "11", "12", "14.a", "15", "17.b"]),
    ("4, 5, 9(b), 12(a–c) and 13", ["4", "5", "9.b", "12.a", "12.b", "12.c", "13"]),
    ("4(a) held in abeyance", ["4.a"]),
])
def test_agenda_item_lists(text, keys):
    assert item_keys(text, load("en").rx("outcomes.item", ignore_case=False)) == keys


def test_agenda_sub_items_in_a_scripts_own_letters():
    """Regression: "البند 3 (ب)" (Arabic letters for sub-items, as Arabic reports write them) lost its sub-item."""
    lex = load("ar")
    assert item_keys("3 (ب) و 4 (أ - ج)", lex.rx("outcomes.item", ignore_case=False), lex.get("list_letters")) == \
        ["3.b", "4.a", "4.b", "4.c"]


@pytest.mark.parametrize("reference,issuer", [("1/CP.19", "FCCC/CP"), ("2/CMP.8", "FCCC/KP/CMP"),
                                              ("18/CMA.1", "FCCC/PA/CMA"), ("2/2", None), ("IPBES/1/1", None)])
def test_notation_names_the_issuing_body(reference, issuer):
    assert notation_issuer(reference) == issuer


def test_every_lexicon_has_the_outcome_formulae():
    for lang in LANGS:
        lex = load(lang)
        assert lex.rx("outcomes.marker") and lex.rx("outcomes.adopted.conclusions"), lang
        assert lang not in MOP_LANGS or lex.rx("outcomes.decision_clause"), lang
        assert lex.rx("sessions.title"), lang
        assert re.search(lex.get("outcomes.marker"), (DATA / f"{lang}.txt").read_text(encoding="utf-8")), lang


MOP = EXPECTED["meeting_of_the_parties"]
MOP_LANGS = sorted(k for k in MOP if len(k) == 2)


@pytest.mark.parametrize("lang", MOP_LANGS)
def test_decisions_section_by_section(lang):
    """A Meeting of the Parties numbers no agenda item: one decision per section with decision clauses."""
    path = DATA / f"mop.{lang}.txt"
    got = sorted(((r["agenda_item"], r["kind"], r["title"]) for r in rows(path, "outcomes")), key=repr)
    assert got == sorted((tuple(e) for e in MOP[lang]), key=repr)
    assert validate_quads(convert_file(str(path)).quads).conforms


@pytest.mark.parametrize("lang", ["en", "fr", "ru"])
def test_decisions_of_sections_whose_heading_only_the_contents_print(lang):
    """tests/data/segment/lost-headings.*.txt: III and IV have no heading in the body; their decisions are
    theirs, not II's (the sections are found by their topic)."""
    path = TESTDATA / "segment" / f"lost-headings.{lang}.txt"
    titles = [line.split(". ", 1)[1].rsplit(" ", 2)[0] for line in path.read_text(encoding="utf-8").splitlines()
              if re.match(r"^(?:II|III|IV)\. ", line)]
    got = sorted(((r["agenda_item"], r["kind"], r["title"]) for r in rows(path, "outcomes", "XX/MP/99")), key=repr)
    assert got == sorted(((None, "decision", title) for title in titles), key=repr)


@pytest.mark.parametrize("lang", MOP_LANGS)
def test_chair_named_in_a_sentence_and_bureau_elected_as_a_list(lang):
    got = sorted((r["name"], r["role"], r["state"]) for r in rows(DATA / f"mop.{lang}.txt", "officers"))
    assert got == sorted(tuple(e) for e in MOP["officers"][lang])


def test_reports_of_two_bodies_cite_one_decision_resource():
    """The SBI and SBSTA reports on their resumed 48th sessions both cite 1/CP.23 and 1/CP.21: in a store
    holding both, each decision is one resource cited by two reports."""
    from ..conftest import corpus_file

    store = Store()
    add_ontology(store)
    for name in ("FCCC_SBI_2018_11.en.txt", "FCCC_SBSTA_2018_6.en.txt"):
        store.bulk_extend(convert_file(str(corpus_file(f"real/{name}"))).quads)
    found = {(str(r["decision"].value), r["n"].value) for r in store.query("""
        PREFIX unkg: <https://w3id.org/unkg/ontology#>
        SELECT ?decision (COUNT(DISTINCT ?report) AS ?n) WHERE {
          GRAPH ?g { ?report unkg:citesDecision ?decision }
        } GROUP BY ?decision""")}
    assert found == {("https://w3id.org/unkg/id/decision/FCCC/CP/1/CP.23", "2"),
                     ("https://w3id.org/unkg/id/decision/FCCC/CP/1/CP.21", "2")}


@pytest.mark.parametrize("lang", sorted(VOCABULARY["agenda"]))
def test_items_named_with_their_titles_and_notes_that_are_no_part_of_a_title(lang):
    """tests/data/vocabulary/agenda.{lang}.txt: "agenda items 4 (Water and health) and 5 (…)" names two items;
    "Budget (agenda item held in abeyance)" is titled "Budget"."""
    report = extract_file(TESTDATA / "vocabulary" / f"agenda.{lang}.txt", lang=lang)
    assert [(a.number, a.title) for a in report.agenda] == list(enumerate(VOCABULARY["agenda"][lang], 1))


# A heading run into the end of the paragraph before its marker (constructed): the title is what follows the
# last heading label, as each language numbers its headings ("III.", "三、", "ثالثا -").
JOINED_HEADINGS = [
    ("en", "2. The SBI adopted the conclusions below. III. Development and transfer of technologies"),
    ("fr", "2. Le SBI a adopté les conclusions ci-après. III. Mise au point et transfert de technologies"),
    ("es", "2. El OSE aprobó las conclusiones siguientes. III. Desarrollo y transferencia de tecnologías"),
    ("ru", "2. ВОО принял следующие выводы. III. Разработка и передача технологий"),
    ("zh", "2. 履行机构通过了以下结论。三、技术开发和转让"),
    ("ar", "2- اعتمدت الهيئة الفرعية الاستنتاجات الواردة أدناه. ثالثاً - تطوير التكنولوجيا ونقلها"),
]


@pytest.mark.parametrize("lang,prefix", JOINED_HEADINGS)
def test_a_heading_run_into_a_paragraph_keeps_its_title(lang, prefix):
    label = load(lang).rx("outcomes.heading_label", ignore_case=False) or HEADING_LABEL
    assert marker_title(prefix, False, label) == EXPECTED["outcomes"][lang][-1][2]  # the technology item's title


# Resolutions and decisions named by their designation under an agenda item (constructed, one report per language:
# a functional commission's chapter of programme questions). The resolution recalled is cited, not adopted.
DESIGNATED = {
    "en": ("Commission on Population and Development", "I. Programme questions",
           "1. At its 4th meeting, the Commission adopted resolution 64/1, under agenda item 4 (b), recalling General "
           "Assembly resolution 75/290.",
           "2. At the same meeting, the Commission recommended draft decision I to the Council, under agenda item 5."),
    "fr": ("Commission de la population et du développement", "I. Questions relatives au programme",
           "1. À sa 4e séance, la Commission a adopté la résolution 64/1 au titre du point 4 b) de l'ordre du jour, "
           "rappelant la résolution 75/290 de l'Assemblée générale.",
           "2. À la même séance, la Commission a recommandé le projet de décision I au titre du point 5."),
    "es": ("Comisión de Población y Desarrollo", "I. Cuestiones relativas al programa",
           "1. En su 4ª sesión, la Comisión aprobó la resolución 64/1 en relación con el tema 4 b) del programa, "
           "recordando la resolución 75/290 de la Asamblea General.",
           "2. En la misma sesión, la Comisión recomendó el proyecto de decisión I en relación con el tema 5 del "
           "programa."),
    "ru": ("Комиссия по народонаселению и развитию", "I. Вопросы программы",
           "1. На своем 4-м заседании Комиссия приняла резолюцию 64/1 по пункту 4 b) повестки дня, сославшись на "
           "резолюцию 75/290 Генеральной Ассамблеи.",
           "2. На том же заседании Комиссия рекомендовала проект решения I по пункту 5 повестки дня."),
    "zh": ("人口与发展委员会", "一、方案问题",
           "1. 在第4次会议上，委员会根据议程项目4(b)通过了第64/1号决议，并回顾了大会第75/290号决议。",
           "2. 在同次会议上，委员会根据议程项目5建议了决定草案一。"),
    "ar": ("لجنة السكان والتنمية", "أولا - المسائل البرنامجية",
           "1 - وفي جلستها الرابعة، اعتمدت اللجنة القرار 64/1 في إطار البند 4 (ب) من جدول الأعمال، مشيرة إلى قرار "
           "الجمعية العامة 75/290.",
           "2 - وفي الجلسة نفسها، أوصت اللجنة بمشروع المقرر I في إطار البند 5."),
}


@pytest.mark.parametrize("lang", sorted(DESIGNATED))
def test_resolutions_and_decisions_adopted_by_their_designation_under_an_item(lang, tmp_path):
    body, heading, first, second = DESIGNATED[lang]
    path = tmp_path / f"designated.{lang}.txt"
    path.write_text(f"CONSTRUCTED\n\nE/CN.9/2031/5\n\n{body}\n\n{heading}\n\n{first}\n\n{second}\n", encoding="utf-8")
    got = [(o.kind, o.agenda_items, o.source.paragraph) for o in extract_file(path, lang=lang).outcomes]
    assert got == [("resolution", ["4.b"], 1), ("decision", ["5"], 2)]  # Arabic writes "4 (ب)"


# Subsidiary-body chapters whose outcomes cover several items (constructed, invented items and subjects): sub-item
# headings one after another share one set of conclusions, an item held in abeyance shares nothing; sub-items taken
# up "together with" others; a heading that prints an item's title without its marker; draft decisions in the plural,
# "for further consideration", with their subject after the act, or named by a list item's opening clause; a draft
# decision whose subject names one of the items taken up together is on that item only.
SHARED_CHAPTERS = {
    "en": "\n".join([
        "CONSTRUCTED\n\nFCCC/SBSTA/2097/6\n\nReport of the Subsidiary Body on its ninetieth session",
        "I. Organizational matters\n(Agenda item 1)\n\n1. The agenda was adopted as follows:",
        "1. Organizational matters.\n2. Coastal systems:\n(a) Reef monitoring;\n(b) Mangrove inventories;"
        "\n(c) Seagrass mapping.\n3. Budgetary matters:\n(a) Budget for the biennium 2098–2099;\n"
        "(b) Audit of the accounts for 2096;\n(c) Other budgetary matters.\n4. Ocean data exchange.",
        "II. Coastal systems\n(Agenda item 2)\nA. Reef monitoring\n(Agenda sub-item 2(a) held in abeyance)",
        "B. Mangrove inventories\n(Agenda sub-item 2(b))\nC. Seagrass mapping\n(Agenda sub-item 2(c))",
        "2. The Body took up agenda sub-items 2(b) and (c) at its 2nd meeting and adopted the conclusion below.",
        "III. Budgetary matters\n(Agenda item 3)\nA. Budget for the biennium 2098–2099\n(Agenda sub-item 3(a))",
        "3. The Body considered this agenda sub-item together with sub-items 3(b–c) at its 2nd meeting. It "
        "recommended draft decisions for further consideration and adoption at COP 70.",
        "4. It also recommended a draft decision for consideration and adoption at CMP 60 on the budget for the "
        "biennium 2098–2099 as it applies to the Protocol.",
        "IV. Ocean data exchange",
        "5. At its 2nd meeting, the Body:\n(a) Having considered the catalogue of shared ocean datasets, recommended a "
        "draft decision for consideration and adoption at COP 70;\n(b) Adopted the conclusions below.",
    ]),
    "fr": "\n".join([
        "CONSTRUCTED\n\nFCCC/SBSTA/2097/6\n\nRapport de l'Organe subsidiaire sur sa quatre-vingt-dixième session",
        "I. Questions d'organisation\n(Point 1 de l'ordre du jour)\n\n1. L'ordre du jour suivant a été adopté :",
        "1. Questions d'organisation.\n2. Systèmes côtiers :\na) Surveillance des récifs ;\nb) Inventaires des "
        "mangroves ;\nc) Cartographie des herbiers.\n3. Questions budgétaires :\na) Budget de l'exercice biennal "
        "2098-2099 ;\nb) Vérification des comptes de 2096 ;\nc) Autres questions budgétaires.\n4. Échange de données "
        "océaniques.",
        "II. Systèmes côtiers\n(Point 2 de l'ordre du jour)\nA. Surveillance des récifs (laissé en suspens)\n"
        "(Alinéa 2 a) de l'ordre du jour)",
        "B. Inventaires des mangroves\n(Alinéa 2 b) de l'ordre du jour)\nC. Cartographie des herbiers\n"
        "(Alinéa 2 c) de l'ordre du jour)",
        "2. À sa 2e séance, l'Organe a examiné les alinéas 2 b) et c) et a adopté la conclusion ci-après.",
        "III. Questions budgétaires\n(Point 3 de l'ordre du jour)\nA. Budget de l'exercice biennal 2098-2099\n"
        "(Alinéa 3 a) de l'ordre du jour)",
        "3. L'Organe a examiné cet alinéa conjointement avec les alinéas 3 b) et c) à sa 2e séance. Il a recommandé "
        "des projets de décision pour plus ample examen et adoption par la COP 70.",
        "4. Il a aussi recommandé un projet de décision sur le budget de l'exercice biennal 2098-2099 applicable au "
        "Protocole pour examen et adoption par la CMP 60.",
        "IV. Échange de données océaniques",
        "5. À sa 2e séance, l'Organe :\na) Ayant examiné le catalogue des jeux de données océaniques partagés, a "
        "recommandé un projet de décision pour examen et adoption par la COP 70 ;\nb) A adopté les conclusions "
        "ci-après.",
    ]),
    "es": "\n".join([
        "CONSTRUCTED\n\nFCCC/SBSTA/2097/6\n\nInforme del Órgano Subsidiario sobre su nonagésimo período de sesiones",
        "I. Cuestiones de organización\n(Tema 1 del programa)\n\n1. Se aprobó el programa siguiente:",
        "1. Cuestiones de organización.\n2. Sistemas costeros:\na) Vigilancia de los arrecifes;\nb) Inventarios de "
        "manglares;\nc) Cartografía de las praderas marinas.\n3. Cuestiones presupuestarias:\na) Presupuesto para el "
        "bienio 2098-2099;\nb) Auditoría de las cuentas de 2096;\nc) Otras cuestiones presupuestarias.\n"
        "4. Intercambio de datos oceánicos.",
        "II. Sistemas costeros\n(Tema 2 del programa)\nA. Vigilancia de los arrecifes (en suspenso)\n"
        "(Subtema 2 a) del programa)",
        "B. Inventarios de manglares\n(Subtema 2 b) del programa)\nC. Cartografía de las praderas marinas\n"
        "(Subtema 2 c) del programa)",
        "2. En su 2ª sesión, el Órgano examinó los subtemas 2 b) y c) y aprobó la siguiente conclusión.",
        "III. Cuestiones presupuestarias\n(Tema 3 del programa)\nA. Presupuesto para el bienio 2098-2099\n"
        "(Subtema 3 a) del programa)",
        "3. El Órgano examinó este subtema junto con los subtemas 3 b) y c) en su 2ª sesión. Recomendó proyectos de "
        "decisión para su examen y aprobación en la COP 70.",
        "4. También recomendó un proyecto de decisión sobre el presupuesto para el bienio 2098-2099 aplicable al "
        "Protocolo para su examen y aprobación en la CMP 60.",
        "IV. Intercambio de datos oceánicos",
        "5. En su 2ª sesión, el Órgano:\na) Habiendo examinado el catálogo de conjuntos de datos oceánicos "
        "compartidos, recomendó un proyecto de decisión para su examen y aprobación en la COP 70;\nb) Aprobó las "
        "conclusiones siguientes.",
    ]),
}
SHARED_SUBJECTS = {
    "en": ("the budget for the biennium 2098–2099 as it applies to the Protocol", "the catalogue of shared ocean datasets"),
    "fr": ("le budget de l'exercice biennal 2098-2099 applicable au Protocole",
           "le catalogue des jeux de données océaniques partagés"),
    "es": ("el presupuesto para el bienio 2098-2099 aplicable al Protocolo",
           "el catálogo de conjuntos de datos oceánicos compartidos"),
}
SHARED_EXPECTED = [("2.b", "conclusions", None), ("2.c", "conclusions", None),
                   ("3.a", "decision", None), ("3.b", "decision", None), ("3.c", "decision", None),
                   ("3.a", "decision", 0), ("4", "decision", 1), ("4", "conclusions", None)]


@pytest.mark.parametrize("lang", sorted(SHARED_CHAPTERS))
def test_outcomes_of_items_taken_up_together(lang, tmp_path):
    path = tmp_path / f"shared.{lang}.txt"
    path.write_text(SHARED_CHAPTERS[lang], encoding="utf-8")
    got = [(key, o.kind, o.title) for o in extract_file(path, lang=lang).outcomes for key in o.agenda_items]
    expected = [(k, kind, SHARED_SUBJECTS[lang][t] if t is not None else None) for k, kind, t in SHARED_EXPECTED]
    assert sorted(got, key=repr) == sorted(expected, key=repr)


def test_a_letter_alone_after_a_sub_item_is_a_sub_item_of_the_same_item():
    lex = load("en")
    assert item_keys("16(a) and (b), 17(a–b) and (d)", lex.rx("outcomes.item", ignore_case=False), None,
                     lex.rx("outcomes.mention_join")) == ["16.a", "16.b", "17.a", "17.b", "17.d"]


# A draft decision is known by the subject a clause of its own sentence names before the act (FCCC_SBI_2019_20 items 7,
# 9 and 17, FCCC_SBI_2021_16 item 10): constructed variants of the subsidiary body's paragraph 9, item 4.
_ITEM_4 = "having examined the synthesis of research needs, the SBSTA recommended a draft decision"
SUBJECT_BEFORE = [
    ("having completed its consideration of the synthesis of research needs taking into account decisions 4/CP.60, "
     "paragraph 4; and 2/CP.61, the SBSTA recommended a draft decision", "the synthesis of research needs"),
    ("having considered the synthesis of research needs and undertaken a review of the research programme, the SBSTA "
     "recommended a draft decision", "the synthesis of research needs"),
    ("having welcomed the synthesis of research needs, the SBSTA recommended a draft decision",
     "Ocean acidification research"),  # welcomed: a document, no subject; the item's title
]


@pytest.mark.parametrize("clause,title", SUBJECT_BEFORE)
def test_a_draft_decision_is_known_by_the_subject_its_sentence_names(clause, title, tmp_path):
    text = (TESTDATA / "outcomes" / "subsidiary-body.en.txt").read_text(encoding="utf-8")
    assert _ITEM_4 in text
    changed = tmp_path / "FCCC_SBSTA_2099_9.en.txt"
    changed.write_text(text.replace(_ITEM_4, clause), encoding="utf-8")
    decisions = [o for o in extract_file(changed).outcomes if o.kind == "decision" and o.agenda_items == ["4"]]
    assert [o.title or "Ocean acidification research" for o in decisions] == [title]
