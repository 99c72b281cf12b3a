"""Stage `web`: the page of a report (`/id/doc/SYMBOL`) and of each of its language versions (`/id/doc/SYMBOL/LANG`):
the masthead (symbol, title as printed, body, session, date, distribution, original, job number), the language
versions of this symbol, links out; what the report decides and records (drafts with action, method and counts,
outcomes, recommendations, decisions adopted), the decisions and documents it cites, the data-quality measurements
the graph holds of it (W3C DQV), and the reading view of one language version (`web.reading`)."""
from __future__ import annotations

import re
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode

from unkg.graph.terms import ONTOLOGY
from unkg.web.facts import (DIGITAL_LIBRARY, clean_title, documents_titled, links_for, pick, provenance, select,
                             sources_in, value)
from unkg.web.reading import paragraphs
from unkg.web.site import Site
from unkg.web.vocab import concept_label, ui_text

ODS_FILE = "https://documents.un.org/api/symbol/access?s={symbol}&l={lang}&t=pdf"
DQV = "http://www.w3.org/ns/dqv#"
LANG_ORDER = ("ar", "zh", "en", "fr", "ru", "es")  # the UN's order of the six languages


def official_file(symbol: str, lang: str) -> str:
    """The official file of a language version, through the Official Document System's symbol service."""
    return ODS_FILE.format(symbol=quote(symbol, safe="/"), lang=lang)


def report_data(site: Site, iri: str, langs: list[str]) -> dict | None:
    """The report (a work) or one language version of it; None for anything else."""
    node = NamedNode(iri)
    types = {r["t"].value for r in select(site, "SELECT DISTINCT ?t WHERE { GRAPH ?g { ?x a ?t } }", x=node)}
    if ONTOLOGY + "Report" in types:
        work, shown = iri, None
    elif ONTOLOGY + "Expression" in types:
        rows = select(site, "SELECT ?w WHERE { GRAPH ?g { ?e unkg:expressionOf ?w } } LIMIT 1", e=node)
        if not rows:
            return None
        work, shown = rows[0]["w"].value, iri
    else:
        return None
    w = NamedNode(work)
    facts = select(site, "SELECT DISTINCT ?p ?o WHERE { GRAPH ?g { ?w ?p ?o } }", w=w)
    by: dict[str, list] = {}
    for r in facts:
        by.setdefault(r["p"].value.rsplit("#", 1)[-1].rsplit("/", 1)[-1], []).append(r["o"])
    symbol = by["symbol"][0].value if by.get("symbol") else work.rsplit("/id/doc/", 1)[-1]
    versions = language_versions(site, w, symbol)
    if not versions:
        return None
    if shown is None:  # the version in the reader's language, else the UN's order
        rank: dict[str, int] = {}
        for i, lang in enumerate(list(langs) + list(LANG_ORDER)):
            rank.setdefault(lang, i)
        shown = min(versions, key=lambda v: rank.get(v["lang"], 99))["iri"]
    version = next(v for v in versions if v["iri"] == shown)
    meeting = by["reportOf"][0].value if by.get("reportOf") else None
    body = None
    if meeting:
        rows = select(site, "SELECT ?b WHERE { GRAPH ?g { ?m unkg:body ?b } } LIMIT 1", m=NamedNode(meeting))
        body = rows[0]["b"].value if rows else None
    subjects = [x.value for x in by.get("subject", []) if isinstance(x, NamedNode)]
    labels = site.labels([x for x in (meeting, body) if x] + subjects, langs)
    lang = langs[0]
    for v in versions:
        v["current"] = v["iri"] == shown
    record = by.get("catalogueRecord", [None])[0]
    return {
        "iri": work, "symbol": symbol, "label": symbol, "lang": version["lang"], "shown": shown,
        "title": version["full_title"], "report_title": version["title"],
        "body": {"iri": body, "label": labels.get(body, body)} if body else None,
        "meeting": {"iri": meeting, "label": labels.get(meeting, meeting)} if meeting else None,
        "issue_date": version["issue_date"], "job_number": version["job_number"],
        "distribution": by["distribution"][0].value if by.get("distribution") else None,
        "original_language": pick(by.get("originalLanguage", []), [version["lang"]] + langs),
        "links": {"undocs": links_for(symbol, lang)["undocs"], "official_file": version["file"],
                  "digital_library": DIGITAL_LIBRARY.format(symbol=quote(symbol, safe="")),
                  "catalogue_record": record.value if record is not None else None},
        "subjects": [{"iri": s, "label": labels.get(s, s)} for s in subjects],
        "language_versions": versions,
        **records(site, w, symbol, langs),
        "decisions_cited": decisions_cited(site, w, symbol, langs),
        "documents_cited": documents_cited(site, w, langs),
        "quality": quality(site, work, [v["iri"] for v in versions], langs),
        "paragraphs": paragraphs(site, shown, langs),
    }


