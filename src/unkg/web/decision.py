"""Stage `web`: the page of a decision or resolution a report cites (`/id/resolution/S/2334%20%282016%29`): its label as
reports print it ("Security Council resolution 2334 (2016)"), who issued it, the document it was issued as, where it
was adopted when a report says so, and every report citing it with the paragraphs that do."""
from __future__ import annotations

from pyoxigraph import NamedNode

from unkg.graph.terms import ONTOLOGY
from unkg.web.facts import links_for, pick, provenance, select, sources_in, value
from unkg.web.site import Site

DECISION_TYPES = {ONTOLOGY + "Resolution": "resolution", ONTOLOGY + "NumberedDecision": "decision"}


def decision_data(site: Site, iri: str, langs: list[str]) -> dict | None:
    d = NamedNode(iri)
    facts = select(site, "SELECT DISTINCT ?p ?o WHERE { GRAPH ?g { ?d ?p ?o } }", d=d)
    kinds = [DECISION_TYPES[r["o"].value] for r in facts if r["p"].value.endswith("#type")
             and r["o"].value in DECISION_TYPES]
    if not kinds:
        return None
    by: dict[str, list] = {}
    for r in facts:
        by.setdefault(r["p"].value.rsplit("#", 1)[-1], []).append(r["o"])
    issuer = by["issuedBy"][0].value if by.get("issuedBy") else None
    issued_as = by["issuedAs"][0].value if by.get("issuedAs") else None
    meetings = sorted({m.value for m in by.get("adoptedAt", [])})
    citing = select(site, """SELECT DISTINCT ?rep ?symbol ?title WHERE { GRAPH ?g { ?rep unkg:citesDecision ?d .
        OPTIONAL { ?rep unkg:symbol ?symbol } OPTIONAL { ?rep dcterms:title ?title } } }""", d=d)
    symbols = select(site, "SELECT ?symbol WHERE { GRAPH ?g { ?x unkg:symbol ?symbol } } LIMIT 1",
                     x=NamedNode(issued_as)) if issued_as else []
    labels = site.labels([iri] + ([issuer] if issuer else []) + meetings, langs)
    sources = sources_in(provenance(site, [iri]).get(iri, []), langs)
    reports: dict[str, dict] = {}
    for r in citing:
        entry = reports.setdefault(r["rep"].value, {"iri": r["rep"].value, "symbol": value(r, "symbol"),
                                                    "titles": []})
        if r.get("title") is not None:
            entry["titles"].append(r["title"])
    for entry in reports.values():
        entry["title"] = pick(entry.pop("titles"), langs)
        entry["paragraphs"] = [s for s in sources if s["report"] == entry["symbol"]]
    issued_symbol = value(symbols[0], "symbol") if symbols else None
    return {"iri": iri, "label": labels.get(iri, iri), "kind": kinds[0],
            "reference": by["reference"][0].value if by.get("reference") else None,
            "issuer": {"iri": issuer, "label": labels.get(issuer, issuer)} if issuer else None,
            "issued_as": {"iri": issued_as, "symbol": issued_symbol, **links_for(issued_symbol, langs[0])}
            if issued_as and issued_symbol else None,
            "adopted_at": [{"iri": m, "label": labels.get(m, m)} for m in meetings],
            "cited_by": sorted(reports.values(), key=lambda r: r["symbol"] or r["iri"])}
