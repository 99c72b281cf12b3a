"""Stage `graph`: a report's data-quality measurements as W3C Data Quality Vocabulary (DQV) statements.

Each measurement is a `dqv:QualityMeasurement` computed on the report's language version (`dqv:computedOn` its
Expression), measuring a `dqv:Metric` the ontology defines (`unkg:metric-<kind>`, with labels and definitions), with
its `dqv:value`; `unkg:expected true` marks the kinds of fact the report's genre normally states, so that "which
reports lack their officers" is one query (queries/quality.rq).
"""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from unkg.graph.builder import Builder
from unkg.graph.terms import RDF_TYPE, U, integer

DQV = "http://www.w3.org/ns/dqv#"
XSD_BOOLEAN = NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def quality_facts(b: Builder) -> None:
    for m in b.r.quality:
        node = NamedNode(f"{b.expr.value}/quality/{m.metric}")
        b.add(node, RDF_TYPE, NamedNode(DQV + "QualityMeasurement"))
        b.add(node, NamedNode(DQV + "computedOn"), b.expr)
        b.add(node, NamedNode(DQV + "isMeasurementOf"), U(f"metric-{m.metric}"))
        b.add(node, NamedNode(DQV + "value"), integer(m.value))
        if m.expected:
            b.add(node, U("expected"), Literal("true", datatype=XSD_BOOLEAN))