def language_versions(site: Site, w: NamedNode, symbol: str) -> list[dict]:
    """The language versions of this symbol (never another report's), each with its title as printed: a Main
    Committee report prints the title of the agenda item it is on above its own ("<item>: Report of the Second
    Committee"), which the graph shows as agenda items stated on its first page only."""
    rows = select(site, """SELECT DISTINCT ?e ?lang ?title ?job ?date WHERE { GRAPH ?g {
        ?w unkg:hasExpression ?e . ?e unkg:languageCode ?lang . OPTIONAL { ?e dcterms:title ?title }
        OPTIONAL { ?e unkg:jobNumber ?job } OPTIONAL { ?e unkg:issueDate ?date } } }""", w=w)
    items = select(site, """SELECT DISTINCT ?e ?item ?para ?title ?number ?sub WHERE { GRAPH ?g {
        ?w unkg:hasExpression ?e . ?para unkg:inExpression ?e . ?item a unkg:AgendaItem ; unkg:statedIn ?para .
        OPTIONAL { ?item dcterms:title ?title } OPTIONAL { ?item unkg:itemNumber ?number }
        OPTIONAL { ?item unkg:subItem ?sub } } }""", w=w)
    out: dict[str, dict] = {}
    for r in rows:
        lang = value(r, "lang")
        entry = out.setdefault(r["e"].value, {"iri": r["e"].value, "lang": lang, "titles": [],
                                              "job_number": value(r, "job"), "issue_date": value(r, "date"),
                                              "undocs": links_for(symbol, lang)["undocs"],
                                              "file": official_file(symbol, lang)})
        if r.get("title") is not None and r["title"] not in entry["titles"]:
            entry["titles"].append(r["title"])
    for e, entry in out.items():
        entry["title"] = clean_title(pick(entry.pop("titles"), [entry["lang"]]))  # "…Committee *": a footnote
        mine = [r for r in items if r["e"].value == e]
        front = [r for r in mine if r["para"].value.endswith("/front")]
        # the items the first page prints, when every other item is one of their sub-items ("20 (a)" named in the
        # introduction of the report on item 20); a report that numbers its agenda elsewhere prints no item title
        front_numbers = {value(r, "number") for r in front}
        on_front = bool(front) and all(r in front or (r.get("sub") is not None and value(r, "number") in front_numbers)
                                       for r in mine)
        front.sort(key=lambda r: (int(value(r, "number") or 0), value(r, "sub") or ""))  # in the agenda's order
        item_titles = list(dict.fromkeys(clean_title(r["title"].value) for r in front if r.get("title") is not None
                                         and r["title"].language == entry["lang"]))
        printed = "; ".join(item_titles) if on_front else None
        entry["full_title"] = (printed + ui_text("title_join", entry["lang"]) + entry["title"]
                               if printed and entry["title"] else entry["title"] or printed)
    return sorted(out.values(), key=lambda v: LANG_ORDER.index(v["lang"]) if v["lang"] in LANG_ORDER else 9)


