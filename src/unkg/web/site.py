"""Stage `web`: what the published site shows, independent of how it is served (live or static).

The data come from a `Backend`: the embedded store (read-only) or a remote
SPARQL endpoint.  Every lookup is a SPARQL SELECT with its values bound
(pyoxigraph substitutions locally, an escaped VALUES block remotely), never
pasted into the query text.
"""
from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Quad, Store

from unkg.graph.terms import DEFAULT_BASE, ONTOLOGY

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCTERMS = "http://purl.org/dc/terms/"
# A document is named by its symbol before its title: a committee's reports share one title ("Report of the Second
# Committee") and differ by symbol.
LABEL_PROPERTIES = [SKOS + "prefLabel", RDFS + "label", ONTOLOGY + "symbol", DCTERMS + "title", SKOS + "notation",
                    ONTOLOGY + "code"]
COLLECTIONS = {  # path name -> (class, title)
    "bodies": (ONTOLOGY + "Body", "Bodies"),
    "meetings": (ONTOLOGY + "Meeting", "Meetings"),
    "states": (ONTOLOGY + "State", "States"),
    "organizations": (ONTOLOGY + "Organization", "Organizations"),
    "reports": (ONTOLOGY + "Report", "Reports"),
    "documents": (ONTOLOGY + "Document", "Documents"),
}
PAGE_SIZE = 50


def bind(query: str, bindings: dict[str, object] | None) -> str:
    """Bound values as a VALUES block at the start of the WHERE clause. The terms are written by
    pyoxigraph (str() of a term is its escaped N-Triples form): user text is never pasted raw."""
    if not bindings:
        return query
    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(str(v) for v in bindings.values())
    return re.sub(r"WHERE\s*\{", lambda m: f"WHERE {{ VALUES ({names}) {{ ({values}) }} ", query, count=1)


class Backend:
    """Runs SELECT queries with bound values; returns rows of pyoxigraph terms."""

    def select(self, query: str, bindings: dict[str, object] | None = None) -> list[dict]:
        raise NotImplementedError

    def dataset_quads(self):
        raise NotImplementedError


class StoreBackend(Backend):
    def __init__(self, store: Store, path: Path | None = None):
        self.store, self.path = store, path

    @classmethod
    def open(cls, path: str | Path) -> "StoreBackend":
        return cls(Store.read_only(str(path)), Path(path))

    def select(self, query: str, bindings=None) -> list[dict]:
        solutions = self.store.query(bind(query, bindings))
        names = [v.value for v in solutions.variables]
        return [{n: s[n] for n in names} for s in solutions]

    def dataset_quads(self):
        return self.store.quads_for_pattern(None, None, None, None)


class EndpointBackend(Backend):
    """A remote SPARQL endpoint: bound values go into a VALUES block written by pyoxigraph."""

    def __init__(self, endpoint):
        self.endpoint = endpoint

    def select(self, query: str, bindings=None) -> list[dict]:
        return self.endpoint.select_terms(bind(query, bindings))

    def dataset_quads(self):
        rows = self.endpoint.select_terms("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return (Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows)


# ------------------------------------------------------------------ labels and languages

def preferred(literals: list[Literal], langs: list[str]) -> Literal | None:
    """The literal in the first language the reader accepts, else English, else any."""
    if not literals:
        return None
    by_lang = {}
    for lit in literals:
        by_lang.setdefault((lit.language or "").lower(), lit)
    for lang in list(langs) + ["en", ""]:
        if lang in by_lang:
            return by_lang[lang]
    return sorted(literals, key=lambda l: (l.language or "", l.value))[0]


def parse_accept_language(header: str | None, supported=("ar", "zh", "en", "fr", "ru", "es")) -> list[str]:
    langs = []
    for part in (header or "").split(","):
        tag, _, q = part.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        base = tag.split("-")[0].lower()
        if base in supported and weight > 0:
            langs.append((weight, base))
    return [l for _, l in sorted(langs, key=lambda x: -x[0])] or ["en"]


@dataclass
class Value:
    term: object
    label: str | None = None  # for IRIs: the label of the thing named
    local: bool = False  # an IRI this site serves

    @property
    def is_iri(self) -> bool:
        return isinstance(self.term, NamedNode)


@dataclass
class Statement:
    predicate: Value
    values: list[Value]
    total: int


@dataclass
class Source:
    report: str | None
    language: str | None
    paragraph: int | None
    text: str | None
    undocs: str | None
    expression: str | None
    page: int | None = None  # page of the official PDF the paragraph starts on
    paragraph_iri: str | None = None  # where the reading view shows it


@dataclass
class Page:
    iri: str
    label: str
    types: list[Value]
    outgoing: list[Statement] = field(default_factory=list)
    incoming: list[Statement] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)
    page: int = 1
    pages: int = 1

    @property
    def exists(self) -> bool:
        return bool(self.outgoing or self.incoming or self.types)


