"""Stage `graph`: RDF files read — any serialisation to triples or quads, parsed as they are read, parse errors
naming the file — and datasets read graph after graph."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
from pyoxigraph import RdfFormat

from unkg.errors import InputError

PARSE_FORMATS = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".nq": RdfFormat.N_QUADS,
                 ".trig": RdfFormat.TRIG, ".rdf": RdfFormat.RDF_XML, ".xml": RdfFormat.RDF_XML,
                 ".owl": RdfFormat.RDF_XML, ".jsonld": RdfFormat.JSON_LD, ".json": RdfFormat.JSON_LD}


def iter_quads(path: str | Path):
    """Triples or quads of an RDF file, parsed as they are read; errors name the file."""
    p = Path(path)
    fmt = PARSE_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"unknown RDF format {p.suffix!r}; use .ttl, .nt, .nq, .trig, .rdf or .jsonld")
    try:
        with p.open("rb") as fh:
            yield from pyoxigraph.parse(fh, format=fmt)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or "cannot read") from None
    except (SyntaxError, ValueError) as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise InputError(str(path), f"not valid {p.suffix[1:]}: {first_line}") from None


def read_quads(path: str | Path) -> list[pyoxigraph.Quad]:
    return list(iter_quads(path))


def graph_groups(paths: list[str], per_graph: bool = True):
    """(graph name, quads) groups, streamed: a dataset is read graph after graph, never whole.

    unkg writes each report's graph in one piece; a graph met again after another one began
    cannot be handled in pieces (a minCount would fail, a reload would keep only the last piece),
    so that is an error."""
    if not per_graph:
        quads = []
        for path in paths:
            quads.extend(as_quads(iter_quads(path)))
        yield "union of all graphs", quads
        return
    for path in paths:
        done: set[str] = set()
        current, group = None, []
        for q in as_quads(iter_quads(path)):
            name = f"{path} (default graph)" if isinstance(q.graph_name, pyoxigraph.DefaultGraph) \
                else q.graph_name.value
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


def as_quads(items, graph=None):
    """Triples as quads in `graph` (the default graph when None); quads in the default graph moved there too."""
    graph = graph or pyoxigraph.DefaultGraph()
    for item in items:
        if isinstance(item, pyoxigraph.Triple):
            yield pyoxigraph.Quad(item.subject, item.predicate, item.object, graph)
        elif isinstance(item.graph_name, pyoxigraph.DefaultGraph):
            yield pyoxigraph.Quad(item.subject, item.predicate, item.object, graph)
        else:
            yield item
