"""Stage `store`: remote SPARQL servers, by the W3C protocols only.

Loading uses the Graph Store HTTP Protocol (PUT) into a temporary graph, checks
that the server stored every triple, then swaps the graph in with one SPARQL 1.1
Update request (DROP + MOVE).  The previous content of the report's graph is
therefore untouched until the new one is complete, also on servers whose PUT is
not atomic (Virtuoso).  Queries go through SPARQLWrapper; a result the server
truncated (Virtuoso's X-SPARQL-MaxRows) is fetched again page by page.
Credentials come from the environment or ~/.netrc, never from the command line.
"""
from __future__ import annotations

import json
import netrc
import os
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from unkg.errors import UnkgError
from unkg.store.query import Table

USER_ENV, PASSWORD_ENV, AUTH_ENV = "UNKG_ENDPOINT_USER", "UNKG_ENDPOINT_PASSWORD", "UNKG_ENDPOINT_AUTH"

# Where each kind of server has its three endpoints, relative to the query endpoint's parent path.
PRESETS = {
    "oxigraph": {"query": "query", "update": "update", "store": "store", "auth": "basic"},
    "fuseki": {"query": "sparql", "update": "update", "store": "data", "auth": "basic"},
    "virtuoso": {"query": "sparql", "update": "sparql-auth", "store": "sparql-graph-crud-auth", "auth": "digest"},
}
RETRYABLE = {429, 502, 503, 504}


class EndpointError(UnkgError):
    pass


def guess_server(url: str) -> str:
    path = urlsplit(url).path.rstrip("/")
    if path.endswith("/query"):
        return "oxigraph"
    if path == "/sparql" or path.endswith("/sparql-auth"):
        return "virtuoso"
    return "fuseki"


