"""Classes of text about drafts, votes and sponsors (src/unkg/extract/drafts.py, votes.py, sponsors.py,
draft_text.py), each in every language as its UN texts word it: constructed sentences, invented symbols and names.
Whole constructed reports of these classes are checked against their gold (tests/data/drafts/, gold
drafts-*.json) by tests/extract/test_competency_gold.py."""
from __future__ import annotations

import pytest

from unkg.extract.context import Context
from unkg.extract.report import extract_text
from unkg.extract.votes import intended, marked, part_label, read_list
from unkg.lang import symbols
from unkg.lang.lexicon import load
from unkg.lang.names import resolver
from unkg.model import Report, Source
from unkg.read.segment import segment


def context(lang: str) -> Context:
    return Context(Report("<test>", symbols.parse("A/99/1"), lang), segment("1. -"), load(lang), resolver(lang))


def drafts_of(lang: str, *paragraphs: str) -> dict[str, tuple]:
    """The drafts a committee report made of these paragraphs states: symbol -> (action, sponsors)."""
    text = "CONSTRUCTED TEST TEXT\n\nA/99/500\n\n" + "".join(f"{i}. {p}\n" for i, p in enumerate(paragraphs, 1))
    report = extract_text(text, "<test>", lang=lang, symbol="A/99/500")
    return {d.symbol: (d.action, sorted((s.how, s.entity.code) for s in d.sponsors)) for d in report.drafts}


# The part of a draft a separate vote is on, normalised.
PARTS = [
    ("en", "The seventh preambular paragraph was retained by a recorded vote of 25 to 9", "preambular 7"),
    ("en", "the twenty-first preambular paragraph", "preambular 21"),
    ("en", "Operative paragraph 5 (b) was deleted by a recorded vote", "operative 5 (b)"),
    ("en", "a separate vote on subparagraph (c) of operative paragraph 12", "operative 12 (c)"),
    ("fr", "Le septième alinéa du préambule a été maintenu", "preambular 7"),
    ("fr", "L’alinéa b) du paragraphe 5 du dispositif a été supprimé", "operative 5 (b)"),
    ("es", "El séptimo párrafo del preámbulo se mantuvo", "preambular 7"),
    ("es", "el párrafo 5 b) de la parte dispositiva fue suprimido", "operative 5 (b)"),
    ("ru", "Седьмой пункт преамбулы был сохранен", "preambular 7"),
    ("ru", "пункт 5 (b) постановляющей части был исключен", "operative 5 (b)"),
    ("ru", "голосование по пятнадцатому пункту преамбулы", "preambular 15"),
    ("ar", "أُبقي على الفقرة السابعة من الديباجة", "preambular 7"),
    ("ar", "الفقرة الخامسة عشرة من الديباجة", "preambular 15"),
    ("ar", "حُذفت الفقرة 5 (b) من المنطوق", "operative 5 (b)"),
    ("zh", "序言部分第七段以记录表决保留", "preambular 7"),
    ("zh", "执行部分第5(b)段被删除", "operative 5 (b)"),
]


@pytest.mark.parametrize("lang,text,part", PARTS)
def test_the_part_a_separate_vote_is_on(lang, text, part):
    assert part_label(load(lang), text)[0] == part


# Votes States said afterwards they had intended to cast, in every wording: each statement takes the States named
# since the one before it.
INTENDED = [
    ("en", "The delegation of Rwanda subsequently informed the Secretariat that it had intended to abstain.",
     [("RWA", "abstain")]),
    ("en", "The delegation of Liechtenstein subsequently indicated that it had intended to vote against and the "
           "delegation of Ethiopia indicated that it had intended to vote in favour.", [("LIE", "no"), ("ETH", "yes")]),
    ("en", "The delegation of Mali indicated that it wished to be recorded as having voted in favour.",
     [("MLI", "yes")]),
    ("en", "The delegations of Algeria, Fiji and Kenya subsequently indicated that, had they been present, they would "
           "have voted in favour.", [("DZA", "yes"), ("FJI", "yes"), ("KEN", "yes")]),
    ("fr", "La délégation du Rwanda a ensuite informé le Secrétariat qu’elle avait eu l’intention de s’abstenir.",
     [("RWA", "abstain")]),
    ("fr", "La délégation du Kenya a indiqué qu’elle aurait voté pour.", [("KEN", "yes")]),
    ("es", "La delegación de Rwanda indicó posteriormente que tenía la intención de abstenerse.", [("RWA", "abstain")]),
    ("es", "La delegación de Kenya indicó que habría votado en contra.", [("KEN", "no")]),
    ("ru", "Делегация Руанды впоследствии сообщила Секретариату, что она намеревалась воздержаться.",
     [("RWA", "abstain")]),
    ("ru", "Делегация Кении сообщила, что голосовала бы против.", [("KEN", "no")]),
    ("ar", "وأبلغ وفد رواندا الأمانة العامة لاحقا بأنه كان ينوي الامتناع عن التصويت.", [("RWA", "abstain")]),
    ("ar", "وأفاد وفد كينيا بأنه لو كان حاضرا لصوت مؤيدا.", [("KEN", "yes")]),
    ("zh", "卢旺达代表团随后通知秘书处，该国原打算弃权。", [("RWA", "abstain")]),
    ("zh", "肯尼亚代表团表示，如果在场，本会投反对票。", [("KEN", "no")]),
]


