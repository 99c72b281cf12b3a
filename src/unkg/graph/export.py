"""Stage `graph`: serialise triples and quads; write files atomically (temp file + rename)."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyoxigraph
from pyoxigraph import Quad, RdfFormat

from unkg.resources import project_root

FORMATS = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "nq": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "xml": RdfFormat.RDF_XML,
    "jsonld": None,  # through rdflib, compacted with the published @context
}
EXTENSIONS = {".ttl": "ttl", ".nt": "nt", ".nq": "nq", ".trig": "trig", ".rdf": "xml", ".xml": "xml",
              ".owl": "xml", ".jsonld": "jsonld", ".json": "jsonld"}
DATASET_FORMATS = {"nq", "trig"}
PREFIXES = {
    "unkg": "https://w3id.org/unkg/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
}


def format_for(path: str | None, explicit: str | None) -> str:
    if explicit:
        return explicit
    if path:
        ext = Path(path).suffix.lower()
        if ext in EXTENSIONS:
            return EXTENSIONS[ext]
    return "ttl"


def context_path() -> Path:
    return project_root() / "ontology" / "context.jsonld"


def serialise(quads: list[Quad], fmt: str, base: str | None = None) -> bytes:
    """Quads to bytes; graph formats merge the named graphs."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "jsonld":
        return jsonld(quads)
    if fmt in DATASET_FORMATS:
        return pyoxigraph.serialize(quads, format=FORMATS[fmt], **_prefixes(fmt, base))
    triples = list(dict.fromkeys(q.triple for q in quads))
    return pyoxigraph.serialize(triples, format=FORMATS[fmt], **_prefixes(fmt, base))


def _prefixes(fmt: str, base: str | None) -> dict:
    if fmt not in ("ttl", "trig"):
        return {}
    # No prefix for the minted IRIs: their paths keep the symbols' slashes,
    # which a prefixed name could only show escaped (id:doc\/CTOC\/…).
    return {"prefixes": dict(PREFIXES)}


def jsonld(quads: list[Quad]) -> bytes:
    import rdflib

    dataset = rdflib.Dataset()
    nq = pyoxigraph.serialize(quads, format=RdfFormat.N_QUADS)
    dataset.parse(data=nq.decode("utf-8"), format="nquads")
    context = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
    text = dataset.serialize(format="json-ld", context=context, auto_compact=True)
    return text.encode("utf-8")


def umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename over it."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, umask_mode())  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
