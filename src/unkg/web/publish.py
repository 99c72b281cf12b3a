"""Stage `web`: `unkg publish --static DIR`: the published site as files, for any web host.

Every resource the data name gets `{path}.html`, `.ttl`, `.jsonld`, `.nt` and `.rdf`
(a static page lists all inbound links: there is no server to page them; a document
only pointed to, such as the original of a cited revision, gets its page too), and a
subject page (meeting, State, organization, body, draft, report, decision, document)
also its generic view `.data.html`, its `.json` twin and its CSV table where it has
one; files are named by their decoded path, as a static host looks them up; the home page,
collections, competency query results (HTML, CSV, JSON), the dataset
description, the ontology, the dumps and the assets are written too, with
redirect rules for Apache (.htaccess: content negotiation and 303), Netlify
(_redirects) and nginx (nginx.conf.example).  The folder is built beside the
target and renamed into place, so a failed run leaves the previous site.
Pages link only to files written here: local links name their `.html` file,
the dataset description is linked as `dataset.ttl`, and SPARQL links appear
only when the site is told where its endpoint is (`sparql_url`).
"""
from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path
from urllib.parse import unquote

from unkg.web.app import App
from unkg.web.endpoint import competency_queries
from unkg.web.answers import DUMPS
from unkg.web.site import COLLECTIONS, graph_names, local_resources

FORMATS = ("html", "ttl", "jsonld", "nt", "rdf")
EXTRAS = {"meeting": ("data.html", "json"), "state": ("data.html", "json", "csv"),
          "body": ("data.html", "json", "csv"), "draft": ("data.html", "json"), "report": ("data.html", "json"),
          "decision": ("data.html", "json"), "document": ("data.html", "json")}


def _get(app: App, path: str, query: str = "", lang: str | None = None) -> tuple[str, bytes]:
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "wsgi.input": io.BytesIO(),
               "SCRIPT_NAME": ""}
    if lang:
        environ["HTTP_ACCEPT_LANGUAGE"] = lang
    seen = {}

    def start(status, headers):
        seen["status"] = status

    body = b"".join(app(environ, start))
    return seen["status"], body


def file_name(rel: str) -> str:
    """A page's file is named by its decoded path, as a static host looks it up: the link
    /id/resolution/S/2334%20%282016%29.html is the file `id/resolution/S/2334 (2016).html`. A path that would
    decode to a parent folder keeps its escapes."""
    decoded = unquote(rel)
    parts = decoded.split("/")
    return rel if ".." in parts or "." in parts or "\x00" in decoded else decoded


def publish_static(app: App, target: Path, lang: str = "en", sparql_url: str | None = None) -> dict[str, int]:
    from unkg.web.pages import kind_of

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    counts = {"pages": 0, "files": 0}

    def write(rel: str, data: bytes) -> None:
        path = work / file_name(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        counts["files"] += 1

    def fetch(path: str, rel: str, query: str = "") -> None:
        status, body = _get(app, path, query, lang)
        if not status.startswith("200"):
            raise RuntimeError(f"{path}: {status}")
        write(rel, body)

    try:
        app.site.page_size = 1_000_000  # a static page holds every inbound link
        app.live, app.sparql_url = False, sparql_url
        fetch("/", "index.html")
        for name in ("style.css", "query.js"):
            fetch(f"/static/{name}", f"static/{name}")
        for name in COLLECTIONS:
            fetch(f"/collections/{name}", f"collections/{name}.html")
        for name, _, _ in competency_queries():
            fetch(f"/queries/{name}", f"queries/{name}.html")
            fetch(f"/queries/{name}", f"queries/{name}.csv", "format=csv")
            fetch(f"/queries/{name}", f"queries/{name}.json", "format=json")
        fetch("/ontology.html", "ontology.html")
        fetch("/ontology.ttl", "ontology.ttl")
        fetch("/dataset.ttl", "dataset.ttl")
        for name in DUMPS:
            fetch(f"/dumps/{name}", f"dumps/{name}")
        base = app.site.base
        for iri in local_resources(app.site) + graph_names(app.site):
            rel = iri[len(base):]
            for fmt in FORMATS + (EXTRAS.get(kind_of(app.site, iri), ()) if rel.startswith("id/") else ()):
                fetch(f"/{rel}.{fmt}", f"{rel}.{fmt}")
            counts["pages"] += 1
        write(".htaccess", HTACCESS.encode())
        write("_redirects", (NETLIFY + (f"/sparql    {sparql_url}    302\n" if sparql_url else "")).encode())
        write("nginx.conf.example", NGINX.encode())
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            work.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return counts


HTACCESS = """# Apache: things (/id/...) answer 303 See Other to the document in the format asked for.
Options -MultiViews
AddType text/turtle .ttl
AddType application/ld+json .jsonld
AddType application/n-triples .nt
AddType application/rdf+xml .rdf
AddCharset utf-8 .html .ttl .nt .jsonld
Header set Access-Control-Allow-Origin "*"
Header append Vary Accept
RewriteEngine On
RewriteCond %{REQUEST_FILENAME} !-f
RewriteCond %{HTTP_ACCEPT} text/turtle
RewriteRule ^((id|graph)/.+)$ $1.ttl [R=303,L]
RewriteCond %{REQUEST_FILENAME} !-f
RewriteCond %{HTTP_ACCEPT} application/ld\\+json
RewriteRule ^((id|graph)/.+)$ $1.jsonld [R=303,L]
RewriteCond %{REQUEST_FILENAME} !-f
RewriteCond %{HTTP_ACCEPT} application/n-triples
RewriteRule ^((id|graph)/.+)$ $1.nt [R=303,L]
RewriteCond %{REQUEST_FILENAME} !-f
RewriteCond %{HTTP_ACCEPT} application/rdf\\+xml
RewriteRule ^((id|graph)/.+)$ $1.rdf [R=303,L]
RewriteCond %{REQUEST_FILENAME} !-f
RewriteRule ^((id|graph)/.+)$ $1.html [R=303,L]
RewriteRule ^ontology$ ontology.html [L]
"""

NETLIFY = """# Netlify: extensionless IRIs show their HTML page (Netlify cannot negotiate on Accept; use .ttl/.jsonld/.nt)
/id/*      /id/:splat.html      200
/graph/*   /graph/:splat.html   200
/ontology  /ontology.html       200
"""

NGINX = """# nginx: content negotiation for things under /id/ (include in a server block whose root is this folder)
map $http_accept $unkg_ext {
    default                 html;
    ~text/turtle            ttl;
    ~application/ld\\+json   jsonld;
    ~application/n-triples  nt;
    ~application/rdf\\+xml   rdf;
}
location ~ ^/(id|graph)/ {
    add_header Access-Control-Allow-Origin "*";
    add_header Vary Accept;
    if (!-f $request_filename) { return 303 $uri.$unkg_ext; }
    types { text/html html; text/turtle ttl; application/ld+json jsonld; application/n-triples nt;
            application/rdf+xml rdf; application/json json; text/csv csv; }
}
location = /ontology { try_files /ontology.html =404; }
"""
