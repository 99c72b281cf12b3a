"""Stage `web`: the page of a draft resolution or decision: its title, sponsors, the action each meeting took on it and,
for a recorded vote, who voted yes, no and abstained, with counts and a chart; every report that mentions it."""
from __future__ import annotations

from pyoxigraph import NamedNode

from unkg.graph.terms import ONTOLOGY
from unkg.web.site import Site
from unkg.web.facts import links_for, pick, provenance, select, sources_in, value
from unkg.web.vocab import concept_label

DRAFT_TYPES = ("#Draft", "#DraftResolution", "#DraftDecision")
VOTES = (("yes", "hadVoterFavour", "numberOfVotesFavour"), ("no", "hadVoterAgainst", "numberOfVotesAgainst"),
         ("abstain", "hadVoterAbstention", "numberOfVotesAbstention"))


def draft_data(site: Site, iri: str, langs: list[str]) -> dict | None:
    d = NamedNode(iri)
    facts = select(site, "SELECT DISTINCT ?p ?o WHERE { GRAPH ?g { ?d ?p ?o } }", d=d)
    types = {r["o"].value for r in facts if r["p"].value.endswith("#type")}
    if not any(t.startswith(ONTOLOGY) and t.endswith(DRAFT_TYPES) for t in types):
        return None
    symbol = next((r["o"].value for r in facts if r["p"].value == ONTOLOGY + "symbol"), iri.rsplit("/", 1)[-1])
    kind = "resolution" if ONTOLOGY + "DraftResolution" in types else \
        "decision" if ONTOLOGY + "DraftDecision" in types else "draft"
    sponsors = select(site, """SELECT DISTINCT ?sp ?who ?how WHERE { GRAPH ?g {
        ?sp unkg:sponsoredDraft ?d ; unkg:sponsor ?who . OPTIONAL { ?sp unkg:sponsorshipKind ?how } } }""", d=d)
    actions = select(site, """SELECT DISTINCT ?act ?m ?outcome ?method ?event WHERE { GRAPH ?g {
        ?act unkg:onDraft ?d ; unkg:actionAt ?m . OPTIONAL { ?act unkg:actionOutcome ?outcome }
        OPTIONAL { ?act unkg:decisionMethod ?method } OPTIONAL { ?act unkg:hadVote ?event } } }""", d=d)
    events = [r["event"].value for r in actions if r.get("event") is not None]
    cast, counts = [], []
    if events:
        values = " ".join(str(NamedNode(e)) for e in events)
        cast = select(site, f"""SELECT DISTINCT ?event ?p ?who WHERE {{ VALUES ?event {{ {values} }} GRAPH ?g {{
            ?event ?p ?who . FILTER(?p IN (unkg:hadVoterFavour, unkg:hadVoterAgainst, unkg:hadVoterAbstention)) }} }}""")
        counts = select(site, f"""SELECT DISTINCT ?event ?p ?n WHERE {{ VALUES ?event {{ {values} }} GRAPH ?g {{
            ?event ?p ?n . FILTER(?p IN (unkg:numberOfVotesFavour, unkg:numberOfVotesAgainst,
                                         unkg:numberOfVotesAbstention)) }} }}""")
    reports = select(site, """SELECT DISTINCT ?rep ?symbol ?lang WHERE { GRAPH ?g {
        ?rep a unkg:Report ; unkg:symbol ?symbol ; unkg:hasExpression/unkg:languageCode ?lang .
        { ?x ?p ?d } UNION { ?d ?p ?x } } }""", d=d)
    named = [r["who"].value for r in sponsors + cast] + [r["m"].value for r in actions]
    labels = site.labels(named, langs)
    sources = provenance(site, [r["sp"].value for r in sponsors] + [r["act"].value for r in actions] + events)

    def who(node: str) -> dict:
        return {"iri": node, "label": labels.get(node) or node.rsplit("/", 1)[-1]}

    by_kind: dict[str, dict] = {}
    for r in sponsors:
        how = r["how"].value if r.get("how") is not None else ONTOLOGY + "sponsorship-submitted"
        group = by_kind.setdefault(how, {"code": how.rsplit("-", 1)[-1], "label": concept_label(how, langs),
                                         "members": []})
        if r["who"].value not in {m["iri"] for m in group["members"]}:
            group["members"].append(who(r["who"].value) | {"sources": sources_in(sources.get(r["sp"].value, []),
                                                                                  langs)})
    for group in by_kind.values():
        group["members"].sort(key=lambda m: m["label"])
        group["count"] = len(group["members"])

    acts: dict[str, dict] = {}
    for r in actions:
        act = acts.setdefault(r["act"].value, {
            "meeting": who(r["m"].value),
            "outcome": {"code": r["outcome"].value.rsplit("outcome-", 1)[-1],
                        "label": concept_label(r["outcome"].value, langs)} if r.get("outcome") else None,
            "method": {"code": r["method"].value.rsplit("method-", 1)[-1],
                       "label": concept_label(r["method"].value, langs)} if r.get("method") else None,
            "sources": sources_in(sources.get(r["act"].value, []), langs), "vote": None})
        if r.get("event") is not None:
            event = r["event"].value
            lists = {}
            for key, voter, number in VOTES:
                members = sorted({x["who"].value for x in cast if x["event"].value == event
                                  and x["p"].value == ONTOLOGY + voter})
                stated = [value(x, "n") for x in counts if x["event"].value == event
                          and x["p"].value == ONTOLOGY + number]
                lists[key] = {"members": sorted((who(m) for m in members), key=lambda m: m["label"]),
                              "count": len(members), "stated": stated[0] if stated else None}
            act["vote"] = {"iri": event, "lists": lists, "recorded": any(l["count"] for l in lists.values()),
                           "sources": sources_in(sources.get(event, []), langs)}
    titles = [r["o"] for r in facts if r["p"].value == "http://purl.org/dc/terms/title"]
    mentioned = {}
    for r in reports:
        entry = mentioned.setdefault(r["rep"].value, {"iri": r["rep"].value, "symbol": value(r, "symbol"),
                                                      "languages": []})
        entry["languages"] = sorted(set(entry["languages"]) | {value(r, "lang")})
    return {"iri": iri, "symbol": symbol, "kind": kind, "title": pick(titles, langs),
            "label": symbol, **links_for(symbol, langs[0]),
            "sponsors": sorted(by_kind.values(), key=lambda g: g["code"] != "submitted"),
            "actions": list(acts.values()),
            "reports": sorted(mentioned.values(), key=lambda r: r["symbol"])}
