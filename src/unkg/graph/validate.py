"""Stage `graph`: validate graphs against the unkg SHACL shapes with pySHACL."""
from __future__ import annotations

from dataclasses import dataclass, field

import rdflib
from pyoxigraph import Quad, RdfFormat, serialize
from pyshacl import validate as shacl_validate

from functools import cache



from unkg.resources import ontology_path, shapes_path

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str
    shape: str | None = None


@dataclass
class ValidationResult:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)


def quads_to_rdflib(quads: list[Quad]) -> rdflib.Graph:
    """One rdflib graph with every quad's triple (SHACL checks the union)."""
    graph = rdflib.Graph()
    data = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES)
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


@cache
def shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(shapes_path(), format="turtle")


@cache
def ontology_graph() -> rdflib.Graph:
    """Mixed into the data so that sh:class sees the subclass axioms (an EU is an Organization)."""
    return rdflib.Graph().parse(ontology_path(), format="turtle")


def validate_graph(graph: rdflib.Graph, shapes: rdflib.Graph | None = None) -> ValidationResult:
    conforms, report, _ = shacl_validate(graph, shacl_graph=shapes or shapes_graph(), ont_graph=ontology_graph(), inference="none",
                                         advanced=True, allow_warnings=True)
    violations = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        violations.append(Violation(
            focus=str(report.value(result, SH.focusNode)),
            path=str(path) if path is not None else None,
            message=str(report.value(result, SH.resultMessage) or ""),
            severity=str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            shape=str(report.value(result, SH.sourceShape) or ""),
        ))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationResult(conforms=bool(conforms), violations=violations)


ENGINES = ("fast", "pyshacl")


def validate_quads(quads: list[Quad], engine: str = "pyshacl") -> ValidationResult:
    """Validate a graph; engine "fast" is unkg's own SHACL Core subset (shacl.py),
    about 50 times faster than pySHACL and checked against it by the tests."""
    if engine == "fast":
        from unkg.graph.shacl import validate_triples

        found = validate_triples(quads)
        return ValidationResult(conforms=not found, violations=[
            Violation(v.focus, v.path, v.message, v.severity, v.shape) for v in found])
    return validate_graph(quads_to_rdflib(quads))


def _validate_group(args):
    name, quads, engine = args
    return name, validate_quads(quads, engine=engine), len(quads)


def validate_graphs(paths: list[str], engine: str = "fast", per_graph: bool = True,
                    jobs: int = 1) -> list[tuple[str, ValidationResult, int]]:
    """Validate files graph by graph (in parallel with jobs > 1); returns (graph, result, triples).
    At most a few graphs are in memory at once: groups are read as the workers need them."""
    from unkg.graph.files import graph_groups

    groups = ((name, quads, engine) for name, quads in graph_groups(paths, per_graph))
    if jobs <= 1:
        return [_validate_group(g) for g in groups]
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    out, pending = [], deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for group in groups:
            pending.append(pool.submit(_validate_group, group))
            if len(pending) >= jobs * 4:
                out.append(pending.popleft().result())
        while pending:
            out.append(pending.popleft().result())
    return out
