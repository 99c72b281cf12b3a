"""Loading into and querying real SPARQL servers by the W3C protocols: Oxigraph and Virtuoso."""
from __future__ import annotations

import http.server
import threading

import pyoxigraph
import pytest
from click.testing import CliRunner

from unkg.cli import cli
from unkg.store.remote import Endpoint, EndpointError
from unkg.store.embedded import loadables_from

from ..conftest import EXAMPLES, ROOT
from ..servers import Oxigraph, Virtuoso, free_port

EXAMPLE = str(EXAMPLES / "example-report.ru.txt")
VERSIONS = [EXAMPLE] + [str(p) for p in sorted((ROOT / "tests" / "data" / "example").glob("*.txt"))]
GRAPH_RU = "https://w3id.org/unkg/graph/CTOC/COP/WG.2/2030/L.1/ru"
SERVERS = {"oxigraph": Oxigraph, "virtuoso": Virtuoso}


@pytest.fixture(params=sorted(SERVERS))
def server(request, tmp_path, monkeypatch):
    srv = SERVERS[request.param](tmp_path / request.param).start()
    if srv.user:
        monkeypatch.setenv("UNKG_ENDPOINT_USER", srv.user)
        monkeypatch.setenv("UNKG_ENDPOINT_PASSWORD", srv.password)
    yield srv
    srv.stop()


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_load_reload_and_query(server):
    assert run("load", EXAMPLE, "--endpoint", server.query_url, "-q").exit_code == 0
    endpoint = Endpoint.configure(server.query_url)
    first = endpoint.count(GRAPH_RU)
    assert run("load", EXAMPLE, "--endpoint", server.query_url, "-q").exit_code == 0
    assert endpoint.count(GRAPH_RU) == first > 300  # replaced, not added
    result = run("query", "meeting", "--endpoint", server.query_url, "--format", "csv")
    assert result.output.splitlines() == ["symbol,meeting_number,start_date,end_date,sittings",
                                          "CTOC/COP/WG.2/2030/L.1,12,2030-03-03,2030-03-04,3"]


def test_six_language_versions_and_complete_results(server):
    assert run("load", *VERSIONS, "--endpoint", server.query_url, "-q").exit_code == 0
    rows = Endpoint.configure(server.query_url).select(
        (ROOT / "queries" / "participants.rq").read_text()).rows
    # 12 participants in each of 6 versions: 72 rows, more than Virtuoso's cap of 50 in the test instance.
    assert len(rows) == 72
    from collections import Counter

    assert set(Counter(r[1] for r in rows).values()) == {6}  # every participant in every language


def _big_graph(n: int):
    return [pyoxigraph.Triple(pyoxigraph.NamedNode(f"http://example.org/s{i}"),
                              pyoxigraph.NamedNode("http://example.org/p"), pyoxigraph.Literal(f"value {i}" * 5))
            for i in range(n)]


def test_killed_mid_load_keeps_the_previous_graph(server):
    endpoint = Endpoint.configure(server.query_url, retries=0, timeout=30)
    item = next(l for l in loadables_from(EXAMPLE, "https://w3id.org/unkg/") if l.graph == GRAPH_RU)
    endpoint.load(item.graph, item.triples, "example")
    before = endpoint.count(GRAPH_RU)
    timer = threading.Timer(0.3, server.kill)
    timer.start()
    with pytest.raises(EndpointError) as info:
        endpoint.load(GRAPH_RU, _big_graph(400_000), "a big report")
    timer.cancel()
    assert server.query_url.split("/")[2] in str(info.value) and "a big report" in str(info.value)
    server.start()
    assert endpoint.count(GRAPH_RU) == before
    # The next load clears what the interrupted one left in temporary graphs.
    endpoint.cleanup()
    graphs = [r[0] for r in endpoint.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows]
    assert not [g for g in graphs if "-unkg-loading-" in g]


def test_refused_connection_is_a_clear_error():
    url = f"http://127.0.0.1:{free_port()}/query"
    result = CliRunner().invoke(cli, ["query", "meeting", "--endpoint", url])
    assert result.exit_code == 2 and url in result.stderr and "is the server running" in result.stderr
    result = CliRunner().invoke(cli, ["load", EXAMPLE, "--endpoint", url, "-q"])
    assert result.exit_code == 2 and "is the server running" in result.stderr


def test_a_web_page_is_not_an_endpoint(tmp_path):
    (tmp_path / "index.html").write_text("<html><body>Welcome</body></html>")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(tmp_path), **k)

        def do_POST(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>a page</html>")

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_port}/"
        with pytest.raises(EndpointError, match="HTML page"):
            Endpoint.configure(url + "sparql", server="generic").select("SELECT * WHERE { ?s ?p ?o }")
        with pytest.raises(EndpointError, match="HTTP 501"):
            Endpoint.configure(url + "nothing/query", retries=0).put_graph("http://example.org/g", b"", "a test")
    finally:
        httpd.shutdown()


def test_credentials_are_never_printed(server):
    if not server.password:
        pytest.skip("this server needs no credentials")
    result = run("load", EXAMPLE, "--endpoint", server.query_url)
    assert result.exit_code == 0
    assert server.password not in result.output.replace("dba graph", "")
    assert "--password" not in run("load", "-h").output


def test_graph_names_are_escaped_not_pasted():
    endpoint = Endpoint.configure("http://127.0.0.1:9/query")
    with pytest.raises(ValueError):
        endpoint.count("http://example.org/g> { ?s ?p ?o } } ; DROP ALL ; #")


def test_serve_publishes_what_a_server_holds(tmp_path):
    """`unkg serve --endpoint`: pages and the SPARQL endpoint backed by a remote server."""
    from ..web.test_serve import Server

    oxigraph = Oxigraph(tmp_path / "oxigraph").start()
    try:
        assert run("load", EXAMPLE, "--endpoint", oxigraph.query_url, "-q").exit_code == 0
        site = Server(["--endpoint", oxigraph.query_url, "--max-rows", "5"], tmp_path)
        try:
            import requests

            page = requests.get(site.url + "/id/state/MEX.html", headers={"Accept-Language": "ru"}, timeout=60)
            assert page.status_code == 200 and '<h1 class="label">Мексика</h1>' in page.text
            answer = requests.get(site.url + "/sparql", params={"query": "ASK { GRAPH ?g { ?s ?p ?o } }"},
                                  headers={"Accept": "application/sparql-results+json"}, timeout=60)
            assert answer.json()["boolean"] is True
            capped = requests.get(site.url + "/sparql", params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"},
                                  headers={"Accept": "application/sparql-results+json"}, timeout=60)
            assert len(capped.json()["results"]["bindings"]) == 5 and capped.headers["X-UNKG-Result-Cap"] == "5"
        finally:
            site.stop()
    finally:
        oxigraph.stop()
