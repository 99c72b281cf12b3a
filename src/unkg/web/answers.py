"""Stage `web`: answers in the formats a client asks for — RDF documents (Turtle, JSON-LD, N-Triples, RDF/XML),
SPARQL results with a row cap, and the gzipped dumps of the whole dataset. Shared by the server's pages and endpoint
and by the worker processes that run queries."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
from pyoxigraph import RdfFormat

from unkg.graph.terms import ONTOLOGY
from unkg.store.sparql_results import CONTENT_TYPE, RESULT_TYPES, boolean_bytes, select_bytes, term_json
from unkg.web.protocol import negotiate

RDF_TYPES = {  # media type -> (suffix, pyoxigraph format or "jsonld")
    "text/turtle": ("ttl", RdfFormat.TURTLE),
    "application/ld+json": ("jsonld", "jsonld"),
    "application/n-triples": ("nt", RdfFormat.N_TRIPLES),
    "application/rdf+xml": ("rdf", RdfFormat.RDF_XML),
}


def rdf_content_type(media: str) -> str:
    return media + ("; charset=utf-8" if media in ("text/turtle", "application/n-triples") else "")


def rdf_bytes(triples, media: str) -> bytes:
    fmt = RDF_TYPES[media][1]
    if fmt == "jsonld":
        from unkg.graph.export import jsonld

        return jsonld([pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph())
                        for t in triples])
    prefixes = {"unkg": ONTOLOGY, "skos": "http://www.w3.org/2004/02/skos/core#",
                "dcterms": "http://purl.org/dc/terms/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                "xsd": "http://www.w3.org/2001/XMLSchema#"} if fmt == RdfFormat.TURTLE else None
    return pyoxigraph.serialize(triples, format=fmt, **({"prefixes": prefixes} if prefixes else {}))


def run_query(store, query: str, accept: str | None, max_rows: int):
    """Run a query and serialise its answer in the negotiated format, at most `max_rows` rows or triples:
    (content type, body, truncated).  Raises SyntaxError for a text that is not a query."""
    results = store.query(query, use_default_graph_as_union=True)
    if isinstance(results, pyoxigraph.QueryBoolean) or isinstance(results, bool):
        results = bool(results)
        media = negotiate(accept, ["application/sparql-results+json", "application/sparql-results+xml",
                                   "text/csv", "text/tab-separated-values"]) or "application/sparql-results+json"
        fmt = RESULT_TYPES[media]
        return CONTENT_TYPE[fmt], boolean_bytes(results, fmt), False
    if hasattr(results, "variables"):
        media = negotiate(accept, list(RESULT_TYPES)) or "application/sparql-results+json"
        fmt = RESULT_TYPES[media]
        variables = [v.value for v in results.variables]
        if fmt in ("json", "tsv"):
            return CONTENT_TYPE[fmt], *solutions_bytes(results, variables, fmt, max_rows)
        rows, truncated = [], False
        for solution in results:
            if len(rows) >= max_rows:
                truncated = True
                break
            rows.append({v: solution[v] for v in variables})
        return CONTENT_TYPE[fmt], select_bytes(variables, rows, fmt), truncated
    media = negotiate(accept, list(RDF_TYPES)) or "text/turtle"
    triples, truncated = [], False
    for triple in results:
        if len(triples) >= max_rows:
            truncated = True
            break
        triples.append(triple)
    return rdf_content_type(media), rdf_bytes(triples, media), truncated


def solutions_bytes(solutions, variables: list[str], fmt: str, max_rows: int) -> tuple[bytes, bool]:
    """At most `max_rows` solutions as SPARQL JSON or TSV results (the bytes `select_bytes` writes), and whether
    there were more.  Each distinct term is encoded once, and no dict is built per row: results repeat their
    terms row after row, and those dicts cost a quarter of a large query's time."""
    json_rows = fmt == "json"
    names = [json.dumps(v, ensure_ascii=False) + ": " for v in variables] if json_rows else [""] * len(variables)
    encoded: dict = {}
    out, truncated = [], False
    for solution in solutions:
        if len(out) >= max_rows:
            truncated = True
            break
        parts = []
        for name, term in zip(names, solution):
            if term is None:
                if not json_rows:
                    parts.append("")
                continue
            text = encoded.get(term)
            if text is None:
                text = encoded[term] = json.dumps(term_json(term), ensure_ascii=False) if json_rows else str(term)
            parts.append(name + text)
        out.append("{" + ", ".join(parts) + "}" if json_rows else "\t".join(parts))
    if json_rows:
        head = json.dumps({"vars": variables}, ensure_ascii=False)
        text = '{"head": ' + head + ', "results": {"bindings": [' + ", ".join(out) + "]}}"
    else:
        text = "\n".join(["\t".join(f"?{v}" for v in variables)] + out) + "\n"
    return text.encode("utf-8"), truncated


DUMPS = {"unkg.nq.gz": "application/gzip", "unkg.ttl.gz": "application/gzip"}


def write_dump(quads, name: str, target: Path) -> int:
    """Write the dump `name` of the quads to `target` (gzip, renamed into place when complete)."""
    import gzip
    import os

    part = target.with_name(target.name + ".part")
    with open(part, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        if name.endswith(".nq.gz"):
            pyoxigraph.serialize(quads, out, format=RdfFormat.N_QUADS)
        else:
            pyoxigraph.serialize(dict.fromkeys(q.triple for q in quads), out, format=RdfFormat.TURTLE)
    os.replace(part, target)
    return target.stat().st_size
