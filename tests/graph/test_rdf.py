from __future__ import annotations

import pyoxigraph
import pytest

from unkg.pipeline.convert import convert_file
from unkg.graph.validate import validate_quads

from ..conftest import EXAMPLES

EXAMPLE = EXAMPLES / "example-report.ru.txt"
UNKG = "https://w3id.org/unkg/ontology#"


def test_converting_twice_gives_the_same_graph():
    assert set(convert_file(EXAMPLE).quads) == set(convert_file(EXAMPLE).quads)


def test_iris_follow_the_facts_and_the_base():
    converted = convert_file(EXAMPLE, base="http://example.org/kg/")
    subjects = {q.subject.value for q in converted.quads}
    assert "http://example.org/kg/id/doc/CTOC/COP/WG.2/2030/L.1" in subjects
    assert "http://example.org/kg/id/meeting/CTOC/COP/WG.2/12" in subjects
    assert "http://example.org/kg/id/state/MEX" in subjects
    assert "http://example.org/kg/id/org/EU" in subjects
    assert {q.graph_name.value for q in converted.quads} == {"http://example.org/kg/graph/CTOC/COP/WG.2/2030/L.1/ru"}


def test_state_links_to_metadata_un_org():
    quads = convert_file(EXAMPLE).quads
    matches = {(q.subject.value, q.object.value) for q in quads
               if q.predicate.value == "http://www.w3.org/2004/02/skos/core#exactMatch"}
    assert ("https://w3id.org/unkg/id/state/MEX", "http://metadata.un.org/UNMS/484") in matches


def without(quads, predicate_local: str):
    return [q for q in quads if q.predicate.value != UNKG + predicate_local]


@pytest.mark.parametrize("dropped", ["startDate", "endDate", "meetingNumber", "body", "letter", "addressee",
                                     "symbol", "statedIn"])
def test_shapes_catch_a_missing_fact(dropped):
    quads = convert_file(EXAMPLE).quads
    assert validate_quads(quads).conforms
    result = validate_quads(without(quads, dropped))
    assert not result.conforms
    assert any(v.path == UNKG + dropped for v in result.violations)


def test_shapes_reject_a_malformed_symbol():
    quads = convert_file(EXAMPLE).quads
    bad = [pyoxigraph.Quad(q.subject, q.predicate,
                           pyoxigraph.Literal("ctoc cop 12", datatype=pyoxigraph.NamedNode(UNKG + "DocumentSymbol")),
                           q.graph_name)
           if q.predicate.value == UNKG + "symbol" else q for q in quads]
    assert not validate_quads(bad).conforms


def test_unresolved_participant_is_kept_with_a_warning(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace("Польша, Мексика", "Польша, Атлантида, Мексика")
    path = tmp_path / "atlantis.ru.txt"
    path.write_text(text, encoding="utf-8")
    converted = convert_file(path)
    assert any("Атлантида" in w.message for w in converted.report.warnings)
    unresolved = [p for p in converted.report.participations if p.entity.kind == "unresolved"]
    assert [p.entity.surface for p in unresolved] == ["Атлантида"]
    assert validate_quads(converted.quads).conforms


def test_every_state_is_the_same_as_its_wikidata_item():
    from unkg.lang.names import countries, wikidata
    from unkg.graph.reference import reference_quads

    assert set(countries()) <= set(wikidata())  # every State of the table has an item
    assert wikidata()["VAT"].endswith("/Q159583")  # the Holy See, not Vatican City (Q237)
    quads = reference_quads({"VAT", "MEX", "EU"})
    same = {(q.subject.value.rsplit("/", 1)[-1], q.object.value) for q in quads
            if q.predicate.value == "http://www.w3.org/2002/07/owl#sameAs"}
    assert same == {("VAT", "http://www.wikidata.org/entity/Q159583"),
                    ("MEX", "http://www.wikidata.org/entity/Q96"), ("EU", "http://www.wikidata.org/entity/Q458")}


def test_each_paragraph_records_the_page_it_starts_on():
    """Form feeds are page breaks: paragraphs after the second one start on page 2."""
    from unkg.extract.report import extract_text
    from unkg.graph.mapping import report_quads

    text = EXAMPLE.read_text(encoding="utf-8")
    at = text.index("\n3. ")
    report = extract_text(text[:at] + "\n\f" + text[at:], str(EXAMPLE))
    quads = report_quads(report)
    pages = {q.subject.value.rsplit("/", 1)[-1]: int(q.object.value) for q in quads if q.predicate.value == UNKG + "page"}
    assert pages and all(page == (1 if int(n) < 3 else 2) for n, page in pages.items())
    assert validate_quads(quads).conforms


@pytest.mark.parametrize("value", ['plain', 'quote " and backslash \\', "line\nbreak\r\ttab", "control \x01\x7f",
                                   "Кириллица «ёлки»", "中文：第三次会议", "العربية", "emoji 🌍", ""])
def test_nquads_written_from_terms_are_the_serialisers_bytes(value):
    from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat

    from unkg.graph.export import nquads

    s, p, g = NamedNode("https://x.example/id/doc/A/77/6%28Sect.10%29"), NamedNode("https://x.example/p#é"), \
        NamedNode("https://x.example/graph/A/1/ru")
    made = [(s, p, Literal(value)), (s, p, Literal(value, language="ru")),
            (s, p, Literal(value or "0", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
            (BlankNode("b0"), p, s)]
    expected = pyoxigraph.serialize([Quad(a, b, c, g) for a, b, c in made], format=RdfFormat.N_QUADS)
    assert nquads(made, g) == expected


def test_nquads_of_a_whole_report_are_the_serialisers_bytes():
    # subjects come in runs and predicates repeat: each written once per run must still give every line
    from pyoxigraph import Quad, RdfFormat

    from unkg.extract.report import extract_file
    from unkg.graph.export import nquads
    from unkg.graph.mapping import report_graph, statements

    report = extract_file(EXAMPLE)
    made, g = statements(report), report_graph(report)
    expected = pyoxigraph.serialize([Quad(s, p, o, g) for s, p, o in made], format=RdfFormat.N_QUADS)
    assert nquads(made, g) == expected and len(made) > 300
