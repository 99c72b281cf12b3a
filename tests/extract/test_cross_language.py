"""Two language versions of one report give one meeting, the same IRIs and the same answers."""
from __future__ import annotations

import pytest
from pyoxigraph import Store

from unkg.pipeline.convert import convert_file
from unkg.store.query import query_names, resolve_query, run_select
from unkg.store.embedded import add_ontology

from ..conftest import ROOT, corpus_file

ENGLISH = ROOT / "tests" / "data" / "ctoc-wg3-2024-l1.en.txt"
# Columns that hold language-tagged text (or the language itself): they differ by design.
LANGUAGE_COLUMNS = {"language", "job_number", "title", "name", "text"}


def store_of(*paths) -> Store:
    store = Store()
    add_ontology(store)
    for path in paths:
        store.bulk_extend(convert_file(path).quads)
    return store


def answers(store: Store) -> dict[str, list]:
    out = {}
    for q in query_names():
        table = run_select(store, resolve_query(q).read_text())
        keep = [i for i, c in enumerate(table.columns) if c not in LANGUAGE_COLUMNS]
        out[q] = sorted((tuple(row[i] for i in keep) for row in table.rows), key=repr)
    return out


@pytest.fixture(scope="module")
def russian():
    return corpus_file("CTOC_COP_WG.3_2024_L.1.ru.txt")


def test_both_versions_agree_on_every_competency_query(russian):
    ru, en = answers(store_of(russian)), answers(store_of(ENGLISH))
    for query in query_names():
        assert ru[query] == en[query], query


def test_merged_graph_has_one_meeting_with_two_language_versions(russian):
    store = store_of(russian, ENGLISH)
    meetings = list(store.query("PREFIX unkg: <https://w3id.org/unkg/ontology#> "
                                "SELECT DISTINCT ?m WHERE { ?m a unkg:Meeting }", use_default_graph_as_union=True))
    assert [str(m["m"].value) for m in meetings] == ["https://w3id.org/unkg/id/meeting/CTOC/COP/WG.3/15"]
    report = run_select(store, resolve_query("report").read_text())
    assert sorted((r[1], r[2]) for r in report.rows) == [("en", "X.24-00002"), ("ru", "V.24-09626")]
    titles = list(store.query(
        "PREFIX unkg: <https://w3id.org/unkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT (LANG(?t) AS ?l) WHERE { <https://w3id.org/unkg/id/meeting/CTOC/COP/WG.3/15/agenda/2> "
        "dcterms:title ?t }", use_default_graph_as_union=True))
    assert sorted(t["l"].value for t in titles) == ["en", "ru"]


def test_same_iris_from_either_language(russian):
    ru = {q.subject.value for q in convert_file(russian).quads if "/id/" in q.subject.value}
    en = {q.subject.value for q in convert_file(ENGLISH).quads if "/id/" in q.subject.value}
    # Paragraphs and language versions are per language; every other IRI is shared.
    per_language = lambda iris: {i for i in iris if "/ru" not in i and "/en" not in i}  # noqa: E731
    assert per_language(ru) == per_language(en)


EXAMPLE_VERSIONS = [ROOT / "data" / "examples" / "example-report.ru.txt"] + sorted(
    (ROOT / "tests" / "data" / "example").glob("example-report.*.txt"))


def test_the_example_exists_in_all_six_languages():
    assert sorted(p.name.split(".")[1] for p in EXAMPLE_VERSIONS) == ["ar", "en", "es", "fr", "ru", "zh"]


@pytest.mark.parametrize("version", EXAMPLE_VERSIONS[1:], ids=lambda p: p.name.split(".")[1])
def test_every_language_version_agrees_with_the_russian(version):
    assert answers(store_of(version)) == answers(store_of(EXAMPLE_VERSIONS[0]))


def test_six_versions_merge_into_one_meeting():
    store = store_of(*EXAMPLE_VERSIONS)
    meetings = {r["m"].value for r in store.query(
        "PREFIX unkg: <https://w3id.org/unkg/ontology#> SELECT DISTINCT ?m WHERE { ?m a unkg:Meeting }",
        use_default_graph_as_union=True)}
    assert meetings == {"https://w3id.org/unkg/id/meeting/CTOC/COP/WG.2/12"}
    report = run_select(store, resolve_query("report").read_text())
    assert sorted(r[1] for r in report.rows) == ["ar", "en", "es", "fr", "ru", "zh"]
    assert len({r[2] for r in report.rows}) == 6  # each version its own job number
    texts = {r["l"].value for r in store.query(
        "PREFIX unkg: <https://w3id.org/unkg/ontology#> SELECT (LANG(?t) AS ?l) WHERE { "
        "<https://w3id.org/unkg/id/meeting/CTOC/COP/WG.2/12/recommendation/c> unkg:text ?t }",
        use_default_graph_as_union=True)}
    assert texts == {"ar", "en", "es", "fr", "ru", "zh"}
