"""Stage `web`: the jobs a worker process runs on the read-only store — SPARQL queries, page lookups, SHACL status
and dumps — and the process's loop.

Queries are told from updates by pyoxigraph's own SPARQL parsers, in the worker: a text that parses as a query is
run as a query (`Store.query` cannot change anything, and the store is opened read-only); a text that does not is
given to the update parser of the read-only store, which refuses any valid update before evaluating it
("Transaction are only possible on read-write instances") and reports a syntax error otherwise. Federated queries
(SERVICE) are refused: pyoxigraph would fetch them over HTTP, from the server.
"""
from __future__ import annotations

import os
import re
import resource
from pathlib import Path

import pyoxigraph

# One token at a time, each alternative ending where it must: every character is read once (linear time),
# whatever the text, valid or not.  Strings and comments always match (to their end or the end of the line).
_TOKENS = re.compile(r'''
    \#[^\n\r]*
  | """(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)
  | \'\'\'(?:[^'\\]|\\.|'(?!''))*(?:\'\'\'|\Z)
  | "(?:[^"\\\n\r]|\\.)*"?
  | '(?:[^'\\\n\r]|\\.)*'?
  | <[^<>"{}|^`\\\x00-\x20]*>
  | [^\s\#"'<>{}()\[\];,.=!|&*/+^]+
  | .
''', re.VERBOSE | re.DOTALL)


MAX_DEPTH = 200  # brackets nested deeper than this are refused: pyoxigraph's parser recurses (deeper overflows)
_OPEN, _CLOSE = frozenset("{(["), frozenset("})]")


class Refused(Exception):
    """The text is not something this endpoint runs (an update, a federated query)."""


def check_text(query: str) -> None:
    """Refuse, before any parsing, a federated query (the keyword SERVICE outside strings, IRIs and comments)
    and brackets nested deeper than MAX_DEPTH (SyntaxError).  One pass over the text."""
    depth = 0
    for m in _TOKENS.finditer(query):
        token = m.group()
        if token in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                raise SyntaxError(f"brackets nested more than {MAX_DEPTH} deep")
        elif token in _CLOSE:
            depth -= 1
        elif len(token) == 7 and token.upper() == "SERVICE":
            raise Refused("federated queries (SERVICE) are not allowed on this endpoint")


VOLATILE = frozenset({"RAND", "NOW", "UUID", "STRUUID"})  # functions whose value changes from one run to the next


def is_volatile(query: str) -> bool:
    """Whether the query calls a function whose value changes from run to run (then its answer has no entity
    tag): the function names outside strings, IRIs and comments.  One pass over the text."""
    return any(len(t) <= 7 and t.upper() in VOLATILE for t in (m.group() for m in _TOKENS.finditer(query)))


def sparql(store, query: str, accept: str | None, max_rows: int):
    from unkg.web.answers import run_query

    check_text(query)
    try:
        return run_query(store, query, accept, max_rows)
    except SyntaxError as query_error:
        try:
            store.update(query)  # the store is read-only: a valid update is refused before it is evaluated
        except SyntaxError:
            raise query_error from None
        except (RuntimeError, OSError):
            raise Refused("this endpoint is read-only: updates are refused") from None
        raise RuntimeError("the read-only store accepted an update")  # never: the store is opened read-only


def select(store, query: str, bindings):
    from unkg.web.site import StoreBackend

    return StoreBackend(store).select(query, bindings)


def shacl(store, graphs: list[str]) -> dict[str, int]:
    from unkg.graph.shacl import validate_triples
    from unkg.web.site import Site, StoreBackend

    site = Site(StoreBackend(store))
    return {g: len(validate_triples(site.graph_quads(g))) for g in graphs}


def dump(store, name: str, target: str) -> int:
    from unkg.web.answers import write_dump

    return write_dump(store.quads_for_pattern(None, None, None, None), name, Path(target))


JOBS = {"sparql": sparql, "select": select, "shacl": shacl, "dump": dump}


def worker_main(path: str, connection, memory_mb: int | None = None, nice: int = 0) -> None:
    """A worker process: open the store read-only, then run the jobs sent on `connection` one at a time, at
    priority `nice` (a long query gives way to short ones and to the server)."""
    from unkg.graph import shacl as validator  # noqa: F401  imported before the first job, not during it
    from unkg.web import site  # noqa: F401

    if nice:
        os.nice(nice)
    if memory_mb:  # the heap (not the store's mapped files): a query past it ends this process, not the machine
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    store = pyoxigraph.Store.read_only(path)
    connection.send(("ready", None))  # only then is the process given jobs
    while True:
        try:
            kind, args = connection.recv()
        except EOFError:
            return
        try:
            connection.send(("ok", JOBS[kind](store, *args)))
        except Refused as exc:
            connection.send(("refused", str(exc)))
        except SyntaxError as exc:
            connection.send(("syntax", str(exc).splitlines()[0] if str(exc) else "syntax error"))
        except Exception as exc:  # an evaluation error is the client's answer, not a crash
            connection.send(("error", f"{type(exc).__name__}: {exc}"))
