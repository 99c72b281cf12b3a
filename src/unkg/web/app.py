"""Stage `web`: the WSGI application: routing, languages, templates; its parts are mixins, one module each."""
from __future__ import annotations

import json
import threading
from pathlib import Path
from urllib.parse import parse_qs, quote

import jinja2
import pyoxigraph
from pyoxigraph import NamedNode

from unkg.graph.terms import ONTOLOGY
from unkg.resources import data_path
from unkg.web.site import COLLECTIONS, LABEL_PROPERTIES, Site, paragraph_anchor, parse_accept_language
from unkg.web.endpoint import SparqlEndpoint, answers_version
from unkg.web.home import SitePages
from unkg.web.linked_data import LinkedData
from unkg.web.pool import PoolBackend
from unkg.web.protocol import CACHE_CONTROL, LANGS, MAX_FIELDS, Limits, Response, etag, not_modified


WEB = Path(__file__).parent  # templates/ and static/


STATIC = {"style.css": "text/css; charset=utf-8", "query.js": "text/javascript; charset=utf-8"}


WARM_SECONDS = 600  # time limit of the background queries over every graph (App.warm)


class App(LinkedData, SparqlEndpoint, SitePages):
    """The site and the endpoint.  With a store, SPARQL queries run in one pool of worker processes and the
pages' lookups in another (`pages`), so that slow queries never hold the pages; every lookup is bounded
by the time limit.  `pages=None` runs the pages' lookups in this process (`unkg publish`)."""

    def __init__(self, site: Site, store_path: Path | None, limits: Limits | None = None,
                 endpoint=None, pages: "PoolBackend | None" = None, search_index=None):
        from unkg.web.pool import ShortLane, WorkerPool

        self.site, self.limits = site, limits or Limits()
        self.search_index = search_index  # full-text index beside the store (None: names through SPARQL)
        self.live = True  # False while publishing static files: no forms that need the server
        self.sparql_url: str | None = None  # where a static site's SPARQL endpoint is, if it has one
        self.base = site.base
        self.store_path = store_path
        self.version = answers_version(store_path) if store_path else None  # entity tags of answers (304)
        short = ShortLane(self.limits.short_workers, self.limits.short_queue, self.limits.short_seconds) \
            if self.limits.short_workers else None
        self.queries = WorkerPool(store_path, self.limits.workers, self.limits.queue, "query workers",
                                  self.limits.worker_memory_mb, short, self.limits.long_nice) if store_path else None
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
        from unkg.web.protocol import Busy, Gone, TimedOut

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
        head = environ.get("REQUEST_METHOD") == "HEAD"  # the headers GET would send, with its length, no body
        if isinstance(body, Path):  # a file (a dump): streamed, not read into memory
            headers.append(("Content-Length", str(body.stat().st_size)))
            start_response(status, headers)
            if head:
                return []
            handle = open(body, "rb")
            wrapper = environ.get("wsgi.file_wrapper")
            return wrapper(handle, 1 << 16) if wrapper else iter(lambda: handle.read(1 << 16), b"")
        headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [] if head else [body]

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
            from unkg.web.pages import search_page

            return search_page(self, ctx, params, path.endswith(".json"))
        if path.startswith("/queries/"):
            return self.cached(environ, lambda: self.competency(ctx, path[len("/queries/"):], params, accept))
        if path.startswith(("/id/", "/graph/")):
            return self.resource(ctx, path, params, accept)
        raise self.not_found(ctx, path)

    def cached(self, environ, answer):
        """A competency query's page, with an entity tag per version of the store: a client that has it gets 304
        without the query being run again."""
        if not self.version:
            return answer()
        tag = etag(self.version, environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""),
                   environ.get("HTTP_ACCEPT", ""), environ.get("HTTP_ACCEPT_LANGUAGE", ""))
        if not_modified(environ, tag):
            return "304 Not Modified", [("ETag", tag), ("Cache-Control", CACHE_CONTROL),
                                        ("Vary", "Accept, Accept-Language")], b""
        status, headers, body = answer()
        if status.startswith("200"):
            headers = headers + [("ETag", tag), ("Cache-Control", CACHE_CONTROL), ("Vary", "Accept, Accept-Language")]
        return status, headers, body

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
            paragraph = paragraph_anchor(iri, self.base)
            if paragraph:  # provenance lands on the paragraph, in its report's reading view
                return to(paragraph[0]) + "#" + paragraph[1]
            if iri.startswith(self.base):
                return root + quote(iri[len(self.base):], safe="/.-_~:%") + page  # an IRI's escapes kept
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