@pytest.mark.parametrize("lang,text,expected", INTENDED)
def test_votes_states_intended_to_cast(lang, text, expected):
    assert [(e.code, vote) for e, vote in intended(context(lang), text)] == expected


# What a page break leaves inside a vote list (a footnote mark after a name, the running header, the job number, the
# page number) is no voter: as many names as were printed.
LISTS = [
    ("en", "Liberia, Libya 2, Liechtenstein", ["LBR", "LBY", "LIE"]),
    ("en", "Libya,2 Liechtenstein", ["LBY", "LIE"]),
    ("en", "Monaco, Micronesia 3 (Federated States of), Mongolia", ["MCO", "FSM", "MNG"]),
    ("en", "Saint Vincent and the 3/14 22-27453 (E) A/77/462 Grenadines, Samoa", ["VCT", "WSM"]),
    ("en", "Lao People’s 2 Democratic Republic, Latvia", ["LAO", "LVA"]),
    ("en", "Oman, Syrian Arab Republic2", ["OMN", "SYR"]),
    ("fr", "Bélarus, Cuba 2, Égypte et Fidji", ["BLR", "CUB", "EGY", "FJI"]),
    ("es", "Belarús, Cuba 2, Egipto y Fiji", ["BLR", "CUB", "EGY", "FJI"]),
    ("ru", "Беларусь, Куба 2, Египет и Фиджи", ["BLR", "CUB", "EGY", "FJI"]),
    ("ar", "بيلاروس، كوبا 2، مصر وفيجي", ["BLR", "CUB", "EGY", "FJI"]),
    ("zh", "白俄罗斯、古巴2、埃及和斐济", ["BLR", "CUB", "EGY", "FJI"]),
]


@pytest.mark.parametrize("lang,listed,codes", LISTS)
def test_page_furniture_in_a_vote_list_is_no_voter(lang, listed, codes):
    assert [e.code for e in read_list(context(lang), listed, Source(1))] == codes


@pytest.mark.parametrize("text,label,expected", [
    ("The voting was as follows: 2", "2", True),
    ("Kenya 3, Kiribati", "3", True),
    ("Syrian Arab Republic 2.", "2", True),
    ("Syrian Arab Republic2, Oman", "2", True),
    ("draft resolution A/C.1/99/L.2 as a whole", "2", False),
    ("The voting was as follows: 2", "3", False),
])
def test_a_footnote_mark_in_a_vote(text, label, expected):
    assert marked(text, label) == expected


# "X, also on behalf of A, B and C, introduced … and announced that D had joined": the States next to the joining
# verb joined, the others submitted.
SPONSORS = [
    ("en", "At the 14th meeting, the representative of Saudi Arabia, also on behalf of Bahrain, Cyprus and Oman, "
           "introduced a draft resolution entitled “Observer status” (A/C.6/99/L.2) and announced that Egypt had joined "
           "in sponsoring the draft resolution."),
    ("fr", "À la 14e séance, le représentant de l’Arabie saoudite a présenté, au nom également de Bahreïn, de Chypre et "
           "d’Oman, un projet de résolution intitulé « Statut d’observateur » (A/C.6/99/L.2) et annoncé que l’Égypte "
           "s’était portée coauteur du projet de résolution."),
    ("es", "En la 14ª sesión, el representante de la Arabia Saudita, también en nombre de Bahrein, Chipre y Omán, "
           "presentó un proyecto de resolución titulado “Condición de observador” (A/C.6/99/L.2) y anunció que Egipto "
           "se había sumado a los patrocinadores del proyecto de resolución."),
    ("ru", "На 14-м заседании представитель Саудовской Аравии от имени также Бахрейна, Кипра и Омана внес проект "
           "резолюции, озаглавленный «Статус наблюдателя» (A/C.6/99/L.2), и объявил, что к числу авторов "
           "присоединился Египет."),
    ("ar", "وفي الجلسة 14، عرض ممثل المملكة العربية السعودية، باسم البحرين وقبرص وعمان أيضا، مشروع قرار معنونا «مركز "
           "المراقب» (A/C.6/99/L.2)، وأعلن أن مصر قد انضمت إلى مقدمي مشروع القرار."),
    ("zh", "在第14次会议上，沙特阿拉伯代表还代表巴林、塞浦路斯和阿曼介绍了题为“观察员地位”的决议草案(A/C.6/99/L.2)，"
           "并宣布埃及已加入为提案国。"),
]


