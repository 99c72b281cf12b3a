"""The masthead in every layout users have, and the symbol from the file name.

The mastheads below are constructed (symbols of the form X/9999/… are not UN documents);
they follow the layouts of pdftotext (default, -layout, -raw), Word-derived text and the UN
Parallel Corpus."""
from __future__ import annotations

from datetime import date

import pytest

from unkg.lexicon import load
from unkg.masthead import read_masthead, symbol_from_filename
from unkg.segment import segment

BODY_EN = "\n\nI. Introduction\n\n1. The Working Group held its meeting in Vienna on 3 and 4 March 2030.\n"

MASTHEADS = {
    "pdftotext": ("en", "XY/9999/12\n\nUnited Nations\n\nGeneral Assembly\n\nDistr.: General\n5 March 2030\n"
                        "Original: English\n\nNinety-ninth session\nAgenda item 56\n\nReport of the Working Group"),
    "layout": ("en", "United Nations" + " " * 40 + "XY/9999/12\n" + " " * 10 + "General Assembly" + " " * 20
                     + "Distr.: General\n" + " " * 46 + "5 March 2030\n\n" + " " * 46 + "Original: English\n"
                     + "Ninety-ninth session\nAgenda item 56\nReport of the Working Group"),
    "raw": ("en", "XY/9999/12 United Nations General Assembly\nDistr.: General 5 March 2030 Original: English\n"
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
                body="General Assembly", session="Ninety-ninth session", agenda_item="56",
                title="Report of the Working Group")


@pytest.mark.parametrize("layout", sorted(MASTHEADS))
def test_masthead_in_any_layout(layout):
    lang, front = MASTHEADS[layout]
    lex = load(lang)
    seg = segment(front.replace("\r\n", "\n") + BODY_EN, headings=lex.get("headings"))
    m = read_masthead(seg, lex)
    got = {key: getattr(m, key) for key in EXPECTED}
    if layout == "raw":  # -raw runs the masthead's cells together: the body name is not a cell of its own
        assert got.pop("body") is None
        assert got == {k: v for k, v in EXPECTED.items() if k != "body"}
    else:
        assert got == EXPECTED


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
