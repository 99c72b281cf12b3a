"""Stage `web`: what the subject pages share: bound SELECTs over every graph, language preference, provenance of facts."""
from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode

from unkg.graph.terms import ONTOLOGY
from unkg.web.site import Site, preferred

PREFIXES = f"""PREFIX unkg: <{ONTOLOGY}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
UNDOCS = "https://undocs.org/{lang}/{symbol}"
DIGITAL_LIBRARY = "https://digitallibrary.un.org/search?p={symbol}"


def select(site: Site, query: str, **bindings) -> list[dict]:
    """A SELECT with its values bound by the backend (escaped, never pasted), as rows of terms."""
    return site.backend.select(PREFIXES + query, {k: v for k, v in bindings.items()} or None)


def value(row: dict, key: str):
    term = row.get(key)
    if term is None:
        return None
    if isinstance(term, Literal):
        v = term.value
        dt = term.datatype.value if term.datatype else ""
        if dt.endswith(("#integer", "#int", "#nonNegativeInteger", "#positiveInteger")):
            return int(v)
        if dt.endswith("#boolean"):
            return v == "true"
        return v
    return term.value


_FOOTNOTE_MARK = re.compile(r"(?<=\S)\s*[*\u2020\u2021]+$")


def clean_title(text: str | None) -> str | None:
    """A title as the reader wants it, without the footnote mark the report prints after it
    ("…global stocktake process.*") nor the semicolon that ends it in a list ("…adaptation;*")."""
    return _FOOTNOTE_MARK.sub("", text).rstrip(";；؛ ") if text else text


def pick(literals: list, langs: list[str]) -> str | None:
    """The literal in the reader's language (else English, else any) among several."""
    best = preferred([l for l in literals if isinstance(l, Literal)], langs)
    return best.value if best is not None else None


def documents_titled(rows: list[dict], langs: list[str]) -> list[dict]:
    """Rows of (?d, ?symbol, ?title) as one entry per document (`iri`, `symbol`, `title`), titled in the
    reader's language among the titles the graphs give it."""
    docs: dict[str, dict] = {}
    for r in rows:
        entry = docs.setdefault(r["d"].value, {"iri": r["d"].value, "symbol": value(r, "symbol"), "titles": []})
        if r.get("title") is not None:
            entry["titles"].append(r["title"])
    for entry in docs.values():
        entry["title"] = pick(entry.pop("titles"), langs)
    return list(docs.values())


def links_for(symbol: str, lang: str) -> dict:
    """A document's pages elsewhere: undocs.org in the page's language and the UN Digital Library."""
    from urllib.parse import quote

    return {"undocs": UNDOCS.format(lang=lang, symbol=symbol),
            "digital_library": DIGITAL_LIBRARY.format(symbol=quote(symbol, safe=""))}


def provenance(site: Site, nodes: list[str]) -> dict[str, list[dict]]:
    """For each node, the paragraphs stating it: report symbol, language, paragraph (and page) and text."""
    out: dict[str, list[dict]] = {}
    unique = list(dict.fromkeys(nodes))
    for i in range(0, len(unique), 200):
        values = " ".join(str(NamedNode(n)) for n in unique[i:i + 200])
        rows = select(site, f"""SELECT DISTINCT ?s ?para ?n ?lang ?symbol ?text ?page WHERE {{ VALUES ?s {{ {values} }}
            GRAPH ?g {{ ?s unkg:statedIn ?para . ?para unkg:inExpression ?e .
              OPTIONAL {{ ?para unkg:paragraphNumber ?n }} OPTIONAL {{ ?para unkg:text ?text }}
              OPTIONAL {{ ?para unkg:page ?page }}
              OPTIONAL {{ ?e unkg:languageCode ?lang }} OPTIONAL {{ ?e unkg:expressionOf/unkg:symbol ?symbol }} }} }}""")
        for r in rows:
            out.setdefault(r["s"].value, []).append(
                {"report": value(r, "symbol"), "lang": value(r, "lang"), "paragraph": value(r, "n"),
                 "page": value(r, "page"), "text": value(r, "text"), "iri": r["para"].value})
    for sources in out.values():
        sources.sort(key=lambda s: (s["report"] or "", s["lang"] or "", s["paragraph"] or 0))
    return out


def sources_in(sources: list[dict], langs: list[str]) -> list[dict]:
    """The sources in the reader's language first (all kept: each language version states the fact)."""
    rank = {lang: i for i, lang in enumerate(langs)}
    return sorted(sources, key=lambda s: (rank.get(s["lang"], len(rank)), s["report"] or "", s["paragraph"] or 0))