@pytest.mark.parametrize("lang,text", SPONSORS)
def test_submitted_also_on_behalf_of_others_and_joined_in_one_sentence(lang, text):
    assert drafts_of(lang, text)["A/C.6/99/L.2"][1] == [("joined", "EGY"), ("submitted", "BHR"), ("submitted", "CYP"),
                                                        ("submitted", "OMN"), ("submitted", "SAU")]


# A draft submitted by an officer on the basis of informal consultations on another draft has no sponsor, and the
# other draft is not acted on there; "in the light of the adoption of X, Y was withdrawn" withdraws Y only.
OFFICER_AND_CONTEXT = [
    ("en", "At its 22nd meeting, the Committee had before it a draft resolution entitled “Ocean science” "
           "(A/C.2/99/L.46), submitted by the Vice-Chair of the Committee, Anna Berg (Sweden), on the basis of informal "
           "consultations held on draft resolution A/C.2/99/L.2.",
     "In the light of the adoption of draft resolution A/C.2/99/L.46, draft resolution A/C.2/99/L.2 was withdrawn by "
     "its sponsors."),
    ("fr", "À sa 22e séance, la Commission était saisie d’un projet de résolution intitulé « Sciences océaniques » "
           "(A/C.2/99/L.46), présenté par la Vice-Présidente de la Commission, Anna Berg (Suède), sur la base de "
           "consultations officieuses tenues sur le projet de résolution A/C.2/99/L.2.",
     "Compte tenu de l’adoption du projet de résolution A/C.2/99/L.46, le projet de résolution A/C.2/99/L.2 a été "
     "retiré par ses auteurs."),
    ("es", "En su 22ª sesión, la Comisión tuvo ante sí un proyecto de resolución titulado “Ciencias oceánicas” "
           "(A/C.2/99/L.46), presentado por la Vicepresidenta de la Comisión, Anna Berg (Suecia), sobre la base de las "
           "consultas oficiosas celebradas acerca del proyecto de resolución A/C.2/99/L.2.",
     "A la luz de la aprobación del proyecto de resolución A/C.2/99/L.46, los patrocinadores retiraron el proyecto de "
     "resolución A/C.2/99/L.2."),
    ("ru", "На своем 22-м заседании Комитет имел в своем распоряжении проект резолюции, озаглавленный «Океанология» "
           "(A/C.2/99/L.46), представленный заместителем Председателя Комитета Анной Берг (Швеция) по итогам "
           "неофициальных консультаций по проекту резолюции A/C.2/99/L.2.",
     "В свете принятия проекта резолюции A/C.2/99/L.46 авторы сняли проект резолюции A/C.2/99/L.2."),
    ("ar", "وفي الجلسة 22، كان معروضا على اللجنة مشروع قرار معنون «علوم المحيطات» (A/C.2/99/L.46)، قدمه نائب رئيس "
           "اللجنة، آنا بيرغ (السويد)، على أساس مشاورات غير رسمية أجريت بشأن مشروع القرار A/C.2/99/L.2.",
     "وفي ضوء اعتماد مشروع القرار A/C.2/99/L.46، سحب مقدمو مشروع القرار A/C.2/99/L.2 مشروع القرار."),
    ("zh", "在第22次会议上，委员会面前有由委员会副主席安娜·伯格(瑞典)根据就决议草案A/C.2/99/L.2进行的非正式协商提交的"
           "题为“海洋科学”的决议草案(A/C.2/99/L.46)。",
     "鉴于决议草案A/C.2/99/L.46获得通过，提案国撤回了决议草案A/C.2/99/L.2。"),
]


