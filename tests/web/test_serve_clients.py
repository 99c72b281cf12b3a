"""`unkg serve` used by real clients: SPARQLWrapper, rdflib's SPARQLStore and Graph.parse, curl."""
from __future__ import annotations

import shutil
import subprocess

import pytest
import rdflib
import requests
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper

from ..conftest import EXAMPLES, ROOT
from .test_serve import Server

UNKG = "https://w3id.org/unkg/ontology#"
STATES = f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s a <{UNKG}State> }} }} ORDER BY ?s LIMIT 5"
MEX = "https://w3id.org/unkg/id/state/MEX"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clients")
    files = [EXAMPLES / "example-report.ru.txt", ROOT / "tests" / "data" / "example" / "example-report.en.txt"]
    srv = Server([a for f in files for a in ("--data", str(f))] + ["--timeout", "20"], folder)
    yield srv
    srv.stop()


def _wrapper(server, query, fmt, method="GET"):
    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    sw.setTimeout(30)
    return sw.query().convert()


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt,rows", [
    (JSON, lambda r: [b["s"]["value"] for b in r["results"]["bindings"]]),
    (XML, lambda r: [u.firstChild.data for u in r.getElementsByTagName("uri")]),
    (CSV, lambda r: r.decode().split()[1:]),
    (TSV, lambda r: [line.strip("<>") for line in r.decode().split()[1:]]),
])
def test_sparqlwrapper_select_in_every_results_format(server, fmt, rows, method):
    states = rows(_wrapper(server, STATES, fmt, method))
    assert len(states) == 5 and states == sorted(states) and all(s.startswith("https://w3id.org/unkg/id/state/")
                                                                 for s in states)


@pytest.mark.parametrize("fmt", [TURTLE, JSONLD])
def test_sparqlwrapper_construct_as_turtle_and_jsonld(server, fmt):
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o FILTER(?s = <{MEX}>) }} }}"
    result = _wrapper(server, query, fmt)
    graph = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(data=result, format="turtle")
    assert (rdflib.URIRef(MEX), rdflib.SKOS.exactMatch,
            rdflib.URIRef("http://metadata.un.org/UNMS/484")) in graph


def test_sparqlwrapper_ask(server):
    assert _wrapper(server, f"ASK {{ GRAPH ?g {{ <{MEX}> ?p ?o }} }}", JSON)["boolean"] is True


def test_rdflib_sparqlstore_reads_and_cannot_write(server):
    """rdflib's SPARQLStore sends every namespace of the graph as a PREFIX line (about thirty): the request
    that used to hang the server for good."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore

    graph = rdflib.Graph(store=SPARQLStore(server.url + "/sparql", timeout=30))
    assert len(list(graph.namespaces())) >= 25
    labels = {str(o) for o in graph.objects(rdflib.URIRef(MEX), rdflib.SKOS.prefLabel)}
    assert {"Mexico", "Мексика"} <= labels
    rows = list(graph.query(f"SELECT (COUNT(?s) AS ?n) WHERE {{ ?s a <{UNKG}State> }}"))
    assert int(rows[0][0]) > 10
    writer = rdflib.Graph(store=SPARQLUpdateStore(server.url + "/sparql", server.url + "/sparql"),
                          identifier=rdflib.graph.DATASET_DEFAULT_GRAPH_ID)
    with pytest.raises(Exception, match="403|read-only|Forbidden"):
        writer.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert not graph.query("ASK { <urn:a> <urn:b> <urn:c> }").askAnswer


def test_rdflib_dereferences_an_iri_through_303_and_negotiation(server):
    graph = rdflib.Graph().parse(server.url + "/id/state/MEX")
    assert (rdflib.URIRef(MEX), rdflib.SKOS.exactMatch, rdflib.URIRef("http://metadata.un.org/UNMS/484")) in graph


CURL = shutil.which("curl")


@pytest.mark.skipif(not CURL, reason="curl is not installed (apt-get install curl; the test command does)")
@pytest.mark.parametrize("path,accept,status,expected", [
    ("/id/state/MEX", "*/*", 303, "/id/state/MEX.html"),
    ("/id/state/MEX", "text/*", 303, "/id/state/MEX.html"),
    ("/id/state/MEX", "TEXT/TURTLE", 303, "/id/state/MEX.ttl"),
    ("/id/state/MEX", "application/rdf+xml;q=0.5, text/turtle;q=0.9", 303, "/id/state/MEX.ttl"),
    ("/id/state/MEX", "application/ld+json; profile=\"http://www.w3.org/ns/json-ld#compacted\"", 303,
     "/id/state/MEX.jsonld"),
    ("/id/state/MEX", "text/html;level=1;q=0.8, */*;q=0.1", 303, "/id/state/MEX.html"),
    ("/id/state/MEX", "text/turtle;q=0", 406, ""),
    ("/id/state/MEX", "image/png, image/*;q=0.9", 406, ""),
    ("/id/state/MEX", ";;;,,,q=x, /, */", 406, ""),
    ("/sparql?query=ASK%7B%7D", "application/json", 200, "application/sparql-results+json"),
    ("/sparql?query=ASK%7B%7D", "application/sparql-results+json;q=0.1, text/csv", 200, "text/csv"),
    ("/sparql?query=ASK%7B%7D", "*/*;q=0.1, application/sparql-results+xml", 200, "application/sparql-results+xml"),
    ("/ontology", "text/turtle, text/html;q=0.5", 200, "text/turtle"),
])
def test_curl_with_unusual_accept_headers(server, path, accept, status, expected):
    out = subprocess.run([CURL, "-s", "-o", "/dev/null", "--max-time", "30", "-H", f"Accept: {accept}",
                          "-w", "%{http_code} %{redirect_url} %{content_type}", server.url + path],
                         capture_output=True, text=True, timeout=60).stdout
    code, redirect, content_type = (out.split(" ", 2) + ["", ""])[:3]
    assert int(code) == status, out
    if status == 303:
        assert redirect == server.url + expected
    elif expected:
        assert content_type.startswith(expected)


def test_head_answers_like_get_without_a_body(server):
    head = requests.head(server.url + "/id/state/MEX.ttl", timeout=30)
    get = requests.get(server.url + "/id/state/MEX.ttl", timeout=30)
    assert head.status_code == 200 and not head.content and head.headers["Content-Type"] == get.headers["Content-Type"]
    # Regression: HEAD said Content-Length 0; it is the length GET sends (RFC 9110 9.3.2), for a page and a dump
    assert int(head.headers["Content-Length"]) == len(get.content) > 0
    page = requests.head(server.url + "/id/state/MEX.html", timeout=30)
    assert int(page.headers["Content-Length"]) == len(requests.get(server.url + "/id/state/MEX.html", timeout=30).content)
