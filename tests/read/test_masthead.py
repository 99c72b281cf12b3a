"""The masthead in every layout users have, and the symbol from the file name.

The mastheads below are constructed (symbols of the form X/9999/… are not UN documents);
they follow the layouts of pdftotext (default, -layout, -raw), Word-derived text and the UN
Parallel Corpus."""
from __future__ import annotations

from datetime import date

import pytest

from unkg.lang.lexicon import load
from unkg.read.masthead import masthead_title, read_masthead, symbol_from_filename
from unkg.read.segment import segment

BODY_EN = "\n\nI. Introduction\n\n1. The Working Group held its meeting in Vienna on 3 and 4 March 2030.\n"

MASTHEADS = {
    "pdftotext": ("en", "XY/9999/12\n\nUnited Nations\n\nGeneral Assembly\n\nDistr.: General\n5 March 2030\n"
                        "Original: English\n\nNinety-ninth session\nAgenda item 56\n\nReport of the Working Group"),
    "layout": ("en", "United Nations" + " " * 40 + "XY/9999/12\n" + " " * 10 + "General Assembly" + " " * 20
                     + "Distr.: General\n" + " " * 46 + "5 March 2030\n\n" + " " * 46 + "Original: English\n"
                     + "Ninety-ninth session\nAgenda item 56\nReport of the Working Group"),
    "raw": ("en", "United Nations XY/9999/12\nGeneral Assembly Distr.: General\n5 March 2030 Original: English\n"
                  "Ninety-ninth session\nAgenda item 56\nReport of the Working Group"),
    "word-table": ("en", "|  | United Nations | XY/9999/12 |\r\n|  |  | Distr.: General 5 March 2030  Original: "
                         "English |\r\n\r\nGeneral Assembly\r\nNinety-ninth session\r\nAgenda item 56\r\n"
                         "Report of the Working Group"),
    "tabs": ("en", "\tUnited Nations\t\tXY/9999/12\n\tGeneral Assembly\tDistr.: General\n\t\t5 March 2030\n"
                   "\t\tOriginal: English\nNinety-ninth session\nAgenda item 56\nReport of the Working Group"),
    "kerning": ("en", "XY/9999/ 12\n\nUnited Nations\n\nGeneral Assembly\n\nDistr.: General\n5 March 2030\n"
                      "Original: English\n\nNinety-ninth session\nAgenda item 56\n\nReport of the Working Group"),
}
EXPECTED = dict(symbol="XY/9999/12", date=date(2030, 3, 5), distribution="General", original_language="English",
                body="General Assembly", session="Ninety-ninth session", agenda_item="56")


@pytest.mark.parametrize("layout", sorted(MASTHEADS))
def test_masthead_in_any_layout(layout):
    lang, front = MASTHEADS[layout]
    lex = load(lang)
    seg = segment(front.replace("\r\n", "\n") + BODY_EN, headings=lex.get("headings"))
    m = read_masthead(seg, lex)
    got = {key: getattr(m, key) for key in EXPECTED}
    assert got == EXPECTED
    assert masthead_title(seg.front, lex) == "Report of the Working Group"


# Mastheads of the other language versions (constructed): Russian, Chinese and Arabic ones print the date in
# English, French and Spanish ones in their own language.
OTHER_LANGUAGES = {
    "ru": ("XY/9999/12\n\nОрганизация Объединенных Наций\n\nГенеральная Ассамблея\n\nDistr.: General\n"
           "5 March 2030\nRussian\nOriginal: English\n\nДевяносто девятая сессия\nПункт 56 повестки дня\n",
           "\n\nI. Введение\n\n1. Рабочая группа провела совещание в Вене 3 и 4 марта 2030 года.\n"),
    "fr": ("XY/9999/12\n\nNations Unies\n\nAssemblée générale\n\nDistr. générale\n5 mars 2030\nFrançais\n"
           "Original : anglais\n\nQuatre-vingt-dix-neuvième session\nPoint 56 de l’ordre du jour\n",
           "\n\nI. Introduction\n\n1. Le Groupe de travail a tenu sa réunion à Vienne les 3 et 4 mars 2030.\n"),
    "es": ("XY/9999/12\n\nNaciones Unidas\n\nAsamblea General\n\nDistr. general\n5 de marzo de 2030\n"
           "Español\nOriginal: inglés\n\nTema 56 del programa\n",
           "\n\nI. Introducción\n\n1. El Grupo de Trabajo celebró su reunión en Viena los días 3 y 4 de marzo.\n"),
    "zh": ("XY/9999/12\n\n联合国\n\n大会\n\nDistr.: General\n5 March 2030\nChinese\nOriginal: English\n\n"
           "议程项目56\n", "\n\n一、导言\n\n1. 工作组于2030年3月3日和4日在维也纳举行会议。\n"),
}


@pytest.mark.parametrize("lang", sorted(OTHER_LANGUAGES))
def test_masthead_in_other_languages(lang):
    front, body = OTHER_LANGUAGES[lang]
    lex = load(lang)
    m = read_masthead(segment(front + body, headings=lex.get("headings")), lex)
    assert (m.symbol, m.date, m.agenda_item) == ("XY/9999/12", date(2030, 3, 5), "56")
    assert m.distribution and m.original_language
    if lang in ("ru", "fr"):
        assert m.session == front.split("\n\n")[-1].split("\n")[0]


