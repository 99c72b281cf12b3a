from __future__ import annotations

import pytest

from unkg.lang import symbols


@pytest.mark.parametrize("text,series,year,session,special,number,modifiers", [
    ("CTOC/COP/WG.3/2024/L.1", "CTOC/COP/WG.3", 2024, None, "L", "1", []),
    ("CTOC/COP/WG.3/2024/L.1/Add.2", "CTOC/COP/WG.3", 2024, None, "L", "1", [("Add", "2")]),
    ("IPBES/1/INF/2/Rev.1", "IPBES", None, 1, "INF", "2", [("Rev", "1")]),
    ("IPBES/1/12", "IPBES", None, 1, None, "12", []),
    ("A/RES/78/1", "A", None, 78, "RES", "1", []),
    ("E/CN.15/2024/L.3/Corr.1", "E/CN.15", 2024, None, "L", "3", [("Corr", "1")]),
    ("CTOC/COP/2024/CRP.4", "CTOC/COP", 2024, None, "CRP", "4", []),
    ("A/C.3/68/L.75", "A/C.3", None, 68, "L", "75", []),
])
def test_parse(text, series, year, session, special, number, modifiers):
    s = symbols.parse(text)
    assert (s.series, s.year, s.session, s.special, s.number, s.modifiers) == \
        (series, year, session, special, number, modifiers)


@pytest.mark.parametrize("bad", ["", "hello", "4/5", "и/или", "CTOC", "D1/P5", "P2/3"])  # grades are not symbols
def test_not_symbols(bad):
    with pytest.raises(ValueError):
        symbols.parse(bad)


def test_find_joint_and_trailing_punctuation():
    text = "документ (CTOC/COP/WG.2/2024/4-CTOC/COP/WG.3/2024/4); см. S/RES/2235(2015). Также IPBES/1/INF/2/Rev.1."
    assert symbols.find_symbols(text) == [["CTOC/COP/WG.2/2024/4", "CTOC/COP/WG.3/2024/4"],
                                          ["S/RES/2235(2015)"], ["IPBES/1/INF/2/Rev.1"]]


def test_undocs_links():
    assert symbols.undocs_url("CTOC/COP/WG.3/2024/L.1") == "https://undocs.org/CTOC/COP/WG.3/2024/L.1"
    assert symbols.undocs_url("CTOC/COP/WG.3/2024/L.1", "ru") == "https://undocs.org/ru/CTOC/COP/WG.3/2024/L.1"
    # undocs.org takes the symbol as UN documents print their links: parentheses as they are, a qualifier
    # without its spaces
    assert symbols.undocs_url("S/RES/2235(2015)") == "https://undocs.org/S/RES/2235(2015)"
    assert symbols.undocs_url("A/77/6 (Sect. 10)") == "https://undocs.org/A/77/6(Sect.10)"
    assert symbols.undocs_url("A/77/6 (Sect. 14)/Corr.1", "fr") == "https://undocs.org/fr/A/77/6(Sect.14)/Corr.1"
    assert symbols.undocs_url("A/C.1/77/PV.25 (Resumption 1)") == "https://undocs.org/A/C.1/77/PV.25(Resumption1)"
    assert symbols.undocs_url("GC(66)/RES/12") is None  # the IAEA's: not on undocs.org


@pytest.mark.parametrize("text,path", [
    ("A/77/6 (Sect. 10)", "A/77/6%28Sect.10%29"),  # every spelling of a qualified symbol is one IRI
    ("A/77/6(Sect.10)", "A/77/6%28Sect.10%29"),
    ("S/RES/2235(2015)", "S/RES/2235%282015%29"),  # IRIs minted before qualifiers were read are unchanged
    ("242 (1967)", "242%20%281967%29"),
])
def test_path_segment(text, path):
    assert symbols.path_segment(text) == path


