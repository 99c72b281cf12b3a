"""Stage `web`: the page of a document the reports cite or name (a report of the Secretary-General before a meeting, a
summary record, a document cited only in a footnote or an annex, the original a revision revises): its symbol and
title, its files elsewhere, the reports citing it, the meetings that had it before them, the resolution issued as it,
and the documents it revises, corrects or adds to (and those that do so to it)."""
from __future__ import annotations

from pyoxigraph import NamedNode

from unkg.graph.terms import ONTOLOGY
from unkg.web.facts import links_for, pick, select, value
from unkg.web.site import Site, document_label
from unkg.web.vocab import concept_label

RELATIONS = ("revises", "corrects", "isAddendumOf")


def document_data(site: Site, iri: str, langs: list[str]) -> dict | None:
    d = NamedNode(iri)
    facts = select(site, "SELECT DISTINCT ?p ?o WHERE { GRAPH ?g { ?d ?p ?o } }", d=d)
    inbound = select(site, "SELECT DISTINCT ?x ?p WHERE { GRAPH ?g { ?x ?p ?d } }", d=d)
    if not facts and not inbound:
        return None
    by: dict[str, list] = {}
    for r in facts:
        by.setdefault(r["p"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], []).append(r["o"])
    symbol = by["symbol"][0].value if by.get("symbol") else document_label(iri, site.base) or iri
    out_links = [(p, o.value) for p in RELATIONS for o in by.get(p, [])]
    in_links = [(r["p"].value[len(ONTOLOGY):], r["x"].value) for r in inbound
                if r["p"].value[len(ONTOLOGY):] in RELATIONS]
    citing = [r["x"].value for r in inbound if r["p"].value == ONTOLOGY + "cites"]
    meetings = [r["x"].value for r in inbound if r["p"].value == ONTOLOGY + "documentBefore"]
    issued = [r["x"].value for r in inbound if r["p"].value == ONTOLOGY + "issuedAs"]
    labels = site.labels([x for _, x in out_links + in_links] + citing + meetings + issued, langs)

    def named(x: str) -> dict:
        return {"iri": x, "label": labels.get(x) or document_label(x, site.base) or x}

    def related(p: str, x: str, inverse: bool) -> dict:
        return named(x) | {"relation": p, "relation_label": concept_label(ONTOLOGY + p, langs), "inverse": inverse}

    return {"iri": iri, "symbol": symbol, "label": symbol, "title": pick(by.get("title", []), langs),
            "described": bool(facts), **links_for(symbol, langs[0]),
            "relations": [related(p, x, False) for p, x in out_links] + [related(p, x, True) for p, x in in_links],
            "cited_by": sorted((named(x) for x in set(citing)), key=lambda x: x["label"]),
            "before_meetings": sorted((named(x) for x in set(meetings)), key=lambda x: x["label"]),
            "issued_as_of": sorted((named(x) for x in set(issued)), key=lambda x: x["label"]),
            "year": value({"y": by["symbolYear"][0]}, "y") if by.get("symbolYear") else None}
