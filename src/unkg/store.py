"""Load RDF files into an in-memory pyoxigraph store; parse errors name the file."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph
from pyoxigraph import RdfFormat, Store

from .errors import InputError

PARSE_FORMATS = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".nq": RdfFormat.N_QUADS,
                 ".trig": RdfFormat.TRIG, ".rdf": RdfFormat.RDF_XML, ".xml": RdfFormat.RDF_XML,
                 ".owl": RdfFormat.RDF_XML, ".jsonld": RdfFormat.JSON_LD, ".json": RdfFormat.JSON_LD}


def read_quads(path: str | Path) -> list[pyoxigraph.Quad]:
    p = Path(path)
    fmt = PARSE_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"unknown RDF format {p.suffix!r}; use .ttl, .nt, .nq, .trig, .rdf or .jsonld")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), exc.strerror or "cannot read") from None
    try:
        return list(pyoxigraph.parse(data, format=fmt))
    except (SyntaxError, ValueError) as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else "syntax error"
        raise InputError(str(path), f"not valid {p.suffix[1:]}: {first_line}") from None


ONTOLOGY_GRAPH = "https://w3id.org/unkg/ontology"


def add_ontology(store: Store) -> None:
    """The ontology in its own named graph: queries need its concept notations (roles, addressees)."""
    from .resources import ontology_path

    graph = pyoxigraph.NamedNode(ONTOLOGY_GRAPH)
    triples = pyoxigraph.parse(ontology_path().read_bytes(), format=RdfFormat.TURTLE)
    store.bulk_extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in triples)


def load_store(paths: list[str | Path], with_ontology: bool = True) -> Store:
    store = Store()
    if with_ontology:
        add_ontology(store)
    for path in paths:
        quads = read_quads(path)
        store.bulk_extend(_as_quads(quads))
    return store


def _as_quads(items):
    for item in items:
        if isinstance(item, pyoxigraph.Triple):
            yield pyoxigraph.Quad(item.subject, item.predicate, item.object, pyoxigraph.DefaultGraph())
        else:
            yield item
