"""Full-text index beside the store: what it finds, how it escapes reader text, and that it follows the store."""
from __future__ import annotations

import pytest

from unkg.graph.terms import DEFAULT_BASE
from unkg.store.search import SearchIndex, index_path, match_expression
from unkg.store.embedded import LocalStore, loadables_from

from ..conftest import EXAMPLES, TESTDATA

RU = EXAMPLES / "example-report.ru.txt"
ZH = TESTDATA / "example" / "example-report.zh.txt"
SYMBOL = "CTOC/COP/WG.2/2030/L.1"


def _load(store: LocalStore, path) -> None:
    for item in loadables_from(str(path), DEFAULT_BASE):
        store.load(item)


@pytest.fixture
def store(tmp_path):
    s = LocalStore(tmp_path / "kg")
    _load(s, RU)
    _load(s, ZH)
    yield s
    s.close()


@pytest.mark.parametrize("text", [':Мексика', '"Мексика', 'Мексика)', '(Мексика', 'Мексика*', '^Мексика',
                                  '-Мексика', '(Мексика)', '{}: Мексика', "Мексика'", 'Мексика AND'[:-4]])
def test_reader_text_never_reaches_fts_syntax(store, text):
    """Column filters, quotes, parentheses, stars and carets are searched as text: the word is found."""
    hits, total = store.search.search(text)
    assert total >= 1 and any("Мексик" in h.text for h in hits)


@pytest.mark.parametrize("text", ['"', '*', '(', ')', '^', ':', '""', '   '])
def test_punctuation_alone_finds_nothing_and_raises_nothing(store, text):
    assert match_expression(text) is None and store.search.search(text) == ([], 0)


def test_operators_are_searched_as_words(store):
    # "Мексика OR Польша" must mean all three words, not either name: no paragraph holds the word "or"
    assert store.search.search("Мексика OR Польша", kind="paragraph")[1] == 0
    assert store.search.search("Мексика Польша", kind="paragraph")[1] >= 1


def test_paragraph_hits_give_report_language_paragraph_and_text(store):
    hits, _ = store.search.search("программы подготовки", kind="paragraph")
    assert [(h.report, h.lang, h.paragraph) for h in hits] == [(SYMBOL, "ru", 2)]
    assert "программы подготовки кадров" in hits[0].text
    assert hits[0].iri.endswith(f"{SYMBOL}/ru/para/2")


def test_word_prefixes_find_inflected_forms_and_names(store):
    names = store.search.search("Мекс", kind="name")[0]
    assert any(h.iri.endswith("/id/state/MEX") for h in names)


def test_chinese_is_searched_by_characters_and_shown_as_printed(store):
    hits, _ = store.search.search("培训", lang="zh", kind="paragraph")
    assert hits and all(h.lang == "zh" for h in hits)
    assert "培训和经验交流" in hits[0].text and "培 训" not in hits[0].snippet


@pytest.mark.parametrize("filters,expected", [
    ({"lang": "zh"}, {"zh"}), ({"lang": "ru"}, {"ru"}), ({"body": "CTOC/COP/WG.2"}, {"ru", "zh"}),
    ({"body": "CTOC/COP/WG.9"}, set()), ({"year": 2030}, {"ru", "zh"}), ({"year": 2031}, set())])
def test_filters_by_body_year_and_language(store, filters, expected):
    hits, _ = store.search.search("2030", kind="paragraph", **filters)
    assert {h.lang for h in hits} == expected


def test_index_follows_replacing_and_dropping_a_report(store, tmp_path):
    changed = tmp_path / "changed.ru.txt"
    changed.write_text(RU.read_text(encoding="utf-8").replace("расширять программы", "укреплять программы"),
                       encoding="utf-8")
    _load(store, changed)
    assert store.search.search("укреплять", kind="paragraph")[1] == 1
    assert store.search.search("расширять", kind="paragraph")[1] == 0
    assert store.search.search("программы", kind="paragraph")[1] == 1  # replaced, not added beside the old rows
    store.drop(SYMBOL)
    assert store.search.search("программы")[1] == 0 and store.search.search("培训")[1] == 0


def test_a_store_loaded_without_an_index_gets_one_built_from_its_graphs(tmp_path):
    """Also an index of an older layout: it is built again."""
    s = LocalStore(tmp_path / "kg")
    _load(s, RU)
    s.close()
    index_path(tmp_path / "kg").unlink()
    index = SearchIndex.beside(tmp_path / "kg")
    assert index.search("программы подготовки")[1] == 1
    index.close()
    import sqlite3

    with sqlite3.connect(index_path(tmp_path / "kg")) as old:  # an index of an older layout
        old.execute("PRAGMA user_version = 1")
    index = SearchIndex.beside(tmp_path / "kg")
    assert index.search("программы подготовки")[1] == 1
    index.close()


def test_pages_of_hits_run_on_from_names_to_paragraphs(store):
    everything, total = store.search.search("Мексика", limit=1000)
    assert total == len(everything) and {h.kind for h in everything} == {"name", "paragraph"}
    assert [h.kind for h in everything] == sorted((h.kind for h in everything), key=lambda k: k != "name")
    paged = [h for offset in range(0, total, 3) for h in store.search.search("Мексика", limit=3, offset=offset)[0]]
    assert [(h.iri, h.text) for h in paged] == [(h.iri, h.text) for h in everything]


def test_a_name_is_one_hit_however_many_graphs_hold_it(store):
    def mexico():
        return [h for h in store.search.search("Мексика", kind="name")[0] if h.text == "Мексика"]
    assert len(mexico()) == 1  # named by the report's graph and by the reference graph
    store.drop(SYMBOL)
    assert len(mexico()) == 1  # the reference graph still names it
    assert store.search.search("培训", kind="name")[1] == 0  # the report's agenda titles went with it