class Site:
    def __init__(self, backend: Backend, base: str = DEFAULT_BASE, page_size: int = PAGE_SIZE):
        self.backend, self.base = backend, base if base.endswith("/") else base + "/"
        self.page_size = page_size

    def is_local(self, iri: str) -> bool:
        return iri.startswith(self.base) or iri.startswith(ONTOLOGY)

    # -- labels --------------------------------------------------------------
    def labels(self, iris: list[str], langs: list[str], compose: bool = True) -> dict[str, str]:
        """Labels of many IRIs with one query per 200 IRIs (values written by pyoxigraph, escaped)."""
        out: dict[str, str] = {}
        unique = list(dict.fromkeys(iris))
        for i in range(0, len(unique), 200):
            values = " ".join(str(NamedNode(iri)) for iri in unique[i:i + 200])
            rows = self.backend.select(
                f"SELECT DISTINCT ?s ?p ?l WHERE {{ VALUES ?s {{ {values} }} {{ ?s ?p ?l }} UNION {{ GRAPH ?g {{ ?s ?p ?l }} }} "
                "FILTER(?p IN (<" + ">, <".join(LABEL_PROPERTIES) + ">) && isLiteral(?l)) }")
            found: dict[str, dict[str, list]] = {}
            for r in rows:
                found.setdefault(r["s"].value, {}).setdefault(r["p"].value, []).append(r["l"])
            for iri, props in found.items():
                for prop in LABEL_PROPERTIES:  # by order of preference of the property
                    best = preferred(props.get(prop, []), langs)
                    if best is not None:
                        out[iri] = best.value
                        break
        missing = [iri for iri in unique if iri not in out and iri.startswith(self.base)]
        if missing and compose:
            out.update(self._composed_labels(missing, langs))
            out.update(self._decision_labels([i for i in missing if i not in out], langs))
            out.update({i: label for i in missing if i not in out and (label := document_label(i, self.base))})
        return out

    def _decision_labels(self, iris: list[str], langs: list[str]) -> dict[str, str]:
        """Decisions and resolutions under the label a report prints them with ("resolution 36/87 A",
        "Security Council resolution 2334 (2016)"), never the end of their IRI."""
        from unkg.web.vocab import decision_label

        iris = [i for i in iris if i.startswith((self.base + "id/resolution/", self.base + "id/decision/"))][:200]
        if not iris:
            return {}
        values = " ".join(str(NamedNode(iri)) for iri in iris)
        rows = self.backend.select(f"""PREFIX unkg: <{ONTOLOGY}>
            SELECT DISTINCT ?s ?ref ?issuer ?code WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s unkg:reference ?ref .
              OPTIONAL {{ ?s unkg:issuedBy ?issuer OPTIONAL {{ ?issuer unkg:code ?code }} }} }} }}""")
        names = self.labels([r["issuer"].value for r in rows if r.get("issuer") is not None], langs, compose=False)
        out: dict[str, str] = {}
        for r in rows:
            issuer = r["issuer"].value if r.get("issuer") is not None else None
            code = r["code"].value if r.get("code") is not None else \
                (issuer[len(self.base + "id/body/"):] if issuer else None)
            kind = "resolution" if r["s"].value.startswith(self.base + "id/resolution/") else "decision"
            out[r["s"].value] = decision_label(kind, r["ref"].value, code, names.get(issuer) if issuer else None,
                                               langs[0])
        return out

    def _composed_labels(self, iris: list[str], langs: list[str]) -> dict[str, str]:
        """Things with no name of their own are named after what they are about: a meeting after its
        body and number, a participation or statement after its participant, a post after its holder."""
        values = " ".join(str(NamedNode(iri)) for iri in iris[:200])
        rows = self.backend.select(f"""PREFIX unkg: <{ONTOLOGY}>
            SELECT DISTINCT ?s ?body ?n ?about WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{
              {{ ?s unkg:body ?body ; unkg:meetingNumber ?n }} UNION {{ ?s unkg:participant ?about }}
              UNION {{ ?s unkg:heldBy ?about }} UNION {{ ?s unkg:onAgendaItem ?about }} }} }}""")
        if not rows:
            return {}
        named = self.labels([r[k].value for r in rows for k in ("body", "about") if r.get(k) is not None], langs,
                            compose=False)
        out: dict[str, str] = {}
        for r in rows:
            iri = r["s"].value
            if r.get("body") is not None and r.get("n") is not None:
                out[iri] = f"{named.get(r['body'].value, local_name(r['body'].value))} — {r['n'].value}"
            elif r.get("about") is not None and iri not in out:
                about = named.get(r["about"].value)
                if about:
                    out[iri] = f"{about} ({local_name(iri)})"
        return out

    # -- a resource page -------------------------------------------------------
    def describe(self, iri: str, langs: list[str], page: int = 1) -> Page:
        node = NamedNode(iri)
        out_rows = self.backend.select(
            "SELECT DISTINCT ?p ?o ?g WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }", {"s": node})
        counts = self.backend.select(
            "SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } "
            "GROUP BY ?p ORDER BY ?p", {"o": node})
        types = list(dict.fromkeys(r["o"] for r in out_rows if r["p"].value == RDF_TYPE))
        graphs = sorted({r["g"].value for r in out_rows if r.get("g") is not None})
        by_pred: dict[str, list] = {}
        for r in out_rows:
            if r["p"].value == RDF_TYPE:
                continue
            values = by_pred.setdefault(r["p"].value, [])
            if r["o"] not in values:
                values.append(r["o"])
        incoming: dict[str, tuple[int, list]] = {}
        offset = (page - 1) * self.page_size
        for r in counts:
            total = int(r["n"].value)
            subjects = self.backend.select(
                "SELECT DISTINCT ?s WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } ORDER BY ?s "
                f"LIMIT {self.page_size} OFFSET {offset}", {"p": r["p"], "o": node})
            incoming[r["p"].value] = (total, [s["s"] for s in subjects])
        pages = max([1] + [-(-total // self.page_size) for total, _ in incoming.values()])
        to_label = [iri] + [t.value for t in types] + list(by_pred) + list(incoming)
        to_label += [v.value for vs in by_pred.values() for v in vs if isinstance(v, NamedNode)]
        to_label += [s.value for _, ss in incoming.values() for s in ss if isinstance(s, NamedNode)]
        labels = self.labels([i for i in to_label if self.is_local(i) or i.startswith(("http://www.w3", "http://purl"))],
                             langs)

        def value(term) -> Value:
            if isinstance(term, NamedNode):
                return Value(term, labels.get(term.value) or local_name(term.value), self.is_local(term.value))
            return Value(term)

        outgoing = [Statement(value(NamedNode(p)), [value(v) for v in _sort_values(vs, langs)], len(vs))
                    for p, vs in sorted(by_pred.items(), key=lambda kv: labels.get(kv[0], kv[0]))]
        inbound = [Statement(value(NamedNode(p)), [value(s) for s in ss], total)
                   for p, (total, ss) in sorted(incoming.items(), key=lambda kv: labels.get(kv[0], kv[0]))]
        return Page(iri, labels.get(iri) or local_name(iri), [value(t) for t in types], outgoing, inbound,
                    self.sources(iri), graphs, page, pages)

    def sources(self, iri: str) -> list[Source]:
        rows = self.backend.select(f"""
            PREFIX unkg: <{ONTOLOGY}>
            SELECT DISTINCT ?para ?n ?page ?text ?lang ?symbol ?undocs ?expr WHERE {{ GRAPH ?g {{
              ?s unkg:statedIn ?para . ?para unkg:inExpression ?expr .
              OPTIONAL {{ ?para unkg:paragraphNumber ?n }} OPTIONAL {{ ?para unkg:page ?page }}
              OPTIONAL {{ ?para unkg:text ?text }}
              OPTIONAL {{ ?expr unkg:languageCode ?lang }} OPTIONAL {{ ?expr unkg:undocs ?undocs }}
              OPTIONAL {{ ?expr unkg:expressionOf/unkg:symbol ?symbol }} }} }}""", {"s": NamedNode(iri)})
        out = [Source(r["symbol"].value if r.get("symbol") else None, r["lang"].value if r.get("lang") else None,
                      int(r["n"].value) if r.get("n") else None, r["text"].value if r.get("text") else None,
                      r["undocs"].value if r.get("undocs") else None, r["expr"].value,
                      int(r["page"].value) if r.get("page") else None, r["para"].value) for r in rows]
        return sorted(out, key=lambda s: (s.report or "", s.language or "", s.paragraph or 0))

    # -- collections, search ---------------------------------------------------
    def collection_counts(self) -> dict[str, int]:
        out = {}
        for name, (cls, _) in COLLECTIONS.items():
            rows = self.backend.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } }",
                                       {"c": NamedNode(cls)})
            out[name] = int(rows[0]["n"].value) if rows else 0
        return out

    def collection(self, name: str, langs: list[str], page: int = 1) -> tuple[list[tuple[str, str]], int]:
        cls = NamedNode(COLLECTIONS[name][0])
        total_rows = self.backend.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } }",
                                         {"c": cls})
        total = int(total_rows[0]["n"].value) if total_rows else 0
        rows = self.backend.select("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?c } } ORDER BY ?s "
                                   f"LIMIT {self.page_size} OFFSET {(page - 1) * self.page_size}", {"c": cls})
        iris = [r["s"].value for r in rows]
        labels = self.labels(iris, langs)
        return [(i, labels.get(i) or local_name(i)) for i in iris], total

    def search(self, text: str, langs: list[str], limit: int = 50) -> list[tuple[str, str]]:
        text = text.strip()[:200]
        if not text:
            return []
        rows = self.backend.select(
            "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?l } "
            "FILTER(?p IN (<" + ">, <".join(LABEL_PROPERTIES) + ">) && isLiteral(?l) "
            "&& CONTAINS(LCASE(STR(?l)), LCASE(?q))) } ORDER BY ?s LIMIT " + str(limit),
            {"q": Literal(text)})
        iris = [r["s"].value for r in rows if isinstance(r["s"], NamedNode)]
        labels = self.labels(iris, langs)
        return [(i, labels.get(i) or local_name(i)) for i in iris]

    # -- the whole dataset -----------------------------------------------------
    def graph_quads(self, graph: str) -> list[Quad]:
        rows = self.backend.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": NamedNode(graph)})
        return [Quad(r["s"], r["p"], r["o"], NamedNode(graph)) for r in rows]

    def resource_triples(self, iri: str) -> list:
        """What the RDF representation of a resource holds: its own triples (all graphs) and inbound links."""
        node = NamedNode(iri)
        out = self.backend.select("SELECT DISTINCT ?p ?o WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } }",
                                  {"s": node})
        inc = self.backend.select("SELECT DISTINCT ?s ?p WHERE { { GRAPH ?g { ?s ?p ?o } } UNION { ?s ?p ?o } } "
                                  "LIMIT 10000", {"o": node})
        return [pyoxigraph.Triple(node, r["p"], r["o"]) for r in out] + \
            [pyoxigraph.Triple(r["s"], r["p"], node) for r in inc]

    def statistics(self) -> dict:
        rows = self.backend.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        graphs = {r["g"].value: int(r["n"].value) for r in rows}
        return {"triples": sum(graphs.values()), "graphs": graphs}


