"""HTTP caching of query answers per version of the store (issue 18): an entity tag on every GET answer whose
content the store determines, 304 without running the query for a client that has it, a new tag when the store
changes, none for answers that change from run to run."""
from __future__ import annotations

import io

import pyoxigraph
import pytest

from unkg.web.jobs import is_volatile
from unkg.web.protocol import fingerprint
from unkg.web.serve import make_app, prepare_store

from ..conftest import EXAMPLES, ROOT

REPORTS = [EXAMPLES / "example-report.ru.txt", ROOT / "tests" / "data" / "example" / "example-report.en.txt"]
QUERY = "SELECT ?s WHERE { GRAPH ?g { ?s a <https://w3id.org/unkg/ontology#State> } } ORDER BY ?s LIMIT 3"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    app = make_app([str(p) for p in REPORTS], workdir=tmp_path_factory.mktemp("cache"))
    calls = []
    run = app.queries.call
    app.queries.call = lambda *a, **kw: (calls.append(a[1]), run(*a, **kw))[1]  # counts the queries run
    app.calls = calls
    yield app
    app.close()


def request(app, path, query="", method="GET", **headers):
    seen = {}
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "wsgi.input": io.BytesIO(),
               **{"HTTP_" + k.upper(): v for k, v in headers.items()}}
    body = b"".join(app(environ, lambda status, hs: seen.update(status=status, headers=dict(hs))))
    return seen["status"], seen["headers"], body


def sparql_query(text):
    from urllib.parse import urlencode

    return urlencode({"query": text})


@pytest.mark.parametrize("path,query,accept", [
    ("/sparql", sparql_query(QUERY), "text/csv"),
    ("/sparql", sparql_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT 5"), "text/turtle"),
    ("/queries/meeting", "format=csv", "text/csv"),
    ("/queries/participants", "", "text/html"),
])
def test_a_client_that_has_the_answer_gets_304_and_the_query_is_not_run(app, path, query, accept):
    status, headers, body = request(app, path, query, accept=accept, accept_language="en")
    assert status.startswith("200") and body
    tag = headers["ETag"]
    assert tag.startswith('W/"') and headers["Cache-Control"] == "public, no-cache" and "Accept" in headers["Vary"]
    runs = len(app.calls)
    for method in ("GET", "HEAD"):
        status, headers, body = request(app, path, query, method, accept=accept, accept_language="en",
                                        if_none_match=f'"other", {tag}')
        assert status == "304 Not Modified" and body == b"" and headers["ETag"] == tag
    assert len(app.calls) == runs  # answered from the tag alone
    status, headers, _ = request(app, path, query, accept=accept, accept_language="en", if_none_match='W/"old"')
    assert status.startswith("200") and headers["ETag"] == tag and len(app.calls) == runs + 1


def test_the_tag_differs_by_format_and_by_query(app):
    tags = {request(app, "/sparql", sparql_query(q), accept=a)[1]["ETag"]
            for q in (QUERY, QUERY.replace("LIMIT 3", "LIMIT 4"))
            for a in ("text/csv", "application/sparql-results+json")}
    assert len(tags) == 4


@pytest.mark.parametrize("query", [
    "SELECT (RAND() AS ?r) WHERE {}",
    "SELECT ?s (now() AS ?t) WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
    "SELECT (STRUUID() AS ?u) WHERE {}",
    "CONSTRUCT { ?s <urn:id> ?u } WHERE { BIND(UUID() AS ?u) GRAPH ?g { ?s ?p ?o } } LIMIT 1",
])
def test_answers_that_change_from_run_to_run_have_no_tag(app, query):
    assert is_volatile(query)
    status, headers, _ = request(app, "/sparql", sparql_query(query), accept="text/csv, text/turtle")
    assert status.startswith("200") and "ETag" not in headers


@pytest.mark.parametrize("query", [
    "SELECT ?now WHERE { ?now <urn:rand> 'UUID()' } # NOW()",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:rand ?o FILTER(?o != <http://x/NOW>) }",
])
def test_the_names_of_those_functions_elsewhere_do_not_count(query):
    assert not is_volatile(query)


def test_posts_and_errors_have_no_tag(app):
    seen = {}
    body = sparql_query(QUERY).encode()
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/sparql", "QUERY_STRING": "", "wsgi.input": io.BytesIO(body),
               "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": str(len(body))}
    b"".join(app(environ, lambda status, hs: seen.update(status=status, headers=dict(hs))))
    assert seen["status"].startswith("200") and "ETag" not in seen["headers"]
    status, headers, _ = request(app, "/sparql", sparql_query("SELEKT nothing"))
    assert status.startswith("400") and "ETag" not in headers


def test_the_version_of_a_store_changes_with_its_data_only(tmp_path):
    folder = prepare_store([str(REPORTS[0])], "https://w3id.org/unkg/", tmp_path / "store")
    before = fingerprint(folder)
    reader = pyoxigraph.Store.read_only(str(folder))  # serving opens it read-only and queries it
    assert reader.query("ASK { GRAPH ?g { ?s ?p ?o } }")
    del reader
    assert fingerprint(folder) == before
    prepare_store([str(REPORTS[1])], "https://w3id.org/unkg/", folder)  # another report loaded
    assert fingerprint(folder) != before
