from __future__ import annotations

import pytest

from unkg.lang.names import countries, resolver


@pytest.mark.parametrize("printed,code", [
    ("Азербайджана", "AZE"),
    ("Доминиканской Республики", "DOM"),
    ("Соединенных Штатов Америки", "USA"),
    ("Соединенным Штатам Америки", "USA"),
    ("Соединенные Штаты", "USA"),
    ("Соединенное Королевство", "GBR"),
    ("Южной Африкой", "ZAF"),
    ("Государства Палестина", "PSE"),
    ("Нидерланды (Королевство)", "NLD"),
    ("Венесуэлы (Боливарианской Республики)", "VEN"),
    ("Кот-д'Ивуар", "CIV"),
    ("Лаосской Народно-Демократической Республики", "LAO"),
    ("Исламская Республика Иран", "IRN"),
    ("Европейского союза", "EU"),
    ("Международной организации уголовной полиции", "INTERPOL"),
    ("Лигой арабских государств", "LAS"),
    ("Совета сотрудничества арабских государств Залива", "GCC"),
])
def test_russian_case_forms_resolve(printed, code):
    assert resolver("ru").resolve(printed).code == code


def test_unknown_name_is_kept_unresolved():
    entity = resolver("ru").resolve("Атлантиды")
    assert entity.kind == "unresolved" and entity.surface == "Атлантиды" and entity.code is None


def test_scan_needs_a_capital_so_pronouns_are_not_countries():
    found = resolver("ru").scan("кроме того, выступил представитель Того")
    assert [e.code for e in found] == ["TGO"]


def test_country_table_is_complete_and_consistent():
    rows = countries()
    states = [r for r in rows.values() if r["status"] != "reio"]
    assert len(states) == 197
    assert sum(r["status"] == "member" for r in states) == 193
    assert {r["code"] for r in states if r["status"] == "observer"} == {"VAT", "PSE"}
    assert len({r["iso2"] for r in states}) == len(states) and len({r["m49"] for r in states}) == len(states)
    for r in states:
        assert len(r["iso3"]) == 3 and len(r["m49"]) == 3 and r["m49"].isdigit()
        assert (r["unms"] == f"http://metadata.un.org/UNMS/{r['m49']}") == (r["status"] == "member")
        for lang in ("ar", "zh", "en", "fr", "ru", "es"):
            assert r[f"short_{lang}"], (r["code"], lang)
    assert rows["EU"]["status"] == "reio"


def test_organization_codes_never_collide_with_country_codes():
    """Regression: the Group on Earth Observations' "GEO" once shadowed Georgia (ISO GEO)."""
    from unkg.lang.names import organizations

    assert not (set(organizations()) - {"EU"}) & set(countries())
    assert resolver("en").resolve("Georgia").code == "GEO"


def test_formal_names_lose_only_their_article():
    """Regression: "les États-Unis du Mexique" became "s États-Unis du Mexique"."""
    mex = countries()["MEX"]
    assert mex["formal_fr"] == "États-Unis du Mexique" and mex["formal_es"] == "Estados Unidos Mexicanos"
    assert countries()["USA"]["formal_fr"] == "États-Unis d'Amérique"


@pytest.mark.parametrize("lang,listed,codes", [
    # a conjunction inside a name before the list's own conjunction
    ("es", "Trinidad y Tabago, Reino Unido de Gran Bretaña e Irlanda del Norte y Estados Unidos de América",
     ["TTO", "GBR", "USA"]),
    ("fr", "Japon, Royaume-Uni de Grande-Bretagne et d’Irlande du Nord et États-Unis d’Amérique", ["JPN", "GBR", "USA"]),
    ("fr", "Trinité-et-Tobago, Côte d’Ivoire et Bosnie-Herzégovine", ["TTO", "CIV", "BIH"]),
    ("en", "Bosnia and Herzegovina, Trinidad and Tobago and United States of America", ["BIH", "TTO", "USA"]),
    # case forms: a list in the genitive
    ("ru", "Бразилии, Европейского союза, Объединенной Республики Танзания, Тринидада и Тобаго и Японии",
     ["BRA", "EU", "TZA", "TTO", "JPN"]),
    ("ru", "Соединенного Королевства Великобритании и Северной Ирландии и Соединенных Штатов Америки", ["GBR", "USA"]),
    # Chinese: names are substrings, 和 both joins and sits inside names
    ("zh", "巴西、特立尼达和多巴哥和日本", ["BRA", "TTO", "JPN"]),
    ("zh", "波斯尼亚和黑塞哥维那、大不列颠及北爱尔兰联合王国", ["BIH", "GBR"]),
    # Arabic: "و" (and) attached to each name, and inside "ترينيداد وتوباغو"
    ("ar", "البرازيل، وترينيداد وتوباغو، واليابان", ["BRA", "TTO", "JPN"]),
    ("ar", "البرازيل وكينيا وبولندا", ["BRA", "KEN", "POL"]),
])
def test_lists_are_read_as_the_longest_known_names(lang, listed, codes):
    assert [e.code for e in resolver(lang).split_list(listed)] == codes


def test_a_list_keeps_what_it_cannot_resolve_one_stretch_per_item():
    found = resolver("en").split_list("Kenya, Union for Defence of the Aral Sea and Amudarya, Atlantis and Japan")
    assert [(e.kind, e.code or e.surface) for e in found] == [
        ("state", "KEN"), ("unresolved", "Union for Defence of the Aral Sea and Amudarya"),
        ("unresolved", "Atlantis"), ("state", "JPN")]


def test_elided_articles_do_not_hide_a_name():
    found = resolver("fr").scan("L’observateur de l’Union européenne et l’observateur de l’Iran (République "
                                "islamique d’), État signataire")
    assert [e.code for e in found] == ["EU", "IRN"]


@pytest.mark.parametrize("lang,printed,code", [
    ("en", "Guine a", "GIN"),
    ("en", "Mon golia", "MNG"),
    ("en", "Papua New Gui nea", "PNG"),
    ("fr", "Mon golie", "MNG"),
    ("ru", "Мон голии", "MNG"),
    ("en", "Denm ark", "DNK"),
    ("en", "Trin idad and Tobago", "TTO"),
    ("en", "United Re public of Tanzania", "TZA"),
    ("fr", "Dane mark", "DNK"),
    ("es", "Dinam arca", "DNK"),
    ("ru", "Герма ния", "DEU"),
])
def test_spaces_inside_words_from_pdf_kerning_do_not_stop_resolution(lang, printed, code):
    """PDF extraction splits words ("Guine a"): the name resolves, and is found in running text."""
    assert resolver(lang).resolve(printed).code == code
    found = resolver(lang).scan(f"{printed}, {printed}")
    assert [e.code for e in found] == [code, code] and found[0].surface == printed


def test_space_less_fallback_does_not_join_two_names():
    assert resolver("en").resolve("Chad Mali").code is None
    assert [e.code for e in resolver("en").scan("Niger and Nigeria, Guinea and Guinea-Bissau")] == \
        ["NER", "NGA", "GIN", "GNB"]


def test_a_lone_dash_inside_a_name_does_not_stop_the_scan():
    """Regression: the Arabic short names "بوليفيا (دولة - المتعددة القوميات)", "إيران (جمهورية - الإسلامية)"."""
    found = resolver("ar").scan("انضمت بوليفيا (دولة - المتعددة القوميات) وإيران (جمهورية - الإسلامية) إلى مقدمي")
    assert [e.code for e in found] == ["BOL", "IRN"]
