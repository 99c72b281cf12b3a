"""Cited decisions and resolutions as a class (src/unkg/citations.py): constructed cases in six languages,
the document each resolution is issued as, one IRI per resolution whichever report cites it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from unkg.extract import citations
from unkg.lang import numbering
from unkg.lang import symbols
from unkg.extract.report import extract_text
from unkg.lang.lexicon import load
from unkg.graph.mapping import report_quads

DATA = json.loads((Path(__file__).parent.parent / "data" / "citations.json").read_text(encoding="utf-8"))
UNKG = "https://w3id.org/unkg/ontology#"


@pytest.mark.parametrize("case", DATA["cases"], ids=lambda c: f"{c['lang']}:{c['text'][:40]}")
def test_citations_in_a_paragraph(case):
    # organ "own": "its resolution", the body whose text it is; "unstated": the text names no issuer it can be told
    # from; "one of …": a short name ("Council resolution") with no organ of that name before it
    got = [[c.reference, c.kind, _organ(c), "adopted" if c.adopted else "cited"]
           for c in citations.citations(case["text"], load(case["lang"]))]
    assert got == case["expected"]


def _organ(c: citations.Citation) -> str | None:
    if c.organ or c.own or c.unstated:
        return c.organ or ("own" if c.own else "unstated")
    return "one of " + " ".join(c.candidates) if c.candidates else None


@pytest.mark.parametrize("kind,organ,ref,expected", [
    ("resolution", "A", "52/250", "A/RES/52/250"),
    ("resolution", "S", "242 (1967)", "S/RES/242(1967)"),
    ("resolution", "A", "2625 (XXV)", "A/RES/2625(XXV)"),
    ("resolution", "A", "2200 A (XXI)", "A/RES/2200(XXI)"),
    ("resolution", "A", "ES-10/15", "A/RES/ES-10/15"),
    ("resolution", "A", "S-10/2", "A/RES/S-10/2"),
    ("resolution", "E", "2022/22", "E/RES/2022/22"),
    ("resolution", "A/HRC", "52/3", "A/HRC/RES/52/3"),
    ("resolution", None, "76/225", None),  # "its resolution": the organ is not stated
    ("decision", "A", "76/543", None),  # decisions have no document of their own
    ("resolution", "A", "IPBES/1/1", None),  # already a symbol
])
def test_document_symbol(kind, organ, ref, expected):
    got = numbering.document_symbol(kind, organ, ref)
    assert got == expected
    assert got is None or symbols.is_symbol(got)


@pytest.mark.parametrize("ref,organ", [("242 (1967)", "S"), ("2625 (XXV)", "A"), ("ES-10/15", "A"),
                                       ("S-10/2", "A"), ("52/250", None), ("IPBES/1/1", None)])
def test_the_numbering_decides_the_organ_when_none_is_stated(ref, organ):
    assert numbering.numbering_organ(ref) == organ


def _cited(lang: str) -> dict[str, tuple[str, str | None]]:
    """reference -> (IRI, document it is issued as) in one constructed report's graph."""
    report = extract_text(DATA["reports"][lang], f"<{lang}>", lang=lang)
    quads = report_quads(report)
    refs = {q.subject.value: q.object.value for q in quads if q.predicate.value == UNKG + "reference"}
    issued = {q.subject.value: q.object.value for q in quads if q.predicate.value == UNKG + "issuedAs"}
    return {ref: (iri, issued.get(iri)) for iri, ref in refs.items()}


def test_a_resolution_is_one_iri_across_reports_and_links_to_its_document():
    en, fr = _cited("en"), _cited("fr")
    for ref, symbol in DATA["reports"]["issued_as"].items():
        assert en[ref] == fr[ref], ref
        assert en[ref][1].endswith("/id/doc/" + symbols.path_segment(symbol)), ref
    assert en["4/1"][1] is None  # a decision of the Conference: no document of its own
    assert en["14/221"][1] is None and fr["14/221"][1] is None  # no organ stated, not "its": no document


def test_a_resolution_whose_issuer_the_text_does_not_state_has_none_in_the_graph():
    """ "resolution 14/221 of a regional organization": no issuedBy (not the Assembly's), and the graph says the
    issuer is not stated; the other resolutions keep the organ that issued them."""
    report = extract_text(DATA["reports"]["en"], "<en>", lang="en")
    quads = report_quads(report)
    refs = {q.object.value: q.subject for q in quads if q.predicate.value == UNKG + "reference"}
    facts = {(q.subject, q.predicate.value): q.object.value for q in quads}
    assert (refs["14/221"], UNKG + "issuedBy") not in facts
    assert facts[(refs["14/221"], UNKG + "issuerStated")] == "false"
    assert facts[(refs["52/250"], UNKG + "issuedBy")].endswith("/id/body/A")
    assert (refs["52/250"], UNKG + "issuerStated") not in facts
