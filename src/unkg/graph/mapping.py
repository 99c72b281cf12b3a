"""Stage `graph`: a report's facts to RDF in the unkg ontology — the graph of one language version of a report in
its own named graph."""
from __future__ import annotations

from pyoxigraph import NamedNode, Quad, Triple

from unkg.graph.builder import Builder
from unkg.graph.drafts import draft_facts
from unkg.graph.outcomes import proceedings
from unkg.graph.quality import quality_facts
from unkg.graph.terms import DEFAULT_BASE, IRIs
from unkg.model import Report


def statements(report: Report, base: str = DEFAULT_BASE) -> list[tuple]:
    """(subject, predicate, object) of every fact of the report, each once."""
    builder = Builder(report, IRIs(base))
    builder.build()
    draft_facts(builder)
    proceedings(builder)
    quality_facts(builder)
    return builder.triples()


def report_triples(report: Report, base: str = DEFAULT_BASE) -> list[Triple]:
    return [Triple(s, p, o) for s, p, o in statements(report, base)]


def report_quads(report: Report, base: str = DEFAULT_BASE) -> list[Quad]:
    """The report's triples in its own named graph (one graph per language version)."""
    return in_report_graph(statements(report, base), report, base)


def report_graph(report: Report, base: str = DEFAULT_BASE) -> NamedNode:
    """The named graph of the report's language version."""
    return IRIs(base).graph(report.symbol.text, report.language)


def in_report_graph(made: list[tuple], report: Report, base: str = DEFAULT_BASE) -> list[Quad]:
    """`statements` of the report as quads of its named graph."""
    graph = report_graph(report, base)
    return [Quad(s, p, o, graph) for s, p, o in made]
