"""Stage `graph`: serialise triples and quads; write files atomically (temp file + rename)."""
from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import tempfile
import time
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


def nquads(made: list[tuple], graph) -> bytes:
    """(s, p, o) terms in `graph` as N-Quads, written from the terms' own N-Triples forms: the same bytes as
    pyoxigraph's serialiser gives, without making a Quad of each (which copies every term, paragraph texts too,
    and cost more than the writing)."""
    tail = f" {graph} .\n"
    # a term's form is made by pyoxigraph at each str(): a subject is written once for the run of its triples
    # (the builder gives a node's facts together) and each predicate once
    parts, predicates = [], {}
    last = subject = None
    for s, p, o in made:
        if s is not last:
            last, subject = s, str(s)
        predicate = predicates.get(p)
        if predicate is None:
            predicate = predicates[p] = str(p)
        parts.append(f"{subject} {predicate} {o}{tail}")
    return "".join(parts).encode("utf-8")


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
    remove_stale_temps(target.parent, [target.name])
    fd, tmp = temp_beside(target)
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


# ------------------------------------------------------------------ temporary files of killed runs
# A run killed by SIGKILL cannot remove its temporary files.  They are named after their target, this host and
# the process that writes them (".out.nq.HOST-PID-RANDOM.tmp"), so that a later run can tell one whose process
# is gone and remove it, and never touches one that a live run is writing.

_HOST = hashlib.sha1(socket.gethostname().encode("utf-8")).hexdigest()[:8]
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<host>[0-9a-f]{8})-(?P<pid>[0-9]+)-[a-z0-9_]+\.tmp$")
# Before this naming, temporary files were ".NAME.RANDOM.tmp" (".NAME.RANDOM" in the download cache): those
# carry no process, and are removed once they have not been written to for LEGACY_AGE seconds.
_LEGACY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}(?:\.tmp)?$")
LEGACY_AGE = 3600.0


def temp_beside(target: Path) -> tuple[int, str]:
    """An open temporary file (fd, path) in the target's folder, named so that remove_stale_temps
    recognises it once its process has died."""
    return tempfile.mkstemp(prefix=f".{target.name}.{_HOST}-{os.getpid()}-", suffix=".tmp", dir=target.parent)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a live process of another user
        return True
    return True


def remove_stale_temps(folder: str | Path, names=None) -> list[Path]:
    """Remove the temporary files that dead unkg processes left in `folder` for the targets `names`
    (every target when None: a folder unkg owns, like the download cache); returns what was removed."""
    wanted = set(names) if names is not None else None
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not entry.name.startswith(".") or not entry.is_file(follow_symlinks=False):
            continue
        m = _TEMP.match(entry.name)
        if m:
            if (wanted is not None and m["name"] not in wanted) or m["host"] != _HOST or _alive(int(m["pid"])):
                continue
        else:
            m = _LEGACY.match(entry.name)
            if not m or (wanted is not None and m["name"] not in wanted):
                continue
            try:
                if now - entry.stat(follow_symlinks=False).st_mtime < LEGACY_AGE:
                    continue
            except OSError:
                continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass  # gone meanwhile, or not ours to remove
    return removed