def local_name(iri: str) -> str:
    """The end of an IRI, decoded: a name is never shown percent-encoded ("87 A", not "87%20A")."""
    return unquote(re.split(r"[#/]", iri.rstrip("/"))[-1]) or iri


PARAGRAPH = re.compile(r"^(?P<expression>.+/(?P<lang>ar|zh|en|fr|ru|es))/(?:(?P<unit>para|line)/(?P<n>\d+)|front)$")


def paragraph_anchor(iri: str, base: str) -> tuple[str, str] | None:
    """(the language version, the anchor) a paragraph IRI is shown at in the reading view: every provenance
    link lands on its paragraph ("para-4", "line-12", "front")."""
    para = PARAGRAPH.match(iri) if iri.startswith(base + "id/doc/") else None
    if para is None:
        return None
    return para["expression"], f"{para['unit']}-{para['n']}" if para["n"] else "front"


def document_label(iri: str, base: str) -> str | None:
    """A document known only by its IRI (cited, revised, never described) is named by the symbol its IRI
    was made from; a paragraph by its report, language and number."""
    if not iri.startswith(base + "id/doc/"):
        return None
    path = iri[len(base + "id/doc/"):]
    para = PARAGRAPH.match(path)
    if para:
        expression = unquote(para["expression"][: -len(para["lang"]) - 1])
        where = ("¶" if para["unit"] == "para" else "l. ") + para["n"] if para["n"] else "front"
        return f"{expression} [{para['lang']}] {where}"
    return unquote(path)


def _sort_values(values, langs):
    def key(v):
        if isinstance(v, Literal):
            lang = (v.language or "").lower()
            rank = langs.index(lang) if lang in langs else len(langs)
            return (0, rank, v.value)
        return (1, 0, getattr(v, "value", str(v)))
    return sorted(values, key=key)


def gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as fh:
        fh.write(data)
    return buffer.getvalue()


def local_resources(site: "Site") -> list[str]:
    """Every IRI under the base that the data name, for the static site: what they describe, and what they only
    point to (a document cited in a footnote, the original a revision revises), which has a page too."""
    rows = site.backend.select("SELECT DISTINCT ?s WHERE { GRAPH ?g { { ?s ?p ?o } UNION { ?x ?p ?s } } "
                               "FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?base)) }", {"base": Literal(site.base + "id/")})
    return sorted(r["s"].value for r in rows)


def graph_names(site: "Site") -> list[str]:
    rows = site.backend.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?base)) }",
                               {"base": Literal(site.base + "graph/")})
    return sorted(r["g"].value for r in rows)
