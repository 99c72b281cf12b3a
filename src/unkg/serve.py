"""The published site: dereferenceable IRIs, HTML pages, a read-only SPARQL endpoint.

A WSGI application.  Every IRI minted under the base is served on the same
path (``{base}id/state/ARG`` at ``/id/state/ARG``): a thing's IRI answers 303
See Other to the document describing it in the negotiated format (HTML,
Turtle, JSON-LD, N-Triples, RDF/XML), documents are also reachable by suffix
(``.html``, ``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``).  SPARQL queries run in
worker processes on the read-only store, so that a query over its time limit
can be stopped; results are capped, and a cap or a limit hit is stated in the
response.
"""
from __future__ import annotations

import json
import math
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, quote

import jinja2
import pyoxigraph
from pyoxigraph import NamedNode, RdfFormat

from .rdf import DEFAULT_BASE, ONTOLOGY
from .resources import data_path, ontology_path, queries_dir
from .site import COLLECTIONS, LABEL_PROPERTIES, PAGE_SIZE, Site, _local_name, parse_accept_language
from .sparql_results import CONTENT_TYPE, RESULT_TYPES, boolean_bytes, select_bytes

WEB = Path(__file__).parent / "web"
RDF_TYPES = {  # media type -> (suffix, pyoxigraph format or "jsonld")
    "text/turtle": ("ttl", RdfFormat.TURTLE),
    "application/ld+json": ("jsonld", "jsonld"),
    "application/n-triples": ("nt", RdfFormat.N_TRIPLES),
    "application/rdf+xml": ("rdf", RdfFormat.RDF_XML),
}
SUFFIXES = {"html": "text/html", **{v[0]: k for k, v in RDF_TYPES.items()}}
HTML_TYPES = ("text/html", "application/xhtml+xml")
LANGS = ("ar", "zh", "en", "fr", "ru", "es")
READ_ONLY = b"this endpoint is read-only: updates are refused\n"
MAX_FIELDS = 100  # query-string or form parameters per request
WARM_SECONDS = 600  # time limit of the background queries over every graph (App.warm)
SEARCH_LIMIT = 50
SHACL_GRAPHS_PER_REQUEST = 5  # graphs validated for one page at most (the rest on later visits)
STATIC = {"style.css": "text/css; charset=utf-8", "query.js": "text/javascript; charset=utf-8"}


@dataclass
class Limits:
    timeout: float = 10.0  # seconds per SPARQL query
    max_rows: int = 10_000  # rows (or triples) per SPARQL answer
    max_query_bytes: int = 256 * 1024  # a longer query (or form body three times as long) is answered 413
    max_header_bytes: int = 4096  # an Accept or Accept-Language header longer than this is answered 400
    workers: int = 2  # processes running SPARQL queries
    queue: int = 8  # SPARQL requests that may wait for one; more are answered 503 with Retry-After
    page_workers: int = 2  # processes doing the pages' store lookups
    page_queue: int = 16
    page_timeout: float = 10.0  # seconds for all the store lookups of one page
    dump_timeout: float = 600.0  # seconds to write a dump (in its own process, once)

    @property
    def retry_after(self) -> str:
        return str(max(1, math.ceil(min(self.timeout, self.page_timeout))))

    @property
    def threads(self) -> int:
        """Server threads: enough for every request a pool may hold or queue, and some for everything else,
        so that pages and refusals are answered at once however many queries wait."""
        return self.workers + self.queue + self.page_workers + self.page_queue + 4

    @property
    def max_request_body(self) -> int:
        return 3 * self.max_query_bytes + 4096  # a form body percent-encodes the query

    @property
    def max_request_header(self) -> int:
        return 3 * self.max_query_bytes + 65536  # a GET query travels in the request line


@dataclass
class ShaclStatus:
    violations: int
    unchecked: int = 0  # graphs not validated yet (validation is bounded per request)

    @property
    def conforms(self) -> bool:
        return self.violations == 0

    @property
    def text(self) -> str:
        text = "conforms" if self.conforms else f"{self.violations} violation(s)"
        return text + (f" ({self.unchecked} graph(s) not checked yet)" if self.unchecked else "")


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


