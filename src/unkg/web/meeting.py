"""Stage `web`: the meeting page: body, number, dates, officers; the agenda with what was adopted and who spoke under
each item; participants grouped by capacity; documents before the meeting; the reports of the meeting, each with its
own language versions (a committee's session has one report per agenda item)."""
from __future__ import annotations

from pyoxigraph import NamedNode

from unkg.web.report import language_versions
from unkg.web.site import Site
from unkg.web.facts import clean_title, documents_titled, links_for, pick, provenance, select, sources_in, value
from unkg.web.vocab import concept_label, kind_label


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def meeting_data(site: Site, iri: str, langs: list[str]) -> dict | None:
    m = NamedNode(iri)
    facts = select(site, "SELECT ?p ?o WHERE { GRAPH ?g { ?m ?p ?o } }", m=m)
    if not any(r["p"].value.endswith("#type") and r["o"].value.endswith("#Meeting") for r in facts):
        return None
    by = {}
    for r in facts:
        by.setdefault(r["p"].value.rsplit("#", 1)[-1], []).append(r["o"])
    first = {k: value({"x": v[0]}, "x") for k, v in by.items()}
    body = first.get("body")
    lang = langs[0]

    officers = select(site, """SELECT DISTINCT ?post ?role ?person ?name ?state WHERE { GRAPH ?g {
        ?post unkg:postIn ?m ; unkg:officerRole ?role .
        OPTIONAL { ?post unkg:heldBy ?person . ?person rdfs:label ?name } OPTIONAL { ?post unkg:fromState ?state } } }""",
                      m=m)
    items = select(site, """SELECT DISTINCT ?item ?n ?sub ?title ?parent WHERE { GRAPH ?g {
        ?m unkg:hasAgendaItem ?item . ?item unkg:itemNumber ?n .
        OPTIONAL { ?item unkg:subItem ?sub } OPTIONAL { ?item dcterms:title ?title }
        OPTIONAL { ?item unkg:parentItem ?parent } } }""", m=m)
    statements = select(site, """SELECT DISTINCT ?st ?item ?who WHERE { GRAPH ?g {
        ?st a unkg:Statement ; unkg:inMeeting ?m ; unkg:participant ?who . OPTIONAL { ?st unkg:onAgendaItem ?item } } }""",
                        m=m)
    recommendations = select(site, """SELECT DISTINCT ?r ?letter ?text ?addr ?topic ?on ?kind ?title WHERE { GRAPH ?g {
        ?r unkg:adoptedAt ?m . OPTIONAL { ?r unkg:letter ?letter } OPTIONAL { ?r unkg:text ?text }
        OPTIONAL { ?r unkg:addressee ?addr } OPTIONAL { ?r unkg:topic ?topic }
        OPTIONAL { ?r unkg:onAgendaItem ?on } OPTIONAL { ?r unkg:outcomeKind ?kind }
        OPTIONAL { ?r dcterms:title ?title } } }""", m=m)
    participations = select(site, """SELECT DISTINCT ?pt ?who ?role WHERE { GRAPH ?g {
        ?pt a unkg:Participation ; unkg:inMeeting ?m ; unkg:participant ?who ; unkg:role ?role } }""", m=m)
    documents = select(site, """SELECT DISTINCT ?d ?symbol ?title WHERE { GRAPH ?g {
        ?m unkg:documentBefore ?d . ?d unkg:symbol ?symbol . OPTIONAL { ?d dcterms:title ?title } } }""", m=m)
    report_rows = select(site, """SELECT DISTINCT ?rep ?symbol WHERE { GRAPH ?g {
        ?rep unkg:reportOf ?m ; unkg:symbol ?symbol } }""", m=m)
    acts = select(site, """SELECT DISTINCT ?a ?kind ?date ?method WHERE { GRAPH ?g {
        ?a unkg:actOf ?m ; unkg:actKind ?kind . OPTIONAL { ?a unkg:date ?date }
        OPTIONAL { ?a unkg:decisionMethod ?method } } }""", m=m)
    decisions = select(site, """SELECT DISTINCT ?dec ?ref WHERE { GRAPH ?g {
        ?rep unkg:reportOf ?m ; unkg:citesDecision ?dec . ?dec unkg:reference ?ref } }""", m=m)

    named = [r["who"].value for r in statements + participations] + [r["state"].value for r in officers if r.get("state")]
    named += [body] if body else []
    labels = site.labels(named + [iri], langs)
    nodes = [iri] + [r["post"].value for r in officers] + [r["item"].value for r in items] + \
        [r["st"].value for r in statements] + [r["r"].value for r in recommendations] + \
        [r["pt"].value for r in participations] + [r["a"].value for r in acts]
    sources = provenance(site, nodes)

    def src(node: str) -> list[dict]:
        return sources_in(sources.get(node, []), langs)

    def who(node: str) -> dict:
        return {"iri": node, "label": labels.get(node) or node.rsplit("/", 1)[-1]}

    # agenda items, each with its title in the reader's language, the speakers and what was adopted under it
    agenda: dict[str, dict] = {}
    titles: dict[str, list] = {}
    for r in items:
        node = r["item"].value
        agenda.setdefault(node, {"iri": node, "number": value(r, "n"), "sub": value(r, "sub"),
                                 "parent": value(r, "parent"), "speakers": [], "adopted": [], "sources": src(node)})
        if r.get("title") is not None:
            titles.setdefault(node, []).append(r["title"])
    for node, entry in agenda.items():
        entry["title"] = clean_title(pick(titles.get(node, []), langs))
    for r in statements:
        if r.get("item") is not None and r["item"].value in agenda:
            speaker = who(r["who"].value) | {"sources": src(r["st"].value)}
            if speaker["iri"] not in {s["iri"] for s in agenda[r["item"].value]["speakers"]}:
                agenda[r["item"].value]["speakers"].append(speaker)
    # A recommendation names its topic as the heading it stands under, which is the agenda item's title
    # in the same language version: that places it under its item.
    title_keys = {(_norm(t.value), t.language): node for node, ts in titles.items() for t in ts}
    recs: dict[str, dict] = {}
    for r in recommendations:
        node = r["r"].value
        rec = recs.setdefault(node, {"iri": node, "letter": value(r, "letter"), "texts": [], "titles": [],
                                     "item": None, "addressee": None, "kind": None, "sources": src(node)})
        if r.get("text") is not None and r["text"] not in rec["texts"]:
            rec["texts"].append(r["text"])
        if r.get("title") is not None and r["title"] not in rec["titles"]:
            rec["titles"].append(r["title"])
        if r.get("kind") is not None:  # an outcome (conclusions, decision…): its kind by its label
            rec["kind"] = {"code": r["kind"].value.rsplit("outcome-", 1)[-1], "label": concept_label(r["kind"].value, langs)}
        if r.get("on") is not None:  # an outcome names the item it was adopted under
            rec["item"] = r["on"].value
        if r.get("addr") is not None:
            rec["addressee"] = {"code": r["addr"].value.rsplit("-", 1)[-1],
                                "label": concept_label(r["addr"].value, langs)}
        if r.get("topic") is not None and rec["item"] is None:
            rec["item"] = title_keys.get((_norm(r["topic"].value), r["topic"].language))
    other = []
    for rec in sorted(recs.values(), key=lambda x: x["letter"] or ""):
        rec["text"] = pick(rec.pop("texts"), langs) or pick(rec.pop("titles"), langs)
        rec.pop("titles", None)
        (agenda[rec["item"]]["adopted"] if rec["item"] in agenda else other).append(rec)
    for entry in agenda.values():
        entry["speakers"].sort(key=lambda s: s["label"])
    ordered = sorted(agenda.values(), key=lambda e: (e["number"] or 0, e["sub"] or ""))

    groups: dict[str, dict] = {}
    for r in participations:
        role = r["role"].value
        group = groups.setdefault(role, {"code": role.rsplit("role-", 1)[-1], "label": concept_label(role, langs),
                                         "members": []})
        if r["who"].value not in {x["iri"] for x in group["members"]}:
            group["members"].append(who(r["who"].value) | {"sources": src(r["pt"].value)})
    role_order = ["party", "member", "signatory", "observer", "igo", "un-entity", "ngo"]
    grouped = sorted(groups.values(), key=lambda g: role_order.index(g["code"]) if g["code"] in role_order else 99)
    for g in grouped:
        g["members"].sort(key=lambda x: x["label"])
        g["count"] = len(g["members"])

    posts: dict[str, dict] = {}  # one per post, the holder's name as the reader's language version prints it
    for r in officers:
        post = posts.setdefault(r["post"].value, {
            "role": {"code": r["role"].value.rsplit("officer-", 1)[-1], "label": concept_label(r["role"].value, langs)},
            "names": [], "state": who(r["state"].value) if r.get("state") else None, "sources": src(r["post"].value)})
        if r.get("name") is not None and r["name"] not in post["names"]:
            post["names"].append(r["name"])
    for post in posts.values():
        post["name"] = pick(post.pop("names"), langs)

    docs = documents_titled(documents, langs)
    for entry in docs:
        entry |= links_for(entry["symbol"], lang)

    reports = {}  # each report with its own language versions (never another report's), titled as printed
    for r in report_rows:
        reports.setdefault(r["rep"].value, {"iri": r["rep"].value, "symbol": value(r, "symbol")})
    for report in reports.values():
        report["versions"] = [{k: v[k] for k in ("iri", "lang", "full_title", "job_number", "undocs", "file")}
                              | {"digital_library": links_for(report["symbol"], v["lang"])["digital_library"]}
                              for v in language_versions(site, NamedNode(report["iri"]), report["symbol"])]
    decision_labels = site.labels([r["dec"].value for r in decisions], langs)

    return {
        "iri": iri, "label": labels.get(iri) or iri.rsplit("/", 1)[-1],
        "body": who(body) if body else None, "number": first.get("meetingNumber"),
        "kind": {"code": first.get("meetingKind"), "label": kind_label(first["meetingKind"], langs)}
        if first.get("meetingKind") else None,
        "start_date": first.get("startDate"), "end_date": first.get("endDate"),
        "place": pick(by.get("place", []), langs), "sittings": first.get("sittingCount"),
        "sources": src(iri),
        "officers": sorted(posts.values(), key=lambda o: (o["role"]["code"], o["name"] or "")),
        "agenda": ordered, "other_outcomes": other,
        "participants": grouped, "participant_count": sum(g["count"] for g in grouped),
        "documents": sorted(docs, key=lambda d: d["symbol"]),
        "reports": sorted(reports.values(), key=lambda r: r["symbol"]),
        "acts": sorted({r["a"].value: {"kind": value(r, "kind"), "date": value(r, "date"),
                                       "method": concept_label(r["method"].value, langs) if r.get("method") else None,
                                       "sources": src(r["a"].value)} for r in acts}.values(),
                       key=lambda a: (a["date"] or "", a["kind"])),
        "decisions": sorted({r["dec"].value: {"iri": r["dec"].value, "reference": value(r, "ref"),
                                              "label": decision_labels.get(r["dec"].value, value(r, "ref"))}
                             for r in decisions}.values(), key=lambda d: d["label"]),
    }
