"""Gold facts per document, checked through the competency queries (data-driven)."""
from __future__ import annotations

import pytest

from unkg.query import resolve_query, run_select

from .conftest import converted_store, gold, gold_documents, source_path


def select(doc: str, query: str) -> list[dict]:
    facts = gold(doc)
    _, store = converted_store(str(source_path(facts["source"])))
    table = run_select(store, resolve_query(query).read_text(encoding="utf-8"))
    rows = table.as_dicts()
    assert all(r["symbol"] == facts["symbol"] for r in rows), "rows for an unexpected symbol"
    return rows


def strip_symbol(rows, columns):
    return sorted((tuple(r[c] for c in columns) for r in rows), key=repr)


SIMPLE = ["report", "meeting", "officers", "agenda", "decisions", "adoption"]


@pytest.mark.parametrize("doc", gold_documents())
@pytest.mark.parametrize("query", SIMPLE)
def test_rows_equal_gold(doc, query):
    expected = gold(doc)[query]
    got = select(doc, query)
    if not expected:
        assert got == []
        return
    columns = list(expected[0].keys())
    assert strip_symbol(got, columns) == sorted((tuple(e[c] for c in columns) for e in expected), key=repr)


@pytest.mark.parametrize("doc", gold_documents())
def test_participants(doc):
    expected = gold(doc)["participants_by_role"]
    got = select(doc, "participants")
    by_role: dict[str, list[str]] = {}
    for row in got:
        by_role.setdefault(row["role"], []).append(row["code"])
    assert {k: sorted(v) for k, v in by_role.items()} == {k: sorted(v) for k, v in expected.items()}
    assert all(row["name"] for row in got), "every participant has a name"


@pytest.mark.parametrize("doc", gold_documents())
def test_focal_points(doc):
    got = [r["code"] for r in select(doc, "focal-points")]
    assert sorted(got) == sorted(gold(doc)["focal-points"])


@pytest.mark.parametrize("doc", gold_documents())
def test_statements(doc):
    got: dict[str, list[str]] = {}
    for row in select(doc, "statements"):
        got.setdefault(row["agenda_item"], []).append(row["code"])
    expected = gold(doc)["statements"]
    assert {k: sorted(v) for k, v in got.items()} == {k: sorted(v) for k, v in expected.items()}


@pytest.mark.parametrize("doc", gold_documents())
def test_recommendations(doc):
    got = {r["letter"]: r for r in select(doc, "recommendations")}
    expected = gold(doc)["recommendations"]
    assert sorted(got) == sorted(e["letter"] for e in expected)
    for e in expected:
        row = got[e["letter"]]
        assert row["addressee"] == e["addressee"]
        assert row["text"].startswith(e["text_start"]), row["text"]
        assert row["text"].endswith(e["text_end"]), row["text"]
        assert "-\n" not in row["text"] and "  " not in row["text"]


@pytest.mark.parametrize("doc", gold_documents())
@pytest.mark.parametrize("query,column", [("documents", "document"), ("references", "referenced")])
def test_document_lists(doc, query, column):
    got = sorted(r[column] for r in select(doc, query))
    assert got == sorted(gold(doc)[query])


@pytest.mark.parametrize("doc", gold_documents())
def test_graph_conforms_to_shapes(doc):
    from unkg.validate import validate_quads

    converted, _ = converted_store(str(source_path(gold(doc)["source"])))
    result = validate_quads(converted.quads)
    assert result.conforms, result.violations[:5]


@pytest.mark.parametrize("doc", gold_documents())
def test_every_fact_has_provenance(doc):
    """Each fact node (meeting, participation, statement, recommendation, …) names its paragraph."""
    _, store = converted_store(str(source_path(gold(doc)["source"])))
    missing = list(store.query("""
        PREFIX unkg: <https://w3id.org/unkg/ontology#>
        SELECT ?fact WHERE {
          VALUES ?cls { unkg:Meeting unkg:Sitting unkg:AgendaItem unkg:Recommendation unkg:Participation
                        unkg:Statement unkg:Post unkg:MeetingAct unkg:NumberedDecision unkg:Resolution }
          ?fact a ?cls .
          FILTER NOT EXISTS { ?fact unkg:statedIn/unkg:inExpression/unkg:languageCode ?lang }
        }""", use_default_graph_as_union=True))
    assert missing == []


@pytest.mark.parametrize("doc", [d for d in gold_documents() if "place" in gold(d)])
def test_place(doc):
    converted, _ = converted_store(str(source_path(gold(doc)["source"])))
    assert converted.report.place == gold(doc)["place"]