def records(site: Site, w: NamedNode, symbol: str, langs: list[str]) -> dict:
    """What the report decides and records: the drafts acted on, outcomes, recommendations, decisions adopted —
    each as this report states it (a meeting's outcome node is shared by the reports of the meeting)."""
    actions = select(site, """SELECT DISTINCT ?act ?d ?symbol ?outcome ?method ?yes ?no ?abstain WHERE { GRAPH ?g {
        ?w unkg:hasExpression ?e . ?para unkg:inExpression ?e . ?act unkg:statedIn ?para ; unkg:onDraft ?d .
        ?d unkg:symbol ?symbol . OPTIONAL { ?act unkg:actionOutcome ?outcome } OPTIONAL { ?act unkg:decisionMethod ?method }
        OPTIONAL { ?act unkg:hadVote ?v . OPTIONAL { ?v unkg:numberOfVotesFavour ?yes }
                   OPTIONAL { ?v unkg:numberOfVotesAgainst ?no } OPTIONAL { ?v unkg:numberOfVotesAbstention ?abstain } }
    } }""", w=w)
    titles = select(site, """SELECT DISTINCT ?d ?title WHERE { GRAPH ?g { ?w unkg:hasExpression ?e .
        ?para unkg:inExpression ?e . ?act unkg:statedIn ?para ; unkg:onDraft ?d . ?d dcterms:title ?title } }""", w=w)
    outcomes = select(site, """SELECT DISTINCT ?o ?type ?kind ?letter ?title ?text ?addr WHERE { GRAPH ?g {
        ?o dcterms:isPartOf ?w ; a ?type ; unkg:statedIn/unkg:inExpression/unkg:expressionOf ?w .
        FILTER(?type IN (unkg:Outcome, unkg:Recommendation))
        OPTIONAL { ?o unkg:outcomeKind ?kind } OPTIONAL { ?o unkg:letter ?letter } OPTIONAL { ?o dcterms:title ?title }
        OPTIONAL { ?o unkg:text ?text } OPTIONAL { ?o unkg:addressee ?addr } } }""", w=w)
    adopted = select(site, """SELECT DISTINCT ?dec ?m WHERE { GRAPH ?g { ?w unkg:citesDecision ?dec .
        ?dec unkg:adoptedAt ?m } }""", w=w)
    nodes = [r["act"].value for r in actions] + [r["o"].value for r in outcomes] + [r["dec"].value for r in adopted]
    sources = provenance(site, nodes)
    labels = site.labels([r["dec"].value for r in adopted] + [r["m"].value for r in adopted], langs)

    def src(node: str) -> list[dict]:
        return sources_in([s for s in sources.get(node, []) if s["report"] == symbol], langs)

    def concept(term, prefix: str) -> dict | None:
        return {"code": term.value.rsplit(prefix, 1)[-1], "label": concept_label(term.value, langs)} \
            if term is not None else None

    drafts: dict[str, dict] = {}
    for r in actions:
        counts = {k: value(r, k) for k in ("yes", "no", "abstain") if r.get(k) is not None}
        drafts.setdefault(r["act"].value, {
            "iri": r["d"].value, "symbol": value(r, "symbol"),
            "title": pick([t["title"] for t in titles if t["d"] == r["d"]], langs),
            "action": concept(r.get("outcome"), "outcome-"), "method": concept(r.get("method"), "method-"),
            "counts": counts or None, "sources": src(r["act"].value)})
    found: dict[str, dict] = {}
    for r in outcomes:
        entry = found.setdefault(r["o"].value, {
            "iri": r["o"].value, "type": "recommendation" if r["type"].value.endswith("#Recommendation") else "outcome",
            "kind": concept(r.get("kind"), "outcome-"), "letter": value(r, "letter"),
            "addressee": concept(r.get("addr"), "addressee-"), "texts": [], "sources": src(r["o"].value)})
        for key in ("title", "text"):
            if r.get(key) is not None and r[key] not in entry["texts"]:
                entry["texts"].append(r[key])
    for entry in found.values():
        entry["text"] = pick(entry.pop("texts"), langs)
    ordered = sorted(found.values(), key=lambda o: (o["letter"] or "", o["text"] or ""))
    return {"drafts": sorted(drafts.values(), key=lambda d: d["symbol"]),
            "outcomes": [o for o in ordered if o["type"] == "outcome"],
            "recommendations": [o for o in ordered if o["type"] == "recommendation"],
            "decisions_adopted": sorted(({"iri": r["dec"].value, "label": labels.get(r["dec"].value, r["dec"].value),
                                          "meeting": {"iri": r["m"].value, "label": labels.get(r["m"].value)},
                                          "sources": src(r["dec"].value)} for r in adopted),
                                        key=lambda d: d["label"])}


