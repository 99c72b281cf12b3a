"""Validate graphs against the unkg SHACL shapes with pySHACL."""
from __future__ import annotations

from dataclasses import dataclass, field

import rdflib
from pyoxigraph import Quad, RdfFormat, serialize
from pyshacl import validate as shacl_validate

from functools import cache

from pathlib import Path


from .errors import InputError
from .resources import ontology_path, shapes_path

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
        from .shacl import validate_triples

        found = validate_triples(quads)
        return ValidationResult(conforms=not found, violations=[
            Violation(v.focus, v.path, v.message, v.severity, v.shape) for v in found])
    return validate_graph(quads_to_rdflib(quads))


def _graph_groups(paths: list[str], per_graph: bool):
    """(graph name, quads) groups, streamed: a dataset is read graph after graph, never whole.

    unkg writes each report's graph in one piece; a graph met again after another one began
    cannot be checked in pieces (a minCount would fail), so that is an error (use --union)."""
    from pyoxigraph import DefaultGraph

    from .store import PARSE_FORMATS, read_quads

    if not per_graph:
        quads = []
        for path in paths:
            quads.extend(_as_quads(read_quads(path)))
        yield "union of all graphs", quads
        return
    for path in paths:
        fmt = PARSE_FORMATS.get(Path(path).suffix.lower())
        if fmt is None or fmt in (RdfFormat.JSON_LD, RdfFormat.RDF_XML):
            items = read_quads(path)  # raises the usual clear error for unknown formats
        else:
            items = _stream(path, fmt)
        done: set[str] = set()
        current, group = None, []
        for q in _as_quads(items):
            name = f"{path} (default graph)" if isinstance(q.graph_name, DefaultGraph) else q.graph_name.value
            if name != current:
                if group:
                    yield current, group
                    done.add(current)
                if name in done:
                    raise InputError(path, f"graph <{name}> comes in several pieces; validate with --union")
                current, group = name, []
            group.append(q)
        if group:
            yield current, group


def _stream(path: str, fmt):
    import pyoxigraph

    try:
        with open(path, "rb") as fh:
            yield from pyoxigraph.parse(fh, format=fmt)
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot read") from None
    except (SyntaxError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise InputError(path, f"not valid {Path(path).suffix[1:]}: {first}") from None


def _as_quads(items):
    from pyoxigraph import DefaultGraph, Quad as OxQuad, Triple

    for item in items:
        yield OxQuad(item.subject, item.predicate, item.object, DefaultGraph()) if isinstance(item, Triple) else item


def _validate_group(args):
    name, quads, engine = args
    return name, validate_quads(quads, engine=engine), len(quads)


def validate_graphs(paths: list[str], engine: str = "fast", per_graph: bool = True,
                    jobs: int = 1) -> list[tuple[str, ValidationResult, int]]:
    """Validate files graph by graph (in parallel with jobs > 1); returns (graph, result, triples).
    At most a few graphs are in memory at once: groups are read as the workers need them."""
    groups = ((name, quads, engine) for name, quads in _graph_groups(paths, per_graph))
    if jobs <= 1:
        return [_slim(_validate_group(g)) for g in groups]
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    out, pending = [], deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for group in groups:
            pending.append(pool.submit(_validate_group, group))
            if len(pending) >= jobs * 4:
                out.append(_slim(pending.popleft().result()))
        while pending:
            out.append(_slim(pending.popleft().result()))
    return out


def _slim(result):
    """Keep the answer, not the graph."""
    return result
