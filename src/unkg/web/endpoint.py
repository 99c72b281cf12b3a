"""Stage `web`: the read-only SPARQL 1.1 endpoint: protocol, refusal of updates, answers from worker processes or a
remote server, the result cap."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs


from unkg.resources import data_path, queries_dir
from unkg.web.answers import RDF_TYPES, rdf_content_type, rdf_bytes
from unkg.web.jobs import is_volatile
from unkg.web.protocol import CACHE_CONTROL, MAX_FIELDS, Response, etag, fingerprint, negotiate, not_modified


READ_ONLY = b"this endpoint is read-only: updates are refused\n"


@lru_cache(maxsize=1)
def competency_queries() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = next((l[1:].strip() for l in text.splitlines() if l.startswith("#")), "")
        out.append((path.stem, first, text))
    return out


@lru_cache(maxsize=1)
def long_queries() -> frozenset[str]:
    """The competency queries' texts: they read every report, so they go to the long lane at once."""
    return frozenset(text for _, _, text in competency_queries())


def answers_version(store_path: Path) -> str:
    """What an answer depends on besides the request: the store's data (a read-only snapshot while serving),
    and the code and versions that turn it into bytes and pages."""
    import pyoxigraph

    from unkg.version import __version__

    web = Path(__file__).parent
    return "\0".join([fingerprint(store_path), fingerprint(web), fingerprint(queries_dir()),
                      str(data_path("ui.json").stat().st_mtime_ns), __version__, pyoxigraph.__version__])