@dataclass
class Endpoint:
    query_url: str
    update_url: str | None
    store_url: str | None
    server: str = "generic"
    auth_scheme: str = "basic"
    timeout: float = 60.0
    retries: int = 3

    @classmethod
    def configure(cls, endpoint: str, update: str | None = None, store: str | None = None,
                  server: str | None = None, timeout: float = 60.0, retries: int = 3) -> "Endpoint":
        server = server or guess_server(endpoint)
        preset = PRESETS.get(server, {})
        parent = endpoint.rstrip("/").rsplit("/", 1)[0]
        return cls(endpoint, update or (f"{parent}/{preset['update']}" if preset else None),
                   store or (f"{parent}/{preset['store']}" if preset else None), server,
                   os.environ.get(AUTH_ENV, preset.get("auth", "basic")), timeout, retries)

    # -- HTTP ----------------------------------------------------------------
    def _auth(self, url: str):
        user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        if not user:
            try:
                found = netrc.netrc().authenticators(urlsplit(url).hostname or "")
            except (FileNotFoundError, netrc.NetrcParseError):
                found = None
            if found:
                user, _, password = found
        if not user:
            return None
        if self.auth_scheme == "digest":
            return requests.auth.HTTPDigestAuth(user, password or "")
        return requests.auth.HTTPBasicAuth(user, password or "")

    def _request(self, method: str, url: str, what: str, **kwargs) -> requests.Response:
        """One HTTP call with retries and backoff where a retry can help; clear one-line errors."""
        delay = 0.5
        for attempt in range(self.retries + 1):
            try:
                response = requests.request(method, url, auth=self._auth(url), timeout=self.timeout, **kwargs)
            except requests.ConnectionError as exc:
                reason = "connection refused or lost" if "refused" in str(exc).lower() or "aborted" in str(exc).lower() \
                    else "cannot connect"
                if attempt < self.retries:
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise EndpointError(f"{url}: {what}: {reason} (is the server running?)") from None
            except requests.Timeout:
                if attempt < self.retries:
                    time.sleep(delay)
                    delay *= 2
                    continue
                raise EndpointError(f"{url}: {what}: no answer within {self.timeout:.0f} s") from None
            if response.status_code in RETRYABLE and attempt < self.retries:
                time.sleep(delay)
                delay *= 2
                continue
            return self._checked(response, url, what)
        raise AssertionError("unreachable")

    @staticmethod
    def _checked(response: requests.Response, url: str, what: str) -> requests.Response:
        kind = response.headers.get("Content-Type", "")
        if response.status_code == 404:
            raise EndpointError(f"{url}: {what}: HTTP 404, no such endpoint (check the URL)")
        if response.status_code in (401, 403):
            raise EndpointError(f"{url}: {what}: HTTP {response.status_code}, not allowed "
                                f"(set {USER_ENV}/{PASSWORD_ENV} or ~/.netrc; {AUTH_ENV}=basic|digest)")
        if response.status_code >= 400:
            detail = " ".join(response.text.split())[:200]
            raise EndpointError(f"{url}: {what}: HTTP {response.status_code}: {detail}")
        if "text/html" in kind and response.request.method == "GET":
            raise EndpointError(f"{url}: {what}: the server answered with an HTML page, not SPARQL "
                                "(is this the SPARQL endpoint? e.g. …/sparql or …/query)")
        return response

    # -- protocol operations ---------------------------------------------------
    def update(self, text: str, what: str = "update") -> None:
        if not self.update_url:
            raise EndpointError(f"{self.query_url}: no update endpoint (use --update-endpoint)")
        self._request("POST", self.update_url, what, data={"update": text.encode("utf-8")},
                      headers={"Accept": "*/*"})

    def put_graph(self, graph: str, ntriples: bytes, what: str) -> None:
        if not self.store_url:
            raise EndpointError(f"{self.query_url}: no Graph Store endpoint (use --store-endpoint)")
        # bytes, not a generator: with Digest auth requests must be able to send the body twice.
        self._request("PUT", self.store_url, what, params={"graph": graph}, data=ntriples,
                      headers={"Content-Type": "application/n-triples"})

    def count(self, graph: str) -> int:
        table = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}")
        return int(table.rows[0][0]) if table.rows else 0

    def load(self, graph: str, triples: list, label: str, shared: bool = False) -> int:
        """Replace a named graph with these triples, all or nothing; returns the triple count.
        A shared graph (the reference graph) is added to with a Graph Store POST instead."""
        from pyoxigraph import RdfFormat, serialize

        unique = list(dict.fromkeys(triples))
        data = serialize(unique, format=RdfFormat.N_TRIPLES)
        if shared:
            self._request("POST", self.store_url, f"adding to {label}", params={"graph": graph}, data=data,
                          headers={"Content-Type": "application/n-triples"})
            return len(unique)
        temp = f"{graph}-unkg-loading-{uuid.uuid4().hex}"
        what = f"loading {label}"
        try:
            self.put_graph(temp, data, what)
            stored = self.count(temp)
            if stored != len(unique):
                raise EndpointError(f"{self.store_url}: {what}: the server stored {stored} of {len(unique)} "
                                    "triples; the previous graph was kept")
            self.update(f"DROP SILENT GRAPH {_iri(graph)} ; MOVE SILENT GRAPH {_iri(temp)} TO {_iri(graph)}",
                        what)
        except BaseException:
            try:
                self.update(f"DROP SILENT GRAPH {_iri(temp)}", f"cleaning up after {what}")
            except UnkgError:
                pass
            raise
        return len(unique)

    def cleanup(self) -> list[str]:
        """Drop the temporary graphs an interrupted load left behind."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                           "FILTER(CONTAINS(STR(?g), \"-unkg-loading-\")) }").rows
        for (graph,) in rows:
            self.update(f"DROP SILENT GRAPH {_iri(graph)}", "removing an interrupted load")
        return [g for (g,) in rows]

    def select(self, query: str) -> Table:
        """A SELECT through SPARQLWrapper; pages through results the server truncated."""
        from unkg.store.query import has_order, sort_unordered

        table, truncated_at = self._select_once(query)
        if truncated_at is None:
            return Table(table.columns, sort_unordered(query, table.rows))
        if " limit " in query.lower().split("}")[-1]:
            raise EndpointError(f"{self.query_url}: the server truncated the results at {truncated_at} rows "
                                "and the query has its own LIMIT; page it yourself")
        # Page from the start: the truncated first answer need not be the first page of the order.
        # Pages need a fixed order: without one, order by every column.
        ordered = query if has_order(query) else \
            f"{query}\nORDER BY " + " ".join(f"?{c}" for c in table.columns)
        size = max(1, truncated_at // 2)
        rows, offset = [], 0
        while True:
            page, _ = self._select_once(f"{ordered}\nLIMIT {size} OFFSET {offset}")
            rows.extend(page.rows)
            if len(page.rows) < size:
                return Table(table.columns, sort_unordered(query, rows))
            offset += size

    def select_terms(self, query: str) -> list[dict]:
        """A SELECT whose values come back as pyoxigraph terms (for the published site)."""
        _, bindings, _ = self._fetch(query)
        return [{k: _term(v) for k, v in b.items()} for b in bindings]

    def _select_once(self, query: str) -> tuple[Table, int | None]:
        columns, bindings, truncated = self._fetch(query)
        return Table(columns, [[b.get(c, {}).get("value") for c in columns] for b in bindings]), truncated

    def _fetch(self, query: str) -> tuple[list[str], list[dict], int | None]:
        """Run a SELECT: (variables, SPARQL JSON bindings, the server's row cap if it truncated them)."""
        from SPARQLWrapper import DIGEST, JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
        from urllib.error import HTTPError, URLError

        sw = SPARQLWrapper(self.query_url)
        sw.setQuery(query)
        # SPARQLWrapper guesses the query type from keywords anywhere in the text, comments
        # included ("… an acronym …" made it an ADD update); this method only runs SELECTs.
        sw.queryType = "SELECT"
        sw.setMethod(POST)  # form-encoded; Virtuoso hangs on application/sparql-query bodies
        sw.setReturnFormat(JSON)
        sw.setTimeout(int(self.timeout))
        auth = self._auth(self.query_url)
        if auth is not None:
            if self.auth_scheme == "digest":
                sw.setHTTPAuth(DIGEST)
            sw.setCredentials(auth.username, auth.password)
        try:
            result = sw.query()
        except HTTPError as exc:
            raise EndpointError(f"{self.query_url}: query: HTTP {exc.code}"
                                f"{', no such endpoint (check the URL)' if exc.code == 404 else ''}") from None
        except URLError as exc:
            raise EndpointError(f"{self.query_url}: query: cannot connect ({exc.reason}); is the server running?") \
                from None
        except SPARQLWrapperException as exc:
            name = type(exc).__name__
            if name == "EndPointNotFound":
                raise EndpointError(f"{self.query_url}: query: HTTP 404, no such endpoint (check the URL)") from None
            if name == "Unauthorized":
                raise EndpointError(f"{self.query_url}: query: not allowed (set {USER_ENV}/{PASSWORD_ENV} "
                                    "or ~/.netrc)") from None
            raise EndpointError(f"{self.query_url}: query: {str(exc).splitlines()[0]}") from None
        info = result.info()
        kind = info.get("content-type", "")
        body = result.response.read()
        if "html" in kind:
            raise EndpointError(f"{self.query_url}: query: the server answered with an HTML page, not SPARQL "
                                "results (is this the SPARQL endpoint?)")
        try:
            data = json.loads(body)
        except ValueError:
            text = body.decode("utf-8", "replace")
            raise EndpointError(f"{self.query_url}: query: not SPARQL JSON results: {' '.join(text.split())[:160]}") \
                from None
        bindings = data["results"]["bindings"]
        cap = info.get("x-sparql-maxrows")
        truncated = int(cap) if cap and cap.isdigit() and len(bindings) >= int(cap) else None
        return data["head"]["vars"], bindings, truncated


def _term(binding: dict):
    """A SPARQL JSON result value as a pyoxigraph term (Virtuoso's "typed-literal" included)."""
    from pyoxigraph import BlankNode, Literal, NamedNode

    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return NamedNode(value)
    if kind == "bnode":
        return BlankNode(value)
    if "xml:lang" in binding:
        return Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return Literal(value, datatype=NamedNode(binding["datatype"]))
    return Literal(value)


def _iri(value: str) -> str:
    """An IRI for a SPARQL text, escaped the way pyoxigraph writes terms (never pasted raw)."""
    from pyoxigraph import NamedNode

    return str(NamedNode(value))


def ontology_loadable():
    """The ontology, as a graph to load beside the data: the queries read its concept notations."""
    import pyoxigraph

    from unkg.resources import ontology_path
    from unkg.store.graphs import ONTOLOGY_GRAPH
    from unkg.store.embedded import Loadable

    triples = list(pyoxigraph.parse(ontology_path().read_bytes(), format=pyoxigraph.RdfFormat.TURTLE))
    return Loadable(ONTOLOGY_GRAPH, triples, source=str(ontology_path()))