# ------------------------------------------------------------------ SPARQL answers (run in worker processes)

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
    return _rdf_content_type(media), rdf_bytes(triples, media), truncated


def _rdf_content_type(media: str) -> str:
    return media + ("; charset=utf-8" if media in ("text/turtle", "application/n-triples") else "")


def rdf_bytes(triples, media: str) -> bytes:
    fmt = RDF_TYPES[media][1]
    if fmt == "jsonld":
        from .export import _jsonld

        return _jsonld([pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph())
                        for t in triples])
    prefixes = {"unkg": ONTOLOGY, "skos": "http://www.w3.org/2004/02/skos/core#",
                "dcterms": "http://purl.org/dc/terms/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                "xsd": "http://www.w3.org/2001/XMLSchema#"} if fmt == RdfFormat.TURTLE else None
    return pyoxigraph.serialize(triples, format=fmt, **({"prefixes": prefixes} if prefixes else {}))


# ------------------------------------------------------------------ the application

class App:
    """The site and the endpoint.  With a store, SPARQL queries run in one pool of worker processes and the
    pages' lookups in another (`pages`), so that slow queries never hold the pages; every lookup is bounded
    by the time limit.  `pages=None` runs the pages' lookups in this process (`unkg publish`)."""

    def __init__(self, site: Site, store_path: Path | None, limits: Limits | None = None,
                 endpoint=None, pages: "PoolBackend | None" = None, search_index=None):
        from .workers import WorkerPool

        self.site, self.limits = site, limits or Limits()
        self.search_index = search_index  # full-text index beside the store (None: names through SPARQL)
        self.live = True  # False while publishing static files: no forms that need the server
        self.sparql_url: str | None = None  # where a static site's SPARQL endpoint is, if it has one
        self.base = site.base
        self.store_path = store_path
        self.queries = WorkerPool(store_path, self.limits.workers, self.limits.queue, "query workers") \
            if store_path else None
        self.pages = pages
        self.endpoint = endpoint
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(WEB / "templates")),
                                      autoescape=True, trim_blocks=False)
        self.ui = json.loads(data_path("ui.json").read_text(encoding="utf-8"))
        self._dumps: dict[str, Path] = {}
        self._dump_folder: Path | None = None
        self._dump_lock = threading.Lock()
        self._dumping: set[str] = set()
        self._violations: dict[str, int] = {}
        self._counts: dict[str, int] | None = None
        self._members: dict[str, list[str]] | None = None  # sorted IRIs per collection (warm())
        self._names: list[tuple[str, str]] | None = None  # (IRI, lower-cased name), sorted (warm())
        self._statistics: list | None = None

    def warm(self) -> None:
        """In the background, once (the store is a read-only snapshot): the home page's counts, the sorted
        members of each collection and the names searched — the queries over every graph, too slow for one
        page's time limit on a large store.  Until they are ready, pages run their own bounded queries."""
        def run():
            if self.pages:
                self.pages.begin(WARM_SECONDS)
            try:
                self._collection_counts()
                self._members = {name: [r["s"].value for r in self.site.backend.select(
                    "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?c } } ORDER BY ?s",
                    {"c": NamedNode(cls)})] for name, (cls, _) in COLLECTIONS.items()}
                rows = self.site.backend.select(
                    "SELECT DISTINCT ?s ?l WHERE { GRAPH ?g { ?s ?p ?l } FILTER(isIRI(?s) && isLiteral(?l) && "
                    "?p IN (<" + ">, <".join(LABEL_PROPERTIES) + ">)) }")
                self._names = sorted((r["s"].value, r["l"].value.lower()) for r in rows)
            except Exception:  # pages keep running their own (bounded) queries
                pass
        threading.Thread(target=run, daemon=True).start()

    def close(self) -> None:
        for pool in (self.queries, self.pages.pool if self.pages else None):
            if pool:
                pool.close()

    # -- WSGI -----------------------------------------------------------------
    def __call__(self, environ, start_response):
        from .workers import Busy, Gone, TimedOut

        if self.pages:
            self.pages.begin(self.limits.page_timeout, environ.get("waitress.client_disconnected"))
        try:
            status, headers, body = self.handle(environ)
        except Response as r:
            status, headers, body = r.status, r.headers, r.body
        except Busy:
            status, headers, body = self.busy()
        except TimedOut:
            status, headers, body = "503 Service Unavailable", [
                ("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", self.limits.retry_after)], \
                f"this page needs more than the time limit of {self.limits.page_timeout:g} s\n".encode()
        except Gone:
            status, headers, body = "503 Service Unavailable", [("Content-Type", "text/plain")], b""
        headers = headers + [("Access-Control-Allow-Origin", "*"), ("X-Content-Type-Options", "nosniff")]
        if environ.get("REQUEST_METHOD") == "HEAD":
            body = b""
        if isinstance(body, Path):  # a file (a dump): streamed, not read into memory
            headers.append(("Content-Length", str(body.stat().st_size)))
            start_response(status, headers)
            handle = open(body, "rb")
            wrapper = environ.get("wsgi.file_wrapper")
            return wrapper(handle, 1 << 16) if wrapper else iter(lambda: handle.read(1 << 16), b"")
        headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [body]

    def busy(self):
        return "503 Service Unavailable", [("Content-Type", "text/plain; charset=utf-8"),
                                           ("Retry-After", self.limits.retry_after)], \
            f"the server is busy: try again in {self.limits.retry_after} s\n".encode()

    def handle(self, environ):
        method = environ.get("REQUEST_METHOD", "GET")
        try:  # WSGI gives the path's bytes as latin-1; IRIs are UTF-8
            path = (environ.get("PATH_INFO", "/") or "/").encode("latin-1").decode("utf-8")
        except UnicodeError:
            raise Response("400 Bad Request", b"the path is not UTF-8\n") from None
        query_string = environ.get("QUERY_STRING", "")
        if len(query_string) > self.limits.max_request_body:
            raise Response("413 Content Too Large", f"the query string is longer than {self.limits.max_request_body} "
                           "bytes\n".encode())
        try:
            params = parse_qs(query_string, keep_blank_values=True, max_num_fields=MAX_FIELDS)
        except ValueError:
            raise Response("400 Bad Request", f"more than {MAX_FIELDS} parameters\n".encode()) from None
        for header in ("HTTP_ACCEPT", "HTTP_ACCEPT_LANGUAGE"):
            if len(environ.get(header) or "") > self.limits.max_header_bytes:
                name = header[5:].replace("_", "-").title()
                raise Response("400 Bad Request",
                               f"the {name} header is longer than {self.limits.max_header_bytes} bytes\n".encode())
        if method == "OPTIONS":
            return "204 No Content", [("Allow", "GET, HEAD, POST, OPTIONS"),
                                      ("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
                                      ("Access-Control-Allow-Headers", "Accept, Content-Type")], b""
        if path == "/sparql":
            return self.sparql(environ, params)
        if method not in ("GET", "HEAD"):
            raise Response("405 Method Not Allowed", b"read-only: only GET, HEAD and POST to /sparql\n",
                           headers=[("Allow", "GET, HEAD")])
        if ".." in path or "\x00" in path:
            raise Response("404 Not Found", b"no such page\n")
        accept = environ.get("HTTP_ACCEPT")
        ctx = self.context(environ, params)
        if path == "/":
            return self.home(ctx)
        if path.startswith("/static/"):
            return self.static(path[len("/static/"):])
        if path in ("/ontology", "/ontology.html", "/ontology.ttl"):
            return self.ontology(ctx, path, accept)
        if path in ("/dataset", "/dataset.ttl", "/dataset.html", "/.well-known/void"):
            return self.dataset(ctx, path, accept)
        if path.startswith("/dumps/"):
            return self.dump(path[len("/dumps/"):])
        if path.startswith("/collections/"):
            return self.collection(ctx, path[len("/collections/"):], params)
        if path in ("/search", "/search.json", "/search.html"):
            from .web.pages import search_page

            return search_page(self, ctx, params, path.endswith(".json"))
        if path.startswith("/queries/"):
            return self.competency(ctx, path[len("/queries/"):], params, accept)
        if path.startswith(("/id/", "/graph/")):
            return self.resource(ctx, path, params, accept)
        raise self.not_found(ctx, path)

    # -- helpers ------------------------------------------------------------------
    def context(self, environ, params) -> dict:
        chosen = params.get("lang", [None])[0]
        langs = parse_accept_language(environ.get("HTTP_ACCEPT_LANGUAGE"))
        if chosen in LANGS:
            langs = [chosen] + [l for l in langs if l != chosen]
        lang = langs[0]
        script = environ.get("SCRIPT_NAME", "")
        root = script.rstrip("/") + "/"
        return {"lang": lang, "langs": langs, "languages": LANGS, "t": {**self.ui["en"], **self.ui.get(lang, {})},
                "root": root, "alternates": [], "query": params.get("q", [""])[0], "static": not self.live,
                "sparql_url": root + "sparql" if self.live else self.sparql_url,
                "dataset_href": root + ("dataset" if self.live else "dataset.ttl"), "href": self.href(root)}

    def href(self, root: str):
        """A link to one of the site's own pages; a static site has no server to add `.html`, so the link does."""
        def to(path: str) -> str:
            return root + path + ("" if self.live or "." in path.rsplit("/", 1)[-1] else ".html")
        return to

    def render(self, template: str, ctx: dict, status: str = "200 OK", headers=None, **extra):
        html = self.env.get_template(template).render(**ctx, **extra, link=self.link(ctx), value=self.value_html(ctx))
        return status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Language", ctx["lang"])] + \
            (headers or []), html.encode("utf-8")

    def link(self, ctx):
        root = ctx["root"]

        page = "" if self.live else ".html"  # a static site has no 303: link the page itself

        def to(iri: str) -> str:
            if iri.startswith(ONTOLOGY):
                return root + "ontology" + page + "#" + quote(iri[len(ONTOLOGY):])
            if iri.startswith(self.base):
                return root + quote(iri[len(self.base):], safe="/.-_~:") + page
            return iri
        return to

    def value_html(self, ctx):
        link = self.link(ctx)

        def render(value) -> jinja2.utils.Markup:
            esc = jinja2.utils.markupsafe.escape
            term = value.term
            if isinstance(term, NamedNode):
                label = value.label or term.value
                return jinja2.utils.markupsafe.Markup(f'<a href="{esc(link(term.value))}">{esc(label)}</a>')
            if isinstance(term, pyoxigraph.Literal):
                lang = f' <span class="lang">@{esc(term.language)}</span>' if term.language else ""
                attrs = f' lang="{esc(term.language)}"' + (' dir="rtl"' if term.language == "ar" else "") \
                    if term.language else ""
                return jinja2.utils.markupsafe.Markup(f"<span{attrs}>{esc(term.value)}</span>{lang}")
            return esc(str(term))
        return render

    def not_found(self, ctx, path) -> Response:
        status, headers, body = self.render("error.html", ctx, "404 Not Found", title=ctx["t"]["not_found"],
                                            message=path)
        return Response(status, body, headers[0][1], headers[1:])

    def static(self, name: str):
        if name not in STATIC:  # a fixed list: nothing outside web/static is ever read
            raise Response("404 Not Found", b"no such file\n")
        return "200 OK", [("Content-Type", STATIC[name]), ("Cache-Control", "max-age=3600")], \
            (WEB / "static" / name).read_bytes()

    # -- pages --------------------------------------------------------------------
    def _collection_counts(self) -> dict[str, int]:
        if self._counts is None:  # the store is a read-only snapshot: counted once
            self._counts = self.site.collection_counts()
        return self._counts

    def home(self, ctx):
        from .workers import Busy, TimedOut

        try:
            counts = self._collection_counts()
        except (Busy, TimedOut):  # the home page answers even when counting cannot be done now
            counts = {}
        collections = [(name, ctx["t"].get(name, title), counts.get(name, "…"))
                       for name, (_, title) in COLLECTIONS.items()]
        return self.render("home.html", ctx, title="unkg", collections=collections,
                           queries=[(n, q) for n, q, _ in competency_queries()], dumps=list(DUMPS))

    def collection(self, ctx, name, params):
        if name not in COLLECTIONS:
            raise self.not_found(ctx, name)
        page = _page(params)
        if self._members is not None:
            members, size = self._members[name], self.site.page_size
            iris, total = members[(page - 1) * size:page * size], len(members)
            labels = self.site.labels(iris, ctx["langs"])
            items = [(i, labels.get(i) or _local_name(i)) for i in iris]
        else:
            items, total = self.site.collection(name, ctx["langs"], page)
        return self.render("list.html", ctx, title=ctx["t"].get(name, COLLECTIONS[name][1]), items=items,
                           page=page, pages=max(1, -(-total // self.site.page_size)), extra="", note=f"{total}")

    def names_search(self, text: str, langs: list[str]) -> list[tuple[str, str]]:
        """Names, symbols and titles containing the text, when there is no full-text index (a remote
        endpoint): from the names warm() collected, else a bounded query."""
        needle = text.strip()[:200].lower()
        if self._names is not None and needle:  # as Site.search: the first 50 IRIs whose name contains it
            iris = list(dict.fromkeys(iri for iri, name in self._names if needle in name))[:SEARCH_LIMIT]
            labels = self.site.labels(iris, langs)
            return [(i, labels.get(i) or _local_name(i)) for i in iris]
        return self.site.search(text, langs, SEARCH_LIMIT)

    def competency(self, ctx, name, params, accept):
        queries = {n: (q, text) for n, q, text in competency_queries()}
        if name not in queries:
            raise self.not_found(ctx, name)
        question, text = queries[name]
        fmt = params.get("format", [None])[0] or {"text/csv": "csv", "application/json": "json",
                                                  "application/sparql-results+json": "json"}.get(
            negotiate(accept, ["text/html", "text/csv", "application/json"]) or "", "html")
        if fmt == "csv":
            status, headers, body = self.run_sparql(text, "text/csv")
            return status, headers, body
        if fmt == "json":
            return self.run_sparql(text, "application/sparql-results+json")
        status, headers, body = self.run_sparql(text, "application/sparql-results+json")
        if not status.startswith("200"):
            return status, headers, body
        data = json.loads(body)
        columns = data["head"]["vars"]
        from .query import sort_unordered

        rows = sort_unordered(text, [[b.get(c, {}).get("value") for c in columns] for b in data["results"]["bindings"]])
        note = None
        if dict(headers).get("X-UNKG-Result-Cap"):
            note = f"truncated at the result cap of {self.limits.max_rows} rows"
        return self.render("table.html", ctx, title=name, question=question, name=name, columns=columns,
                           rows=rows, note=note)

    def resource(self, ctx, path, params, accept):
        raw = path.lstrip("/")
        suffix = None
        stem, dot, ext = raw.rpartition(".")
        if dot and (ext in SUFFIXES or ext in ("json", "csv")):
            suffix, raw = ext, stem
            if ext == "html" and raw.endswith(".data"):  # the generic data view of a subject page
                suffix, raw = "data.html", raw[: -len(".data")]
        from urllib.parse import unquote

        iri = self.base + quote(unquote(raw), safe="/.-_~:()%")
        is_graph = raw.startswith("graph/")
        offered = ["text/html"] + list(RDF_TYPES)
        if suffix is None:
            media = negotiate(accept, offered) or negotiate(accept, ["application/xhtml+xml"]) and "text/html"
            if media is None:
                raise Response("406 Not Acceptable",
                               ("acceptable: " + ", ".join(offered) + "\n").encode(), headers=[("Vary", "Accept")])
            if not is_graph:  # the IRI names a thing: 303 to the document about it
                target = ctx["root"] + raw + "." + ("html" if media == "text/html" else RDF_TYPES[media][0])
                qs = "&".join(f"{k}={quote(v[0])}" for k, v in params.items() if k in ("lang", "page"))
                return "303 See Other", [("Location", target + (f"?{qs}" if qs else "")), ("Vary", "Accept"),
                                         ("Content-Type", "text/plain; charset=utf-8")], \
                    f"See {target}\n".encode()
        elif suffix in ("data.html", "json", "csv"):
            media = "text/html"
        else:
            media = SUFFIXES[suffix]
        alternates = [{"type": m_, "href": ctx["root"] + raw + "." + s, "name": s}
                      for s, m_ in SUFFIXES.items()]
        link_header = ", ".join(f'<{a["href"]}>; rel="alternate"; type="{a["type"]}"' for a in alternates)
        headers = [("Link", link_header)] + ([("Vary", "Accept")] if suffix is None else [])
        if media == "text/html":
            if is_graph:
                return self.graph_page(ctx, iri, alternates, headers)
            if suffix != "data.html":  # a meeting, State, body... is shown as itself; the data view one click away
                from .web.pages import kind_of, subject_page

                kind = kind_of(self.site, iri)
                answer = subject_page(self, ctx | {"alternates": alternates[1:]}, kind, iri, raw, suffix or "html",
                                      params, headers) if kind else None
                if answer is not None:
                    return answer
                if suffix in ("json", "csv"):
                    raise Response("404 Not Found", f"no {suffix} view of this resource\n".encode())
            page = self.site.describe(iri, ctx["langs"], _page(params))
            if not page.exists:
                raise self.not_found(ctx, path)
            shacl = self.status(page.graphs)
            ctx["alternates"] = alternates[1:]
            return self.render("resource.html", ctx, headers=headers, title=page.label, page=page, shacl=shacl)
        if is_graph:
            triples = [q.triple for q in self.site.graph_quads(iri)]
        else:
            triples = self.site.resource_triples(iri)
        if not triples:
            raise Response("404 Not Found", b"no such resource\n")
        return "200 OK", [("Content-Type", _rdf_content_type(media))] + headers, rdf_bytes(triples, media)

    def graph_page(self, ctx, iri, alternates, headers):
        quads = self.site.graph_quads(iri)
        if not quads:
            raise self.not_found(ctx, iri)
        subjects = sorted({q.subject.value for q in quads if isinstance(q.subject, NamedNode)})[:PAGE_SIZE]
        labels = self.site.labels(subjects, ctx["langs"])
        status = self.status([iri])
        ctx["alternates"] = alternates[1:]
        return self.render("list.html", ctx, headers=headers, title=iri, items=[(s, labels.get(s, s)) for s in subjects],
                           page=1, pages=1, extra="", note=f"{len(quads)} triples · SHACL: {status.text}")

    def status(self, graphs: list[str]) -> "ShaclStatus | None":
        """SHACL status of the graphs stating a resource (violations counted once per graph)."""
        if not graphs:
            return None
        todo = [g for g in graphs if g not in self._violations][:SHACL_GRAPHS_PER_REQUEST]
        if todo and self.pages:  # validated in a worker, within the page's time; the page answers without
            from .workers import Busy, TimedOut

            try:
                self._violations.update(self.pages.call("shacl", todo))
            except (Busy, TimedOut):
                pass
        elif todo:
            from .shacl import validate_triples

            for graph in todo:
                self._violations[graph] = len(validate_triples(self.site.graph_quads(graph)))
        known = [g for g in graphs if g in self._violations]
        return ShaclStatus(sum(self._violations[g] for g in known), len(graphs) - len(known))

    def ontology(self, ctx, path, accept):
        media = "text/turtle" if path.endswith(".ttl") else "text/html" if path.endswith(".html") else \
            negotiate(accept, ["text/html", "text/turtle"])
        if media is None:
            raise Response("406 Not Acceptable", b"acceptable: text/html, text/turtle\n", headers=[("Vary", "Accept")])
        if media == "text/turtle":
            return "200 OK", [("Content-Type", "text/turtle; charset=utf-8"), ("Vary", "Accept")], \
                ontology_path().read_bytes()
        sections = ontology_sections(ctx["lang"])
        return self.render("ontology.html", ctx, headers=[("Vary", "Accept")], title="unkg ontology",
                           namespace=ONTOLOGY, comment=sections[0], sections=sections[1])

    def dataset(self, ctx, path, accept):
        if path == "/.well-known/void":
            return "303 See Other", [("Location", ctx["root"] + "dataset"), ("Content-Type", "text/plain")], b""
        media = "text/turtle" if path.endswith(".ttl") else negotiate(accept, list(RDF_TYPES) + ["text/html"])
        if media == "text/html" or path.endswith(".html"):
            media = "text/turtle"  # the description is short: shown as Turtle in the browser too
        if media is None:
            raise Response("406 Not Acceptable", b"acceptable: " + ", ".join(RDF_TYPES).encode() + b"\n")
        return "200 OK", [("Content-Type", _rdf_content_type(media)), ("Vary", "Accept")], \
            rdf_bytes(self.dataset_description(ctx["root"]), media)

    def dataset_description(self, root: str):
        from .describe import dataset_description

        if self._statistics is None:  # counted once: the store is a read-only snapshot
            self._statistics = self.site.statistics()
        return dataset_description(self.site, self.base, root, list(DUMPS),
                                   root + "sparql" if self.live else self.sparql_url, self._statistics)

    def dump(self, name: str):
        if name not in DUMPS:
            raise Response("404 Not Found", b"no such dump\n")
        if name not in self._dumps:
            if self.pages is None:  # `unkg publish`: written here and now
                self._write_dump(name)
            else:
                self._start_dump(name)
                raise Response("503 Service Unavailable", b"the dump is being written: try again shortly\n",
                               headers=[("Retry-After", "30")])
        return "200 OK", [("Content-Type", DUMPS[name]), ("Content-Disposition", f'attachment; filename="{name}"')], \
            self._dumps[name]

    def _write_dump(self, name: str) -> None:
        """Write a dump once into a private folder; with a store, in a process of its own, bounded in time."""
        with self._dump_lock:
            if self._dump_folder is None:
                self._dump_folder = Path(tempfile.mkdtemp(prefix="unkg-dumps-"))
        target = self._dump_folder / name
        if self.store_path and self.pages is not None:
            from .workers import WorkerPool

            writer = WorkerPool(self.store_path, 1, 0, "dump writer")
            try:
                answer = writer.call("dump", name, str(target), timeout=self.limits.dump_timeout)
            finally:
                writer.close()
            if answer[0] != "ok":
                raise RuntimeError(f"{name}: {answer[1]}")
        else:
            write_dump(self.site.backend.dataset_quads(), name, target)
        self._dumps[name] = target

    def _start_dump(self, name: str) -> None:
        with self._dump_lock:
            if name in self._dumping:
                return
            self._dumping.add(name)

        def run():
            try:
                self._write_dump(name)
            except Exception:  # a later request tries again
                pass
            finally:
                with self._dump_lock:
                    self._dumping.discard(name)
        threading.Thread(target=run, daemon=True).start()

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
            from .describe import service_description

            media = negotiate(accept, list(RDF_TYPES)) or "text/turtle"
            return "200 OK", [("Content-Type", _rdf_content_type(media))], \
                rdf_bytes(service_description(ctx["root"], self.limits), media)
        if len(query.encode("utf-8")) > self.limits.max_query_bytes:
            raise Response("413 Content Too Large",
                           f"the query is longer than {self.limits.max_query_bytes} bytes\n".encode())
        return self.run_sparql(query, accept, environ.get("waitress.client_disconnected"))

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
        from .workers import TimedOut

        if self.queries is None:
            return self.remote_sparql(query, accept)
        try:
            answer = self.queries.call("sparql", query, accept, self.limits.max_rows, timeout=self.limits.timeout,
                                       disconnected=disconnected)
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


def _page(params) -> int:
    try:
        return max(1, min(10_000, int(params.get("page", ["1"])[0])))
    except ValueError:
        return 1


@lru_cache(maxsize=1)
def competency_queries() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = next((l[1:].strip() for l in text.splitlines() if l.startswith("#")), "")
        out.append((path.stem, first, text))
    return out


@lru_cache(maxsize=8)
def ontology_sections(lang: str):
    import rdflib

    g = rdflib.Graph().parse(ontology_path(), format="turtle")
    RDFS, OWL = rdflib.RDFS, rdflib.OWL

    def text(node, prop):
        values = {l.language: str(l) for l in g.objects(node, prop) if isinstance(l, rdflib.Literal)}
        return values.get(lang) or values.get("en") or next(iter(values.values()), "")

    sections = []
    for title, kind in (("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
                        ("Datatype properties", OWL.DatatypeProperty)):
        entries = []
        for node in sorted(g.subjects(rdflib.RDF.type, kind)):
            if not str(node).startswith(ONTOLOGY):
                continue
            parents = [g.namespace_manager.normalizeUri(p) for p in
                       list(g.objects(node, RDFS.subClassOf)) + list(g.objects(node, RDFS.subPropertyOf))]
            entries.append({"name": str(node)[len(ONTOLOGY):], "label": text(node, RDFS.label),
                            "comment": text(node, RDFS.comment), "parents": parents})
        sections.append((title, entries))
    return text(rdflib.URIRef("https://w3id.org/unkg/ontology"), RDFS.comment), sections


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


def prepare_store(data: list[str], base: str, folder: Path) -> Path:
    """An on-disk store built from files (RDF or report texts), for serving --data."""
    from .store import LocalStore, loadables_from

    store = LocalStore(folder)
    store.ensure_ontology()
    for path in data:
        for item in loadables_from(path, base):
            store.load(item)
    store.close()
    return folder


def make_app(data: list[str] | None = None, store_dir: str | None = None, endpoint: str | None = None,
             base: str = DEFAULT_BASE, limits: Limits | None = None, workdir: Path | None = None,
             pooled: bool = True) -> App:
    """The application on files (--data), a store or a remote endpoint.  `pooled=False` looks up pages
    in this process (for `unkg publish`, where no request must be protected from another)."""
    from .site import EndpointBackend, StoreBackend
    from .store import default_store_dir

    limits = limits or Limits()
    if endpoint:
        from .endpoint import Endpoint

        remote = Endpoint.configure(endpoint, timeout=limits.timeout, retries=0)
        return App(Site(EndpointBackend(remote), base), None, limits, endpoint=remote)
    if data:
        folder = Path(workdir or tempfile.mkdtemp(prefix="unkg-serve-")) / "store"
        path = prepare_store(data, base, folder)
    else:
        path = Path(store_dir) if store_dir else default_store_dir()
        if not path.exists():
            from .errors import UnkgError

            raise UnkgError(f"{path}: no store here; load reports with `unkg load` or serve files with --data")
    index = open_search_index(path)
    if not pooled:
        return App(Site(StoreBackend.open(path), base), path, limits, search_index=index)
    from .workers import PoolBackend, WorkerPool

    pages = PoolBackend(WorkerPool(path, limits.page_workers, limits.page_queue, "page workers"), limits.page_timeout)
    return App(Site(pages, base), path, limits, pages=pages, search_index=index)


def open_search_index(store_path: Path):
    """The store's full-text index, read-only (built from the store first if it was loaded without one)."""
    from .search import SearchIndex, index_path

    if not index_path(store_path).exists():
        SearchIndex.beside(store_path).close()
    return SearchIndex(index_path(store_path), read_only=True)
