"""The worker side of the server: queries told from updates by pyoxigraph's parsers, federated queries and
deep nesting refused before parsing, a bounded pool that refuses instead of queueing without end."""
from __future__ import annotations

import socket
import threading
import time

import pyoxigraph
import pytest
from pyoxigraph import NamedNode, Quad

from unkg.web.jobs import MAX_DEPTH, Refused, sparql as _sparql, check_text
from unkg.web.protocol import Busy, TimedOut
from unkg.web.pool import WorkerPool

from .conftest import answer_or_error, wait_until_answered

PREFIXES = "".join(f"PREFIX p{i}: <http://example.org/ns/{i}#>\n" for i in range(40))
UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE DATA { <urn:x> <urn:x> <urn:x> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p <urn:new> } WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "INSERT { GRAPH <urn:g> { ?s ?p ?o } } USING <urn:x> WHERE { ?s ?p ?o }",
    "LOAD SILENT <http://127.0.0.1:{port}/data.ttl> INTO GRAPH <urn:g>",
    "CLEAR ALL", "CLEAR SILENT DEFAULT", "CREATE GRAPH <urn:g>", "DROP ALL", "DROP GRAPH <urn:x>",
    "COPY DEFAULT TO <urn:g>", "MOVE <urn:x> TO <urn:g>", "ADD <urn:x> TO DEFAULT",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> } ; DROP ALL",
]
DISGUISES = [
    lambda u: u,
    lambda u: PREFIXES + u,  # after a long prologue (the regular expression this replaced never ended here)
    lambda u: "# SELECT * WHERE { ?s ?p ?o }\n" + PREFIXES + "BASE <http://example.org/>\n#x\n" + u,
    lambda u: "".join(c.lower() if i % 2 else c.upper() for i, c in enumerate(u)),  # mixed case (IRIs too)
    lambda u: "\n\t  " + u.replace(" ", " \t\n # comment { INSERT\n "),
]