def test_a_date_range_on_the_masthead_is_not_the_issue_date():
    lex = load("en")
    seg = segment("Economic and Social Council Distr.\nFifth session Geneva, 10 - 12 November 2030" + BODY_EN,
                  headings=lex.get("headings"))
    assert read_masthead(seg, lex).date is None


@pytest.mark.parametrize("name,symbol", [
    ("ECE_MP.WAT_29.en.txt", "ECE/MP.WAT/29"),
    ("A_77_441.en.txt", "A/77/441"),
    ("FCCC_SBI_2014_8.en.txt", "FCCC/SBI/2014/8"),
    ("A-77-441-EN.pdf", "A/77/441"),
    ("A_RES_77_321.en.pdf", "A/RES/77/321"),  # as `unkg fetch` writes it
    ("CTOC_COP_WG.3_2024_L.1.ru.docx", "CTOC/COP/WG.3/2024/L.1"),
    ("IPBES_1_12.en.akn.html.md", "IPBES/1/12"),
    ("report.txt", None),
    ("minutes-2024.en.txt", None),
])
def test_symbol_from_the_file_name(name, symbol):
    assert symbol_from_filename(name) == symbol


# The report's own title line among the masthead's cells (constructed mastheads): the committee's line after an
# agenda item whose title itself begins "Report of …", a committee name run on to a second line, a reissue mark,
# a title broken inside a phrase.
TITLES = [
    ("en", "XY/9999/40\n\nGeneral Assembly\n\nDistr.: General\n5 March 2030\nOriginal: English\n\n"
           "Ninety-ninth session\nAgenda item 88\n\nReport of the Council for Ocean Mapping on\nits tenth session\n"
           "Report of the Third Committee\nRapporteur: Ms. Ana Ruiz (Peru)",
     "Report of the Third Committee"),
    ("en", "XY/9999/41\n\nGeneral Assembly\n\nDistr.: General\n5 March 2030\nOriginal: English\n\n"
           "Ninety-ninth session\nAgenda items 12 and 14\n\nReview of the functioning of the Secretariat\n"
           "Report on the work of the Office of Audit\nReport of the Special Political and Maritime Affairs "
           "Committee\n(Seventh Committee)\nRapporteur: Mr. Ivo Kran (Croatia)",
     "Report of the Special Political and Maritime Affairs Committee (Seventh Committee)"),
    ("en", "XY/9999/42\n\nGeneral Assembly\n\nDistr.: General\n5 March 2030\nOriginal: English\n\n"
           "Ninety-ninth session\nAgenda item 7\n\nSoil and development\nReport of the Second Committee *\n"
           "Rapporteur: Mr. Ivo Kran (Croatia)", "Report of the Second Committee"),
    ("en", "XY/9999/43\n\nUnited Nations\n\nDistr.: General\n5 March 2030\nOriginal: English\n\n"
           "Report of the Standing Body for Science and\nTechnology on its ninth session, held in Lima from\n"
           "2 to 6 May 2030",
     "Report of the Standing Body for Science and Technology on its ninth session, held in Lima from 2 to 6 May "
     "2030"),
    ("ru", "XY/9999/44\n\nГенеральная Ассамблея\n\nDistr.: General\n5 March 2030\nRussian\nOriginal: English\n\n"
           "Девяносто девятая сессия\nПункт 88 повестки дня\n\nДоклад Совета по картированию океана\n"
           "Доклад Третьего комитета\nДокладчик: г-жа Анна Руис (Перу)", "Доклад Третьего комитета"),
    ("fr", "XY/9999/45\n\nAssemblée générale\n\nDistr. générale\n5 mars 2030\nFrançais\nOriginal : anglais\n\n"
           "Quatre-vingt-dix-neuvième session\nPoint 88 de l’ordre du jour\n\nRapport du Conseil de la "
           "cartographie des océans\nRapport de la Commission des questions politiques spéciales et\n"
           "maritimes (Septième Commission) *\nRapporteuse : Mme Ana Ruiz (Pérou)",
     "Rapport de la Commission des questions politiques spéciales et maritimes (Septième Commission)"),
    ("ar", "XY/9999/46\n\nالجمعية العامة\n\nDistr.: General\n5 March 2030\nArabic\nOriginal: English\n\n"
           "الدورة التاسعة والتسعون\nالبند 88 من جدول الأعمال\n\nتقرير مجلس رسم خرائط المحيطات\n"
           "تقرير اللجنة الثالثة\nالمقرر: Ana Ruiz (بيرو)", "تقرير اللجنة الثالثة"),
]


@pytest.mark.parametrize("lang,front,title", TITLES)
def test_the_reports_own_title_line(lang, front, title):
    lex = load(lang)
    body = {"en": BODY_EN, "ru": OTHER_LANGUAGES["ru"][1], "fr": OTHER_LANGUAGES["fr"][1],
            "ar": "\n\nأولا - مقدمة\n\n1 - عقد الفريق العامل اجتماعه في فيينا يومي 3 و4 آذار/مارس 2030.\n"}[lang]
    seg = segment(front + body, headings=lex.get("headings"))
    assert masthead_title(seg.front, lex) == title