# Qualified symbols are documents of their own (issue 17): the qualifier stays in the symbol, in one spelling,
# and the unqualified symbol is not cited unless printed bare. Constructed symbols and sentences.
@pytest.mark.parametrize("text,found", [
    ("the reports of the Secretary-General (A/99/153\n(Part I) and A/99/153 (Part II)).",
     ["A/99/153 (Part I)", "A/99/153 (Part II)"]),
    ("les chapitres A/99/6 (Sect. 10) et A/99/6 (Sect. 14)/Corr.1 du projet de budget",
     ["A/99/6 (Sect. 10)", "A/99/6 (Sect. 14)/Corr.1"]),
    ("el volumen A/99/5 (Vol. II) y el documento A/99/278 (Part I) y Add.1",
     ["A/99/5 (Vol. II)", "A/99/278 (Part I)", "A/99/278 (Part I)/Add.1"]),
    ("records A/C.4/99/PV.7, A/C.4/99/PV.7 (Resumption) and A/C.4/99/PV.7 (Resumption 2).",
     ["A/C.4/99/PV.7", "A/C.4/99/PV.7 (Resumption)", "A/C.4/99/PV.7 (Resumption 2)"]),
    ("Final Document (XYZ/CONF.2030/7 (Parts I and II) and XYZ/CONF.2030/7 (Vol. III)).",
     ["XYZ/CONF.2030/7 (Parts I and II)", "XYZ/CONF.2030/7 (Vol. III)"]),
    ("см. A/99/6(Sect.29A) и S/PV.9999(Resumption1)", ["A/99/6 (Sect. 29A)", "S/PV.9999 (Resumption 1)"]),
    ("resolution GC(70)/RES/4 of the General Conference", ["GC(70)/RES/4"]),  # another organization's
])
def test_qualified_symbols(text, found):
    assert [p for parts in symbols.find_symbols(text) for p in parts] == found
    for sym in found:
        assert symbols.parse(sym).series


@pytest.mark.parametrize("text,found", [
    # a footnote mark glued by the PDF's text layer is not part of the symbol
    ("the note by the Secretariat (A/AC.999/2025/1a) and", ["A/AC.999/2025/1"]),
    ("voir le document E/CN.99/2030/L.4b.", ["E/CN.99/2030/L.4"]),
    # kerning inside a component: a year split in two, a special component split in its letters
    ("See E/ZZZ/203 0/4 .", ["E/ZZZ/2030/4"]),
    ("See E/CN.99/2030/C RP. 7.", ["E/CN.99/2030/CRP.7"]),
    ("A/98/12/Corr.1- E/20 31/9/Corr.1.", ["A/98/12/Corr.1", "E/2031/9/Corr.1"]),
    ("the ratio 1/20 12/3 and 7/C RP. 2", []),  # not symbols: nothing joined
    # a slash printed as a dot after a body component, before a records component
    ("A/C.3/99/SR.4, A/C.3.99/SR.5 and", ["A/C.3/99/SR.4", "A/C.3/99/SR.5"]),
    ("документ A/C.6.99/L.3", ["A/C.6/99/L.3"]),
    # a joint symbol hyphenated across a line and joined by a PDF tool
    ("документ XX/COP/WG.1/2030/2XX/COP/WG.4/2030/2 и", ["XX/COP/WG.1/2030/2", "XX/COP/WG.4/2030/2"]),
    # addendum ranges
    ("documents X/SBI/2030/5 and Add.1–3 and X/SB/2030/2/Add.1-2.",
     ["X/SBI/2030/5", "X/SBI/2030/5/Add.1", "X/SBI/2030/5/Add.2", "X/SBI/2030/5/Add.3",
      "X/SB/2030/2/Add.1", "X/SB/2030/2/Add.2"]),
    ("les documents X/2030/6 et Add.1 à 3", ["X/2030/6", "X/2030/6/Add.1", "X/2030/6/Add.2", "X/2030/6/Add.3"]),
    ("los documentos X/2030/6 y Add.1 a 2", ["X/2030/6", "X/2030/6/Add.1", "X/2030/6/Add.2"]),
])
def test_what_pdf_text_layers_do_to_symbols(text, found):
    assert [p for parts in symbols.find_symbols(text) for p in parts] == found