@pytest.fixture()
def listener():
    """A socket nobody should connect to: the worker must never make HTTP requests for a client."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.3)
    yield server
    server.close()


def _connected(server) -> bool:
    try:
        conn, _ = server.accept()
        conn.close()
        return True
    except OSError:
        return False


@pytest.mark.parametrize("disguise", range(len(DISGUISES)))
@pytest.mark.parametrize("update", UPDATES)
def test_every_update_form_is_refused_unevaluated(store, listener, update, disguise):
    ro = pyoxigraph.Store.read_only(str(store))
    text = DISGUISES[disguise](update.replace("{port}", str(listener.getsockname()[1])))
    with pytest.raises(Refused, match="read-only"):
        _sparql(ro, text, None, 10)
    assert len(ro) == 1 and not _connected(listener)


@pytest.mark.parametrize("query", [
    PREFIXES + "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
    "# INSERT DATA { <urn:a> <urn:b> <urn:c> }\nASK { GRAPH ?g { ?s ?p ?o } }",
    "select ?insert where { graph ?g { ?insert ?p 'DELETE WHERE { ?s ?p ?o }' } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
])
def test_queries_run_whatever_words_they_contain(store, query):
    ro = pyoxigraph.Store.read_only(str(store))
    content_type, body, truncated = _sparql(ro, query, "text/csv", 10)
    assert body and not truncated


def test_text_that_is_neither_is_a_syntax_error(store):
    ro = pyoxigraph.Store.read_only(str(store))
    with pytest.raises(SyntaxError):
        _sparql(ro, PREFIXES + "SELEKT * WHERE { ?s ?p ?o }", None, 10)
    with pytest.raises(SyntaxError):
        _sparql(ro, "INSERT DATA { <urn:a> <urn:b> }", None, 10)  # a broken update is not an update


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o.SERVICE<http://127.0.0.1:{port}/x>{?a ?b ?c} }",
    "select * where { service silent ?endpoint { ?s ?p ?o } VALUES ?endpoint { <http://127.0.0.1:{port}/> } }",
    "SELECT * WHERE { ?s ?p 'x' # comment\nSeRvIcE <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
])
def test_federated_queries_are_refused_without_a_request(store, listener, query):
    ro = pyoxigraph.Store.read_only(str(store))
    with pytest.raises(Refused, match="SERVICE"):
        _sparql(ro, query.replace("{port}", str(listener.getsockname()[1])), None, 10)
    assert not _connected(listener)


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service ?p 'SERVICE <http://x/> {}' }",
    "PREFIX service: <http://x/> SELECT * WHERE { ?s service:service ?o } # SERVICE <http://x/> { }",
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o FILTER(?o != \"\"\"SERVICE\"\"\") }",
])
def test_the_word_service_elsewhere_is_not_a_federated_query(query):
    check_text(query)


def test_deep_nesting_is_refused_before_parsing():
    check_text("SELECT * WHERE " + "{" * MAX_DEPTH + "?s ?p ?o" + "}" * MAX_DEPTH)
    with pytest.raises(SyntaxError, match="nested"):  # pyoxigraph's parser overflows its stack at about 10,000
        check_text("SELECT * WHERE " + "{" * 20_000 + "?s ?p ?o" + "}" * 20_000)
    with pytest.raises(SyntaxError, match="nested"):
        check_text("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }")


def test_the_pool_refuses_when_full_and_frees_a_worker_whose_client_left(store):
    pool = WorkerPool(store, size=1, queue=1)
    numbers = " ".join(str(i) for i in range(1000))
    heavy = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {numbers} }} VALUES ?b {{ {numbers} }} " \
            f"VALUES ?c {{ {numbers} }} }}"  # a billion rows
    try:
        results = []
        running = threading.Thread(target=lambda: results.append(answer_or_error(
            lambda: pool.call("sparql", heavy, None, 10, timeout=30, disconnected=lambda: time.monotonic() > leave_at))))
        leave_at = time.monotonic() + 1.0
        running.start()
        time.sleep(0.3)
        waiting = threading.Thread(target=lambda: results.append(answer_or_error(
            lambda: pool.call("sparql", "ASK {}", None, 10, timeout=30))))
        waiting.start()
        time.sleep(0.3)
        with pytest.raises(Busy):  # one running, one waiting: the third is refused at once
            pool.call("sparql", "ASK {}", None, 10, timeout=30)
        running.join(20)
        waiting.join(20)
        assert "Gone" in results  # the first client left: its worker was ended and replaced
        assert ("ok", ("application/sparql-results+json", b'{"head": {}, "boolean": true}', False)) in results
        with pytest.raises(TimedOut):
            pool.call("sparql", heavy, None, 10, timeout=0.5)
        assert pool.call("sparql", "ASK {}", None, 10, timeout=30)[0] == "ok"  # the replacement answers
    finally:
        pool.close()


def test_a_query_past_the_memory_limit_ends_its_worker_and_the_pool_goes_on(store):
    """Regression: worker memory was not capped, so one sorting query could take the machine's memory."""
    pool = WorkerPool(store, size=1, queue=0, memory_mb=250)
    numbers = " ".join(str(i) for i in range(1500))
    sorting = f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {numbers} }} VALUES ?b {{ {numbers} }} }} ORDER BY DESC(?a) ?b"
    try:  # 2.25 million rows sorted need about 300 MB
        status, message = pool.call("sparql", sorting, None, 10, timeout=60)
        assert status == "error" and "memory limit of 250 MB" in message
        wait_until_answered(lambda: pool.call("sparql", "ASK {}", None, 10, timeout=30))
    finally:
        pool.close()


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/tab-separated-values", "text/csv",
                                    "application/sparql-results+xml"])
@pytest.mark.parametrize("cap", [100, 3])
def test_results_are_the_bytes_select_bytes_writes_and_the_cap_holds(accept, cap):
    """run_query encodes JSON and TSV without a dict per row; the bytes are those of select_bytes."""
    from pyoxigraph import BlankNode, Literal

    from unkg.store.sparql_results import RESULT_TYPES, select_bytes
    from unkg.web.answers import run_query

    store = pyoxigraph.Store()
    objects = [NamedNode("urn:o"), BlankNode("b1"), Literal("Мексика", language="ru"), Literal("7", datatype=NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), Literal('a "quoted"\ttab\nline, comma'), Literal("")]
    for i, o in enumerate(objects):
        store.add(Quad(NamedNode(f"urn:s{i}"), NamedNode("urn:p"), o, NamedNode("urn:g")))
    query = "SELECT ?s ?o ?none WHERE { GRAPH ?g { ?s <urn:p> ?o } OPTIONAL { ?s <urn:q> ?none } } ORDER BY ?s"
    variables = ["s", "o", "none"]
    rows = [{v: r[v] for v in variables} for r in store.query(query)]
    content_type, body, truncated = run_query(store, query, accept, cap)
    assert body == select_bytes(variables, rows[:cap], RESULT_TYPES[accept]) and truncated == (cap < len(rows))
