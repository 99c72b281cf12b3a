"""Stage `graph`: the reference graph — full descriptions of the States and organizations reports name (all six
names, ISO and M49 codes, metadata.un.org, UNTERM and Wikidata links), in the named graph {base}graph/reference."""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from unkg.graph.terms import DEFAULT_BASE, ENTITY_CLASS, LANGS, OWL_SAME_AS, RDF_TYPE, SKOS, IRIs, U
from unkg.lang.names import countries, known_entities, wikidata
from unkg.model import Report


def reference_quads(codes, base: str = DEFAULT_BASE) -> list[Quad]:
    """Full descriptions of States and organizations (all six names, ISO/M49 codes,
    metadata.un.org and UNTERM links), in the named graph {base}graph/reference."""
    iris = IRIs(base)
    graph = NamedNode(iris.base + "graph/reference")
    out: list[Quad] = []

    def add(s, p, o):
        out.append(Quad(s, p, o, graph))

    for code in sorted(codes):
        known = known_entities().get(code)
        if known is None:
            continue
        if known.kind == "state":
            row = countries()[code]
            node = iris.state(code)
            add(node, RDF_TYPE, U("State"))
            add(node, U("iso2"), Literal(row["iso2"]))
            add(node, U("m49"), Literal(row["m49"]))
            add(node, U("unStatus"), Literal(row["status"]))
            if row["unms"]:
                add(node, NamedNode(SKOS + "exactMatch"), NamedNode(row["unms"]))
            add(node, NamedNode(SKOS + "closeMatch"), NamedNode(row["unterm"]))
            for lang in LANGS:
                if row[f"formal_{lang}"]:
                    add(node, NamedNode(SKOS + "altLabel"), Literal(row[f"formal_{lang}"], language=lang))
        else:
            node = iris.org(code)
            add(node, RDF_TYPE, U(ENTITY_CLASS[known.kind]))
        add(node, U("code"), Literal(code))
        if code in wikidata():
            add(node, NamedNode(OWL_SAME_AS), NamedNode(wikidata()[code]))
        for lang, name in known.names.items():
            if name:
                add(node, NamedNode(SKOS + "prefLabel"), Literal(name, language=lang))
    return out


def codes_in(report: Report) -> set[str]:
    """Codes of the States and organizations a report names (for the reference graph)."""
    entities = [p.entity for p in report.participations] + [f.entity for f in report.focal_points] + \
        [s.entity for s in report.statements] + [o.state for o in report.officers if o.state] + \
        [x.entity for d in report.drafts for x in (*d.sponsors, *d.votes)]
    return {e.code for e in entities if e.code and e.kind != "body"}
