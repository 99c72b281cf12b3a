from __future__ import annotations

import pytest

from unkg import symbols


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
