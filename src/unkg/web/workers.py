"""Store work in worker processes: SPARQL queries and page lookups, bounded in time and in number.

Nothing a request asks of the store runs in the server process: a query that
runs too long holds no thread and no interpreter lock there, and is stopped by
ending its process (then replaced).  A `WorkerPool` has a fixed number of
processes and a bounded queue: when both are full the request is refused at
once (the server answers 503 with Retry-After), and a request whose client has
gone frees its worker.

Queries are told from updates by pyoxigraph's own SPARQL parsers, in the
worker: a text that parses as a query is run as a query (`Store.query` cannot
change anything, and the store is opened read-only); a text that does not is
given to the update parser of the read-only store, which refuses any valid
update before evaluating it ("Transaction are only possible on read-write
instances") and reports a syntax error otherwise.  Federated queries
(SERVICE) are refused: pyoxigraph would fetch them over HTTP, from the server.
"""
from __future__ import annotations

import multiprocessing
import re
import resource
import threading
import time
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


# ------------------------------------------------------------------ in the worker process

def _sparql(store, query: str, accept: str | None, max_rows: int):
    from unkg.web.endpoint import run_query  # the serialisers live with the protocol

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


def _select(store, query: str, bindings):
    from unkg.web.site import StoreBackend

    return StoreBackend(store).select(query, bindings)


def _shacl(store, graphs: list[str]) -> dict[str, int]:
    from unkg.graph.shacl import validate_triples
    from unkg.web.site import Site, StoreBackend

    site = Site(StoreBackend(store))
    return {g: len(validate_triples(site.graph_quads(g))) for g in graphs}


def _dump(store, name: str, target: str) -> int:
    from unkg.web.linked_data import write_dump

    return write_dump(store.quads_for_pattern(None, None, None, None), name, Path(target))


JOBS = {"sparql": _sparql, "select": _select, "shacl": _shacl, "dump": _dump}


def _worker(path: str, connection, memory_mb: int | None = None) -> None:
    from unkg.web import serve, site
    from unkg.graph import shacl  # noqa: F401  imported before the first job, not during it

    if memory_mb:  # the heap (not the store's mapped files): a query past it ends this process, not the machine
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    store = pyoxigraph.Store.read_only(path)
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


# ------------------------------------------------------------------ in the server process

class Busy(Exception):
    """Every worker is busy and the queue is full (or the wait for a worker ran out)."""


class Gone(Exception):
    """The client disconnected before its answer was ready."""


class TimedOut(Exception):
    """The job ran past its time limit and its process was stopped."""


class WorkerPool:
    """`size` worker processes on the read-only store and at most `queue` requests waiting for one."""

    def __init__(self, store_path: Path, size: int = 2, queue: int = 8, name: str = "workers",
                 memory_mb: int | None = None):
        self.path, self.size, self.queue, self.name = str(store_path), max(1, size), max(0, queue), name
        self.memory_mb = memory_mb
        self.context = multiprocessing.get_context("spawn")
        self.lock = threading.Condition()
        self.idle: list = [self._spawn() for _ in range(self.size)]
        self.waiting = 0
        self.closed = False

    def _spawn(self):
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker, args=(self.path, child, self.memory_mb), daemon=True,
                                       name=f"unkg-{self.name}")
        process.start()
        child.close()
        return process, parent

    def _replace(self, process) -> None:
        """End a worker and start its replacement in the background (the request does not wait for it)."""
        process.kill()

        def respawn():
            process.join(5)
            worker = self._spawn()
            with self.lock:
                if self.closed:
                    worker[0].kill()
                    return
                self.idle.append(worker)
                self.lock.notify()
        threading.Thread(target=respawn, daemon=True).start()

    def _acquire(self, wait: float, disconnected):
        deadline = time.monotonic() + wait
        with self.lock:
            if not self.idle:
                if self.waiting >= self.queue:
                    raise Busy(f"all {self.size} {self.name} are busy and {self.waiting} requests wait")
                self.waiting += 1
                try:
                    while not self.idle:
                        remaining = deadline - time.monotonic()
                        if remaining <= 0:
                            raise Busy(f"no {self.name} became free within {wait:g} s")
                        self.lock.wait(min(remaining, 0.2))
                        if disconnected and disconnected():
                            raise Gone()
                finally:
                    self.waiting -= 1
            return self.idle.pop()

    def call(self, kind: str, *args, timeout: float, wait: float | None = None, disconnected=None):
        """Run a job; its answer tuple ("ok", value) or ("refused" | "syntax" | "error", message).
        Raises Busy, Gone or TimedOut."""
        process, conn = self._acquire(timeout if wait is None else wait, disconnected)
        deadline = time.monotonic() + timeout
        try:
            conn.send((kind, args))
            while not conn.poll(min(0.1, max(0.0, deadline - time.monotonic()))):
                if time.monotonic() >= deadline:
                    self._replace(process)
                    raise TimedOut()
                if disconnected and disconnected():
                    self._replace(process)
                    raise Gone()
            answer = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(process)
            if self.memory_mb:
                return ("error", f"the worker process ended: the query may need more than the memory limit of "
                                 f"{self.memory_mb} MB")
            return ("error", "the worker process ended unexpectedly")
        with self.lock:
            self.idle.append((process, conn))
            self.lock.notify()
        return answer

    def close(self) -> None:
        with self.lock:
            self.closed = True
            for process, conn in self.idle:
                process.kill()
            self.idle.clear()


class PoolBackend:
    """The site's lookups (`unkg.web.site.Backend`) run in a pool: each request has a deadline, set by
    `begin()` in the thread serving it, that all of its lookups share."""

    def __init__(self, pool: WorkerPool, timeout: float):
        self.pool, self.timeout = pool, timeout
        self.local = threading.local()

    def begin(self, seconds: float, disconnected=None) -> None:
        self.local.deadline = time.monotonic() + seconds
        self.local.disconnected = disconnected

    def call(self, kind: str, *args):
        deadline = getattr(self.local, "deadline", None)
        remaining = self.timeout if deadline is None else deadline - time.monotonic()
        if remaining <= 0:
            raise TimedOut()
        answer = self.pool.call(kind, *args, timeout=remaining, disconnected=getattr(self.local, "disconnected", None))
        if answer[0] != "ok":
            raise RuntimeError(f"{kind}: {answer[1]}")
        return answer[1]

    def select(self, query: str, bindings: dict | None = None) -> list[dict]:
        return self.call("select", query, bindings)

    def dataset_quads(self):
        raise NotImplementedError("dumps are written by a worker of their own (unkg.web.linked_data.LinkedData.dump)")