def query_key(query: str) -> bytes:
    return hashlib.blake2b(query.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class SparqlEndpoint:
    """/sparql: queries run in the worker pool (or on the remote server), updates refused."""

    # -- SPARQL protocol ---------------------------------------------------------------
    def sparql(self, environ, params):
        """SPARQL 1.1 Protocol, query operation only.  Whether a text is a query or an update is decided by
        pyoxigraph's parsers in the worker (see unkg.workers), never by pattern matching here."""
        method = environ.get("REQUEST_METHOD", "GET")
        content_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        if "update" in params:
            raise Response("403 Forbidden", READ_ONLY)
        query = params.get("query", [None])[0]
        if method == "POST":
            if content_type == "application/sparql-update":
                raise Response("403 Forbidden", READ_ONLY)
            body = self.read_body(environ, self.limits.max_query_bytes if content_type == "application/sparql-query"
                                  else self.limits.max_request_body)
            if content_type == "application/sparql-query":
                query = body
            else:
                try:
                    form = parse_qs(body, keep_blank_values=True, max_num_fields=MAX_FIELDS, errors="strict")
                except (ValueError, UnicodeError):
                    raise Response("400 Bad Request", b"the form is not valid (UTF-8, at most "
                                   + str(MAX_FIELDS).encode() + b" fields)\n") from None
                if "update" in form:
                    raise Response("403 Forbidden", READ_ONLY)
                query = form.get("query", [query])[0]
        elif method not in ("GET", "HEAD"):
            raise Response("405 Method Not Allowed", b"use GET or POST\n", headers=[("Allow", "GET, POST")])
        accept = environ.get("HTTP_ACCEPT")
        if not query:
            ctx = self.context(environ, params)
            if negotiate(accept, ["text/html"] + list(RDF_TYPES)) == "text/html":
                selected = params.get("name", [""])[0]
                canned = competency_queries()
                initial = next((t for n, _, t in canned if n == selected), canned[0][2] if canned else "")
                limits = f"Time limit {self.limits.timeout:g} s, at most {self.limits.max_rows:,} rows."
                return self.render("query.html", ctx, title="SPARQL", queries=canned, selected=selected,
                                   initial=initial, limits=limits)
            from unkg.graph.describe import service_description

            media = negotiate(accept, list(RDF_TYPES)) or "text/turtle"
            return "200 OK", [("Content-Type", rdf_content_type(media))], \
                rdf_bytes(service_description(ctx["root"], self.limits), media)
        if len(query.encode("utf-8")) > self.limits.max_query_bytes:
            raise Response("413 Content Too Large",
                           f"the query is longer than {self.limits.max_query_bytes} bytes\n".encode())
        tag = None
        if method in ("GET", "HEAD") and getattr(self, "version", None) and not is_volatile(query):
            tag = etag(self.version, query, accept or "", str(self.limits.max_rows))
            if not_modified(environ, tag):  # the client has this answer: the query is not run again
                return "304 Not Modified", [("ETag", tag), ("Cache-Control", CACHE_CONTROL), ("Vary", "Accept")], b""
        status, headers, body = self.run_sparql(query, accept, environ.get("waitress.client_disconnected"))
        if tag and status.startswith("200"):
            headers = headers + [("ETag", tag), ("Cache-Control", CACHE_CONTROL)]
        return status, headers, body

    def read_body(self, environ, limit: int) -> str:
        """The request body as text, refused (413) when longer than `limit` bytes."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise Response("400 Bad Request", b"Content-Length is not a number\n") from None
        if length > limit:
            raise Response("413 Content Too Large", f"the request body is longer than {limit} bytes\n".encode())
        data = environ["wsgi.input"].read(length) if length > 0 else b""
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise Response("400 Bad Request", b"the request body is not UTF-8\n") from None

    def run_sparql(self, query: str, accept: str | None, disconnected=None):
        from unkg.web.protocol import TimedOut

        if self.queries is None:
            return self.remote_sparql(query, accept)
        try:
            answer = self.queries.call("sparql", query, accept, self.limits.max_rows, timeout=self.limits.timeout,
                                       wait=self.limits.queue_wait, disconnected=disconnected,
                                       short_key=None if query in long_queries() else query_key(query))
        except TimedOut:
            raise Response("503 Service Unavailable",
                           f"the query ran past the time limit of {self.limits.timeout:g} s and was stopped\n".encode(),
                           headers=[("X-UNKG-Time-Limit", f"{self.limits.timeout:g}")]) from None
        if answer[0] == "refused":
            raise Response("403 Forbidden", f"{answer[1]}\n".encode())
        if answer[0] == "syntax":
            raise Response("400 Bad Request", f"SPARQL syntax error: {answer[1]}\n".encode())
        if answer[0] == "error":
            raise Response("500 Internal Server Error", f"query failed: {answer[1]}\n".encode())
        content_type, body, truncated = answer[1]
        headers = [("Content-Type", content_type), ("Vary", "Accept")]
        if truncated:
            headers += [("X-UNKG-Result-Cap", str(self.limits.max_rows)),
                        ("Warning", f'199 unkg "results truncated at {self.limits.max_rows} rows"')]
        return "200 OK", headers, body

    def remote_sparql(self, query, accept):
        import requests

        try:
            r = requests.post(self.endpoint.query_url, data={"query": query}, timeout=self.limits.timeout,
                              headers={"Accept": accept or "application/sparql-results+json"})
        except requests.Timeout:
            raise Response("503 Service Unavailable", b"the query ran past the time limit\n") from None
        except requests.RequestException as exc:
            raise Response("502 Bad Gateway", f"the SPARQL server did not answer: {exc}\n".encode()) from None
        kind = r.headers.get("Content-Type", "text/plain")
        body, headers = r.content, [("Content-Type", kind)]
        # The remote server's own limits apply; unkg's row cap is applied to the answers it can read.
        if r.ok and "json" in kind and b'"bindings"' in body[:4096]:
            data = r.json()
            if len(data["results"]["bindings"]) > self.limits.max_rows:
                data["results"]["bindings"] = data["results"]["bindings"][: self.limits.max_rows]
                body = json.dumps(data, ensure_ascii=False).encode("utf-8")
                headers += [("X-UNKG-Result-Cap", str(self.limits.max_rows)),
                            ("Warning", f'199 unkg "results truncated at {self.limits.max_rows} rows"')]
        elif r.ok and kind.startswith(("text/csv", "text/tab-separated-values")):
            lines = body.splitlines(keepends=True)
            if len(lines) - 1 > self.limits.max_rows:
                body = b"".join(lines[: self.limits.max_rows + 1])
                headers += [("X-UNKG-Result-Cap", str(self.limits.max_rows))]
        return f"{r.status_code} {r.reason}", headers, body