def decisions_cited(site: Site, w: NamedNode, symbol: str, langs: list[str]) -> list[dict]:
    """The decisions and resolutions the report cites, under their printed labels, with its paragraphs citing them."""
    rows = select(site, "SELECT DISTINCT ?dec ?ref WHERE { GRAPH ?g { ?w unkg:citesDecision ?dec . "
                        "OPTIONAL { ?dec unkg:reference ?ref } } }", w=w)
    iris = list(dict.fromkeys(r["dec"].value for r in rows))
    labels = site.labels(iris, langs)
    refs = {r["dec"].value: value(r, "ref") for r in rows}
    sources = provenance(site, iris)
    return sorted(({"iri": i, "label": labels.get(i, i), "reference": refs.get(i),
                    "sources": sources_in([s for s in sources.get(i, []) if s["report"] == symbol], langs)}
                   for i in iris), key=_numbering)


def _numbering(decision: dict) -> tuple:
    """Decisions by kind and issuer, then in the order of their numbers (36/87 before 36/100)."""
    issuer = "/".join(decision["iri"].rsplit("/id/", 1)[-1].split("/")[:2])
    numbers = tuple(int(n) for n in re.findall(r"\d+", decision["reference"] or ""))
    return issuer, numbers, decision["label"]


def documents_cited(site: Site, w: NamedNode, langs: list[str]) -> list[dict]:
    rows = select(site, """SELECT DISTINCT ?d ?symbol ?title WHERE { GRAPH ?g { ?w unkg:cites ?d .
        OPTIONAL { ?d unkg:symbol ?symbol } OPTIONAL { ?d dcterms:title ?title } } }""", w=w)
    docs = documents_titled(rows, langs)
    for entry in docs:
        entry["symbol"] = entry["symbol"] or site.labels([entry["iri"]], langs).get(entry["iri"], entry["iri"])
    return sorted(docs, key=lambda d: d["symbol"])


def quality(site: Site, work: str, versions: list[str], langs: list[str]) -> list[dict]:
    """The W3C DQV measurements computed on the report or one of its language versions (none: an empty list)."""
    values = " ".join(str(NamedNode(x)) for x in [work] + versions)
    rows = select(site, f"""PREFIX dqv: <{DQV}>
        SELECT DISTINCT ?m ?on ?metric ?v WHERE {{ VALUES ?on {{ {values} }} GRAPH ?g {{
          ?m dqv:computedOn ?on ; dqv:isMeasurementOf ?metric ; dqv:value ?v }} }}""")
    if not rows:
        return []
    labels = site.labels(list({r["metric"].value for r in rows}), langs, compose=False)
    lang_of = {v: v.rsplit("/", 1)[-1] for v in versions}
    out = []
    for r in rows:
        metric = r["metric"].value
        label = labels.get(metric) or concept_label(metric, langs)
        on = r["on"].value
        out.append({"metric": label, "metric_iri": metric, "value": _number(r["v"]), "measurement": r["m"].value,
                    "on": lang_of.get(on), "computed_on": on})
    return sorted(out, key=lambda q: (q["on"] or "", q["metric"]))


def _number(term):
    """A measured value as a number where it is one (xsd:decimal, double, float, integer)."""
    if isinstance(term, Literal) and term.datatype is not None and \
            term.datatype.value.rsplit("#", 1)[-1] in ("decimal", "double", "float"):
        try:
            return float(term.value)
        except ValueError:
            return term.value
    return value({"v": term}, "v")