@pytest.mark.parametrize("lang,before_it,withdrawn", OFFICER_AND_CONTEXT)
def test_an_officers_draft_and_a_draft_withdrawn_in_the_light_of_another(lang, before_it, withdrawn):
    assert drafts_of(lang, before_it, withdrawn) == {"A/C.2/99/L.46": (None, []), "A/C.2/99/L.2": ("withdrawn", [])}


# A State introducing a draft in its capacity as the Chair of another body, or on behalf of the Bureau, is not its
# sponsor.
CAPACITY = [
    ("en", "At the same meeting, the representative of Mexico, in her capacity as Chair of the Special Committee, "
           "introduced a draft decision entitled “Seminar” (A/C.4/99/L.15)."),
    ("fr", "À la même séance, la représentante du Mexique, en sa qualité de Présidente du Comité spécial, a présenté un "
           "projet de décision intitulé « Séminaire » (A/C.4/99/L.15)."),
    ("es", "En la misma sesión, la representante de México, en su calidad de Presidenta del Comité Especial, presentó un "
           "proyecto de decisión titulado “Seminario” (A/C.4/99/L.15)."),
    ("ru", "На том же заседании представитель Мексики, выступая в качестве Председателя Специального комитета, внес "
           "проект решения, озаглавленный «Семинар» (A/C.4/99/L.15)."),
    ("ar", "وفي الجلسة نفسها، عرضت ممثلة المكسيك، بصفتها رئيسة اللجنة الخاصة، مشروع مقرر معنونا «الحلقة الدراسية» "
           "(A/C.4/99/L.15)."),
    ("zh", "在同次会议上，墨西哥代表以特别委员会主席的身份介绍了题为“研讨会”的决定草案(A/C.4/99/L.15)。"),
    # on behalf of the Committee's Bureau, its officers: the draft is theirs, not the State's (A/77/411, Brazil)
    ("en", "At the same meeting, the representative of Peru, on behalf of the Bureau, introduced a draft decision "
           "entitled “Seminar” (A/C.4/99/L.15)."),
    ("fr", "À la même séance, le représentant du Pérou a présenté, au nom du Bureau, un projet de décision intitulé "
           "« Séminaire » (A/C.4/99/L.15)."),
    ("es", "En la misma sesión, el representante del Perú, en nombre de la Mesa, presentó un proyecto de decisión "
           "titulado “Seminario” (A/C.4/99/L.15)."),
    ("ru", "На том же заседании представитель Перу от имени Бюро внес проект решения, озаглавленный «Семинар» "
           "(A/C.4/99/L.15)."),
    ("ar", "وفي الجلسة نفسها، عرض ممثل بيرو، باسم المكتب، مشروع مقرر معنونا «الحلقة الدراسية» (A/C.4/99/L.15)."),
    ("zh", "在同次会议上，秘鲁代表代表主席团介绍了题为“研讨会”的决定草案(A/C.4/99/L.15)。"),
]


@pytest.mark.parametrize("lang,text", CAPACITY)
def test_a_state_introducing_as_chair_of_another_body_is_no_sponsor(lang, text):
    assert drafts_of(lang, text) == {"A/C.4/99/L.15": (None, [])}


def test_a_draft_without_a_symbol_has_one_iri_in_every_language():
    """Its designation is worded as each version prints it; its IRI comes from the holder, the kind and the number of
    its label, so two language versions name one draft, and validated together they conform."""
    from unkg.graph.validate import validate_quads
    from unkg.pipeline.convert import convert_file

    from ..conftest import TESTDATA

    quads = [q for lang in ("en", "fr") for q in convert_file(TESTDATA / "drafts" / f"unnumbered.{lang}.txt").quads]
    designations = {(q.subject.value, q.object.value) for q in quads
                    if q.predicate.value.endswith("#symbol") and q.object.datatype.value.endswith("#DraftDesignation")}
    assert designations == {
        ("https://w3id.org/unkg/id/doc/A/99/23/draft/resolution/1", "A/99/23 draft resolution I"),
        ("https://w3id.org/unkg/id/doc/A/99/23/draft/resolution/1", "A/99/23 projet de résolution I"),
        ("https://w3id.org/unkg/id/doc/E/2099/40/draft/decision", "E/2099/40 draft decision"),
        ("https://w3id.org/unkg/id/doc/E/2099/40/draft/decision", "E/2099/40 projet de décision")}
    assert validate_quads(quads).conforms