def test_a_joint_symbol_joined_by_a_pdf_tool_stays_one_document():
    assert symbols.find_symbols("(XX/COP/WG.1/2030/2XX/COP/WG.4/2030/2)") == [["XX/COP/WG.1/2030/2",
                                                                              "XX/COP/WG.4/2030/2"]]


@pytest.mark.parametrize("text,found", [
    ("See A/ES-10/273 and A/ES-10/273/Corr.1.", [["A/ES-10/273"], ["A/ES-10/273/Corr.1"]]),
    ("resolution A/RES/ES-10/15 of 20 July 2004", [["A/RES/ES-10/15"]]),
    ("A/56/1026-S/2002/932, annex II", [["A/56/1026", "S/2002/932"]]),
])
def test_components_with_a_hyphen_before_digits(text, found):
    """Regression: the emergency special session component (ES-10) cut the symbol short."""
    assert symbols.find_symbols(text) == found


@pytest.mark.parametrize("text,found", [
    ("委员会未经表决通过了决议草案A/C.3/95/L.21/Rev.1（见第14段）", [["A/C.3/95/L.21/Rev.1"]]),
    ("决定草案A/C.3/95/L.40采取行动", [["A/C.3/95/L.40"]]),
])
def test_a_symbol_written_onto_chinese_text(text, found):
    """Regression: Chinese writes no space before a symbol, and a CJK character counts as a word character."""
    assert symbols.find_symbols(text) == found


@pytest.mark.parametrize("text,found", [
    ("see A/CONF.232/ 2023/5.", ["A/CONF.232/2023/5"]),
    ("resolution A/RES/77 /321 of", ["A/RES/77/321"]),
    ("document CTOC/COP/WG.3/2024/L. 1 and", ["CTOC/COP/WG.3/2024/L.1"]),
    ("decisions 2/6 and/ or 5/3", []),
])
def test_spaces_inside_symbols_from_pdf_kerning(text, found):
    assert [s for parts in symbols.find_symbols(text) for s in parts] == found


@pytest.mark.parametrize("text,found", [
    ("documents X/2014/2 and Add.1, X/2014/7 and X/2014/MISC.2 and Add.1 and 2.",
     ["X/2014/2", "X/2014/2/Add.1", "X/2014/7", "X/2014/MISC.2", "X/2014/MISC.2/Add.1", "X/2014/MISC.2/Add.2"]),
    ("le document E/2023/5 et Corr.1", ["E/2023/5", "E/2023/5/Corr.1"]),
    ("los documentos A/77/1 y Add.3, párr. 5", ["A/77/1", "A/77/1/Add.3"]),
    ("文件FCCC/SBI/2014/2和Add.1", ["FCCC/SBI/2014/2", "FCCC/SBI/2014/2/Add.1"]),
    ("A/77/L.5/Rev.1 and Rev.2", ["A/77/L.5/Rev.1", "A/77/L.5/Rev.2"]),
    ("A/77/450 and 2 other reports", ["A/77/450"]),
])
def test_a_modifier_written_alone_belongs_to_the_symbol_before_it(text, found):
    assert [p for parts in symbols.find_symbols(text) for p in parts] == found


def test_a_slash_dropped_before_the_year_is_restored():
    assert symbols.find_symbols("documents FCCC/SBI2014/4 and A/HRC/2019/1") == [["FCCC/SBI/2014/4"], ["A/HRC/2019/1"]]


@pytest.mark.parametrize("joint,own", [
    ("E/2031/26-E/CN.5/2031/9", "E/CN.5/2031/9"),  # Official Records: the Council's number, the Commission's
    ("E/CN.5/2031/9-E/2031/26", "E/CN.5/2031/9"),
    ("A/CN.9/1251", "A/CN.9/1251"),
])
def test_own_part_of_a_joint_symbol_is_the_body_s(joint, own):
    assert symbols.own_part(joint) == own
