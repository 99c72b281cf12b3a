"""Stage `web`: HTTP plumbing shared by the site's parts: limits, early answers, content negotiation, conditional
requests."""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path


LANGS = ("ar", "zh", "en", "fr", "ru", "es")


MAX_FIELDS = 100  # query-string or form parameters per request


@dataclass
class Limits:
    timeout: float = 10.0  # seconds per SPARQL query
    max_rows: int = 10_000  # rows (or triples) per SPARQL answer
    max_query_bytes: int = 256 * 1024  # a longer query (or form body three times as long) is answered 413
    max_header_bytes: int = 4096  # an Accept or Accept-Language header longer than this is answered 400
    workers: int = 2  # processes running SPARQL queries known to be long (the long lane)
    queue: int = 32  # SPARQL requests that may wait for one; more are answered 503 with Retry-After
    queue_wait: float = 30.0  # seconds a SPARQL request may wait for a worker; then it is answered 503 too
    page_workers: int = 2  # processes doing the pages' store lookups
    page_queue: int = 16
    page_timeout: float = 10.0  # seconds for all the store lookups of one page
    dump_timeout: float = 600.0  # seconds to write a dump (in its own process, once)
    worker_memory_mb: int | None = 4096  # heap of each query or page worker; a query past it ends its worker
    short_workers: int = 4  # processes for the other queries, each for at most short_seconds (0: no short lane)
    short_queue: int = 32
    short_seconds: float = 1.0  # a query still running then moves to the long lane
    long_nice: int = 10  # priority of the long lane's processes: they give way to short queries and pages

    @property
    def retry_after(self) -> str:
        return str(max(1, math.ceil(min(self.timeout, self.page_timeout))))

    @property
    def threads(self) -> int:
        """Server threads: enough for every request a pool may hold or queue, and some for everything else,
        so that pages and refusals are answered at once however many queries wait."""
        short = self.short_workers + self.short_queue if self.short_workers else 0
        return self.workers + self.queue + short + self.page_workers + self.page_queue + 4

    @property
    def max_request_body(self) -> int:
        return 3 * self.max_query_bytes + 4096  # a form body percent-encodes the query

    @property
    def max_request_header(self) -> int:
        return 3 * self.max_query_bytes + 65536  # a GET query travels in the request line


class Response(Exception):
    """Raised by handlers to answer early: status, headers, body."""

    def __init__(self, status: str, body: bytes = b"", content_type: str = "text/plain; charset=utf-8",
                 headers: list[tuple[str, str]] | None = None):
        super().__init__(status)
        self.status, self.body, self.headers = status, body, [("Content-Type", content_type)] + (headers or [])


def negotiate(accept: str | None, offered: list[str]) -> str | None:
    """The offered media type the Accept header prefers (q-values, wildcards); None if none is acceptable."""
    if not accept:
        return offered[0]
    best, best_q = None, 0.0
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    for i, offer in enumerate(offered):
        for media, q in ranges:
            specificity = 2 if media == offer else 1 if media.endswith("/*") and offer.startswith(media[:-1]) \
                else 0 if media == "*/*" else -1
            if specificity < 0 or q <= 0:
                continue
            score = q + specificity * 0.001 - i * 0.00001
            if score > best_q:
                best, best_q = offer, score
    return best


def page_number(params) -> int:
    try:
        return max(1, min(10_000, int(params.get("page", ["1"])[0])))
    except ValueError:
        return 1


class Busy(Exception):
    """Every worker is busy and the queue is full (or the wait for a worker ran out)."""


class Gone(Exception):
    """The client disconnected before its answer was ready."""


class TimedOut(Exception):
    """The job ran past its time limit and its process was stopped."""


# -- conditional requests --------------------------------------------------------------------------------------
CACHE_CONTROL = "public, no-cache"  # caches may keep an answer but ask again (If-None-Match) before reusing it
UNSTORED = ("LOCK", "LOG")  # files of a store folder that change without its data changing (RocksDB's lock, log)


def fingerprint(folder: Path) -> str:
    """The version of what a folder holds: names, sizes and modification times of its files (for a store: its
    tables, manifest and write-ahead log, which any change to the data rewrites)."""
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith(UNSTORED) and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(folder)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def etag(*parts: str) -> str:
    """A weak entity tag (RFC 9110 8.8.3) for an answer determined by `parts`: weak because the same rows may come
    in another order, and blank nodes with other labels."""
    digest = hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16)
    return f'W/"{digest.hexdigest()}"'


def not_modified(environ, tag: str) -> bool:
    """Whether the request's If-None-Match names `tag` (weak comparison, as RFC 9110 13.1.2 asks for GET)."""
    header = environ.get("HTTP_IF_NONE_MATCH") or ""
    bare = tag.removeprefix("W/")
    return any(t.strip().removeprefix("W/") == bare for t in header.split(","))
