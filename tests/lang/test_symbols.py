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
    assert symbols.undocs_url("S/RES/2235(2015)") == "https://undocs.org/S/RES/2235%282015%29"


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
