"""HTTP tests against a running `unkg serve`: negotiation, redirects, pages, SPARQL, limits, safety."""
from __future__ import annotations

import gzip
import subprocess
import sys
import time

import pyoxigraph
import pytest
import requests

from ..conftest import EXAMPLES, ROOT
from ..servers import free_port

VERSIONS = [EXAMPLES / "example-report.ru.txt"] + sorted((ROOT / "tests" / "data" / "example").glob("*.txt"))


def _hostile_report(folder):
    """A constructed report whose title carries markup: pages must show it as text."""
    text = (EXAMPLES / "example-report.ru.txt").read_text(encoding="utf-8")
    text = text.replace("Проект доклада о работе двенадцатого совещания",
                        "Проект доклада <script>alert('x')</script> о работе двенадцатого совещания")
    text = text.replace("CTOC/COP/WG.2/2030/L.1", "CTOC/COP/WG.7/2031/L.1")
    path = folder / "hostile.ru.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _many_reports(folder, n=60):
    sys.path.insert(0, str(ROOT / "bench"))
    from make_corpus import make_corpus

    return make_corpus(n, folder / "many", EXAMPLES / "example-report.ru.txt")


class Server:
    def __init__(self, args, folder):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(folder / f"serve-{self.port}.log", "wb")
        self.process = subprocess.Popen([sys.executable, "-m", "unkg.cli", "serve", "--port", str(self.port), *args],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((folder / f"serve-{self.port}.log").read_text())
            try:
                requests.get(self.url + "/static/style.css", timeout=2)
                return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise RuntimeError("unkg serve did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(20)
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    files = [str(p) for p in VERSIONS] + [str(_hostile_report(folder))] + [str(p) for p in _many_reports(folder)]
    args = [a for f in files for a in ("--data", f)] + ["--max-rows", "20", "--timeout", "2"]
    srv = Server(args, folder)
    yield srv
    srv.stop()


def get(server, path, accept=None, **kw):
    headers = kw.pop("headers", {})
    if accept:
        headers["Accept"] = accept
    return requests.get(server.url + path, headers=headers, allow_redirects=False, timeout=60, **kw)


@pytest.mark.parametrize("accept,suffix,content_type", [
    ("text/turtle", "ttl", "text/turtle"),
    ("application/ld+json", "jsonld", "application/ld+json"),
    ("application/n-triples", "nt", "application/n-triples"),
    ("application/rdf+xml", "rdf", "application/rdf+xml"),
    ("text/html,application/xhtml+xml;q=0.9", "html", "text/html"),
    (None, "html", "text/html"),
])
def test_things_answer_303_to_the_negotiated_document(server, accept, suffix, content_type):
    r = get(server, "/id/state/MEX", accept)
    assert r.status_code == 303 and r.headers["Location"] == f"/id/state/MEX.{suffix}"
    assert "Accept" in r.headers["Vary"]
    doc = get(server, r.headers["Location"])
    assert doc.status_code == 200 and doc.headers["Content-Type"].startswith(content_type)
    assert 'rel="alternate"' in doc.headers["Link"]
    if suffix in ("ttl", "nt", "rdf", "jsonld"):
        fmt = {"ttl": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
               "rdf": pyoxigraph.RdfFormat.RDF_XML, "jsonld": pyoxigraph.RdfFormat.JSON_LD}[suffix]
        triples = list(pyoxigraph.parse(doc.content, format=fmt))
        assert any(t.object.value == "http://metadata.un.org/UNMS/484" for t in triples)


def test_unacceptable_formats_get_406(server):
    assert get(server, "/id/state/MEX", "image/png").status_code == 406


def test_graph_iris_are_documents_served_directly(server):
    r = get(server, "/graph/CTOC/COP/WG.2/2030/L.1/ru", "text/turtle")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    assert len(list(pyoxigraph.parse(r.content, format=pyoxigraph.RdfFormat.TURTLE))) > 300


def test_pages_show_labels_in_the_readers_language(server):
    ru = get(server, "/id/state/MEX.html", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}).text
    en = get(server, "/id/state/MEX.html", headers={"Accept-Language": "en"}).text
    assert '<h1 class="label">Мексика</h1>' in ru and '<h1 class="label">Mexico</h1>' in en
    ar = get(server, "/id/state/MEX.html", params={"lang": "ar"}).text
    assert 'dir="rtl"' in ar and "المكسيك" in ar
    fallback = get(server, "/id/state/MEX.html", headers={"Accept-Language": "de"}).text
    assert '<h1 class="label">Mexico</h1>' in fallback


def test_inbound_links_are_counted_and_paged(server):
    """The generic data view (one click from the State's page) lists every link pointing at it, in pages."""
    assert '/id/state/MEX.data.html"' in get(server, "/id/state/MEX.html").text
    first = get(server, "/id/state/MEX.data.html").text
    assert 'rel="next"' in first and "1 / 2" in first
    second = get(server, "/id/state/MEX.data.html", params={"page": "2"}).text
    assert "2 / 2" in second and 'rel="prev"' in second


def test_facts_show_their_provenance_and_shacl_status(server):
    page = get(server, "/id/meeting/CTOC/COP/WG.2/12/participation/MEX/party.html").text
    assert "CTOC/COP/WG.2/2030/L.1" in page and "https://undocs.org/ru/CTOC/COP/WG.2/2030/L.1" in page
    assert "[zh]" in page and "SHACL: conforms" in page


def test_markup_in_the_data_is_escaped(server):
    page = get(server, "/id/doc/CTOC/COP/WG.7/2031/L.1.html").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    found = get(server, "/search", params={"q": "<script>"}).text
    assert "<script>alert" not in found
    reflected = get(server, "/search", params={"q": '"><img src=x onerror=alert(1)>'}).text
    assert "<img src=x" not in reflected


@pytest.mark.parametrize("path", ["/static/../../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
                                  "/id/../../etc/passwd", "/static/serve.py", "/..%2f..%2fetc/passwd"])
def test_paths_cannot_leave_the_served_data(server, path):
    r = requests.get(server.url + path, timeout=30)
    assert r.status_code == 404 and "root:" not in r.text


def test_home_page_has_collections_search_and_questions(server):
    home = get(server, "/").text
    assert "/collections/meetings" in home and 'name="q"' in home and "/queries/participants" in home
    csv = get(server, "/queries/meeting", params={"format": "csv"}).text.splitlines()
    assert csv[0] == "symbol,meeting_number,start_date,end_date,sittings"
    hits = get(server, "/search", params={"q": "Мекс"}).text
    assert "/id/state/MEX" in hits


QUERY = "SELECT ?s WHERE { GRAPH ?g { ?s a <https://w3id.org/unkg/ontology#State> } } ORDER BY ?s LIMIT 3"


@pytest.mark.parametrize("accept,check", [
    ("application/sparql-results+json", lambda r: len(r.json()["results"]["bindings"]) == 3),
    ("text/csv", lambda r: r.text.splitlines()[0] == "s" and len(r.text.splitlines()) == 4),
    ("text/tab-separated-values", lambda r: r.text.splitlines()[0] == "?s"),
    ("application/sparql-results+xml", lambda r: "<sparql" in r.text and r.text.count("<result>") == 3),
])
def test_sparql_protocol_formats(server, accept, check):
    r = get(server, "/sparql", accept, params={"query": QUERY})
    assert r.status_code == 200 and check(r)
    assert r.headers["Access-Control-Allow-Origin"] == "*"


def test_sparql_post_and_construct(server):
    form = requests.post(server.url + "/sparql", data={"query": QUERY}, timeout=30,
                         headers={"Accept": "application/sparql-results+json"})
    direct = requests.post(server.url + "/sparql", data=QUERY.encode(), timeout=30,
                           headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert form.status_code == 200 and direct.status_code == 200
    construct = get(server, "/sparql", "text/turtle", params={
        "query": "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5"})
    assert construct.headers["Content-Type"].startswith("text/turtle")
    assert len(list(pyoxigraph.parse(construct.content, format=pyoxigraph.RdfFormat.TURTLE))) == 5
    options = requests.options(server.url + "/sparql", timeout=30)
    assert options.status_code == 204 and options.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("kind", ["form", "body", "get"])
def test_sparql_is_read_only(server, kind):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    if kind == "form":
        r = requests.post(server.url + "/sparql", data={"update": update}, timeout=30)
    elif kind == "body":
        r = requests.post(server.url + "/sparql", data=update, timeout=30,
                          headers={"Content-Type": "application/sparql-update"})
    else:
        r = get(server, "/sparql", params={"query": update})
    assert r.status_code == 403 and "read-only" in r.text
    count = get(server, "/sparql", "text/csv", params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"})
    assert count.text.strip() == "false"


def test_result_cap_is_stated(server):
    r = get(server, "/sparql", "application/sparql-results+json",
            params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == 20
    assert r.headers["X-UNKG-Result-Cap"] == "20" and "truncated" in r.headers["Warning"]


def test_time_limit_is_stated_and_the_server_goes_on(server):
    heavy = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?a { ?s1 ?p1 ?o1 } GRAPH ?b { ?s2 ?p2 ?o2 } "
             "GRAPH ?c { ?s3 ?p3 ?o3 } }")
    started = time.monotonic()
    r = get(server, "/sparql", params={"query": heavy})
    assert r.status_code == 503 and "time limit" in r.text and time.monotonic() - started < 30
    assert get(server, "/sparql", "text/csv", params={"query": QUERY}).status_code == 200


def test_a_client_that_has_an_answer_gets_304_over_http(server):
    first = get(server, "/sparql", "text/csv", params={"query": QUERY})
    again = get(server, "/sparql", "text/csv", params={"query": QUERY}, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b"" and again.headers["ETag"] == first.headers["ETag"]
    assert "Content-Length" not in again.headers or again.headers["Content-Length"] == str(len(first.content))


def test_bad_queries_are_400(server):
    r = get(server, "/sparql", params={"query": "SELEKT nothing"})
    assert r.status_code == 400 and "syntax" in r.text.lower()


def test_dataset_description_and_dumps(server):
    r = get(server, "/dataset", "text/turtle")
    triples = list(pyoxigraph.parse(r.content, format=pyoxigraph.RdfFormat.TURTLE))
    predicates = {t.predicate.value for t in triples}
    assert {"http://rdfs.org/ns/void#triples", "http://rdfs.org/ns/void#sparqlEndpoint",
            "http://www.w3.org/ns/dcat#distribution", "http://purl.org/dc/terms/license"} <= predicates
    assert get(server, "/.well-known/void").status_code == 303
    dump = get(server, "/dumps/unkg.nq.gz")
    deadline = time.monotonic() + 120
    while dump.status_code == 503 and time.monotonic() < deadline:  # written once, in the background
        assert dump.headers["Retry-After"]
        time.sleep(0.5)
        dump = get(server, "/dumps/unkg.nq.gz")
    assert dump.status_code == 200
    quads = list(pyoxigraph.parse(gzip.decompress(dump.content), format=pyoxigraph.RdfFormat.N_QUADS))
    assert len(quads) > 10_000
    description = get(server, "/sparql", "text/turtle")
    assert "sparql-service-description" in description.text


def test_ontology_is_published(server):
    html = get(server, "/ontology", "text/html").text
    assert "unkg:Meeting" in html and "unkg:Recommendation" in html
    ttl = get(server, "/ontology", "text/turtle")
    assert ttl.headers["Content-Type"].startswith("text/turtle") and b"owl:Ontology" in ttl.content


def test_every_term_of_the_ontology_page_is_explained():
    """The ontology page shows each class and property with its comment (regression: unkg:OutcomeKind,
    unkg:outcomeKind and unkg:partNumber had labels only)."""
    from unkg.web.linked_data import ontology_sections

    for lang in ("en", "ru"):
        unexplained = [e["name"] for _, entries in ontology_sections(lang)[1] for e in entries if not e["comment"]]
        assert unexplained == [], lang


def test_things_without_a_name_are_named_after_what_they_are_about(server):
    meeting = get(server, "/id/meeting/CTOC/COP/WG.2/12.html", headers={"Accept-Language": "en"}).text
    assert '<h1 class="label">Working Group on Technical Assistance — 12</h1>' in meeting
    participation = get(server, "/id/meeting/CTOC/COP/WG.2/12/participation/MEX/party.html",
                        headers={"Accept-Language": "ru"}).text
    assert '<h1 class="label">Мексика (party)</h1>' in participation


def test_collections_and_search_from_the_warm_caches_match_the_sites_own_queries(tmp_path):
    """With a store, collections and search use lists computed once in the background (App.warm); they
    must show what the pages' own queries (used until then, and by `unkg publish`) show."""
    import io

    from unkg.web.serve import make_app

    warm = make_app([str(p) for p in VERSIONS], workdir=tmp_path)
    direct = make_app(store_dir=str(tmp_path / "store"), pooled=False)
    try:
        warm.warm()
        deadline = time.monotonic() + 120
        while warm._names is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert warm._names and warm._members

        def body(app, path, query=""):
            seen = {}
            out = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
                                "wsgi.input": io.BytesIO(), "HTTP_ACCEPT_LANGUAGE": "en"},
                               lambda status, headers: seen.update(status=status)))
            assert seen["status"].startswith("200")
            return out

        for path, query in [("/collections/states", ""), ("/collections/states", "page=2"),
                            ("/collections/documents", ""), ("/search", "q=mex"), ("/search", "q=%D0%9C%D0%B5%D0%BA"),
                            ("/search", "q=WG.2"), ("/search", "q=republic")]:
            assert body(warm, path, query) == body(direct, path, query), (path, query)
    finally:
        warm.close()
        direct.close()


def test_provenance_of_a_pdf_fact_gives_paragraph_and_page_linked_to_the_official_pdf(tmp_path):
    from click.testing import CliRunner

    from unkg.cli import cli

    pdfmaker = pytest.importorskip("tests.pdfmaker", reason="fpdf2 (test extra) is not installed")
    if not pdfmaker.fonts_available():
        pytest.skip("DejaVu fonts (fonts-dejavu-core) are not installed: cannot build the test PDF")
    text = (ROOT / "tests" / "data" / "example" / "example-report.en.txt").read_text(encoding="utf-8")
    pdf = pdfmaker.build(text, tmp_path / "report.pdf", "CTOC/COP/WG.2/2030/L.1", lines_per_page=22)
    site = tmp_path / "site"
    result = CliRunner().invoke(cli, ["publish", "--static", str(site), "--data", str(pdf)])
    assert result.exit_code == 0, result.output
    # paragraph 9 (the attendance list) starts on page 2 of the PDF
    page = (site / "id/meeting/CTOC/COP/WG.2/12/participation/TTO/party.html").read_text(encoding="utf-8")
    assert ('<a class="paragraph" href="/id/doc/CTOC/COP/WG.2/2030/L.1/en.html#para-9"><strong>CTOC/COP/WG.2/2030/L.1'
            '</strong> [en], para. 9</a>, <a href="https://undocs.org/en/CTOC/COP/WG.2/2030/L.1#page=2">p. 2</a>') in page
    report = (site / "id/doc/CTOC/COP/WG.2/2030/L.1/en.html").read_text(encoding="utf-8")  # the reading view
    assert '<div class="where"><a href="#para-9">9</a> <span class="page">p. 2</span></div>' in report
