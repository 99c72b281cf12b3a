"""Stage `web`: the page of a State, the EU or an organization: names in six languages, codes, links out, and its history
(one row per meeting attended: dates, capacity, items spoken on), filterable and downloadable as CSV."""
from __future__ import annotations

import csv
import io

from pyoxigraph import NamedNode

from unkg.graph.terms import ONTOLOGY
from unkg.web.site import Site
from unkg.web.facts import select, value
from unkg.web.vocab import concept_label

LANGS = ("ar", "zh", "en", "fr", "ru", "es")
PARTICIPANT_TYPES = ("#State", "#Organization", "#RegionalEconomicIntegrationOrganization")
VOTE_OF = {"hadVoterFavour": "yes", "hadVoterAgainst": "no", "hadVoterAbstention": "abstain"}
LINK_NAMES = {"http://www.w3.org/2002/07/owl#sameAs": "Wikidata",
              "http://www.w3.org/2004/02/skos/core#exactMatch": "metadata.un.org",
              "http://www.w3.org/2004/02/skos/core#closeMatch": "UNTERM"}


def state_data(site: Site, iri: str, langs: list[str]) -> dict | None:
    s = NamedNode(iri)
    facts = select(site, "SELECT DISTINCT ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", s=s)
    types = {r["o"].value for r in facts if r["p"].value.endswith("#type")}
    if not any(t.endswith(PARTICIPANT_TYPES) for t in types):
        return None
    names = {lang: {"short": None, "formal": None} for lang in LANGS}
    codes, links = {}, []
    for r in facts:
        p, o = r["p"].value, r["o"]
        local = p.rsplit("#", 1)[-1]
        if local == "prefLabel" and getattr(o, "language", None) in names:
            names[o.language]["short"] = o.value
        elif local == "altLabel" and getattr(o, "language", None) in names:
            names[o.language]["formal"] = o.value
        elif local in ("code", "iso2", "m49", "unStatus"):
            codes[local] = o.value
        elif p in LINK_NAMES:
            links.append({"name": LINK_NAMES[p], "href": o.value})
    rows = select(site, """SELECT DISTINCT ?m ?role WHERE { GRAPH ?g {
        ?pt unkg:participant ?s ; unkg:inMeeting ?m ; unkg:role ?role } }""", s=s)
    spoken = select(site, """SELECT DISTINCT ?m ?item ?n ?sub WHERE { GRAPH ?g {
        ?st a unkg:Statement ; unkg:participant ?s ; unkg:inMeeting ?m ; unkg:onAgendaItem ?item .
        ?item unkg:itemNumber ?n . OPTIONAL { ?item unkg:subItem ?sub } } }""", s=s)
    officer = select(site, """SELECT DISTINCT ?m ?role WHERE { GRAPH ?g {
        ?post unkg:fromState ?s ; unkg:postIn ?m ; unkg:officerRole ?role } }""", s=s)
    sponsored = select(site, """SELECT DISTINCT ?m ?d ?symbol WHERE { GRAPH ?g {
        ?sp unkg:sponsor ?s ; unkg:sponsoredDraft ?d . ?d unkg:symbol ?symbol . ?act unkg:onDraft ?d ; unkg:actionAt ?m } }""",
                       s=s)
    voted = select(site, """SELECT DISTINCT ?m ?d ?symbol ?cast WHERE { GRAPH ?g {
        ?event ?cast ?s . FILTER(?cast IN (unkg:hadVoterFavour, unkg:hadVoterAgainst, unkg:hadVoterAbstention))
        ?act unkg:hadVote ?event ; unkg:actionAt ?m ; unkg:onDraft ?d . ?d unkg:symbol ?symbol } }""", s=s)
    meetings = list(dict.fromkeys(r["m"].value for r in rows + spoken + officer + sponsored + voted))
    history = []
    if meetings:
        values = " ".join(str(NamedNode(m)) for m in meetings)
        about = select(site, f"""SELECT DISTINCT ?m ?body ?start ?end ?n WHERE {{ VALUES ?m {{ {values} }} GRAPH ?g {{
            ?m unkg:body ?body . OPTIONAL {{ ?m unkg:startDate ?start }} OPTIONAL {{ ?m unkg:endDate ?end }}
            OPTIONAL {{ ?m unkg:meetingNumber ?n }} }} }}""")
        labels = site.labels(meetings + [r["body"].value for r in about], langs)
        info = {r["m"].value: r for r in about}
        for m in meetings:
            r = info.get(m, {})
            body = r["body"].value if r.get("body") is not None else None
            capacity = sorted({concept_label(x["role"].value, langs) for x in rows if x["m"].value == m})
            offices = sorted({concept_label(x["role"].value, langs) for x in officer if x["m"].value == m})
            items = sorted({(value(x, "n"), value(x, "sub") or "") for x in spoken if x["m"].value == m})
            start = value(r, "start")
            drafts = sorted({(x["d"].value, value(x, "symbol")) for x in sponsored if x["m"].value == m},
                            key=lambda d: d[1])
            votes = sorted({(x["d"].value, value(x, "symbol"), VOTE_OF[x["cast"].value.rsplit("#", 1)[-1]])
                            for x in voted if x["m"].value == m}, key=lambda v: v[1])
            history.append({"meeting": {"iri": m, "label": labels.get(m, m)},
                            "body": {"iri": body, "label": labels.get(body, body), "code": _code(site, body)}
                            if body else None,
                            "number": value(r, "n"), "start_date": start, "end_date": value(r, "end"),
                            "year": int(start[:4]) if start else None, "capacity": capacity, "offices": offices,
                            "items_spoken_on": [f"{n}{('.' + sub) if sub else ''}" for n, sub in items],
                            "drafts_sponsored": [{"iri": d, "symbol": sym} for d, sym in drafts],
                            "votes": [{"draft": {"iri": d, "symbol": sym}, "vote": vote} for d, sym, vote in votes]})
    history.sort(key=lambda h: (h["start_date"] or "", h["meeting"]["label"]))
    label = next((names[l]["short"] for l in list(langs) + ["en"] if names.get(l, {}).get("short")), None)
    return {"iri": iri, "label": label or codes.get("code") or iri.rsplit("/", 1)[-1],
            "kind": "state" if any(t.endswith("#State") for t in types) else "organization",
            "names": names, "codes": codes, "code_rows": code_rows(codes, langs),
            "links": sorted(links, key=lambda l: l["name"]), "history": history}


def code_rows(codes: dict[str, str], langs: list[str]) -> list[dict]:
    """The codes as a reader sees them: each property by its label, a status by its concept's label."""
    rows = []
    for local in ("code", "iso2", "m49", "unStatus"):
        if local in codes:
            shown = concept_label(f"{ONTOLOGY}unstatus-{codes[local]}", langs) if local == "unStatus" else None
            rows.append({"property": local, "label": concept_label(ONTOLOGY + local, langs), "code": codes[local],
                         "shown": shown})
    return rows


def _code(site: Site, body: str) -> str:
    """A body's code is the path of its IRI under id/body/ (its symbol series)."""
    marker = site.base + "id/body/"
    return body[len(marker):] if body.startswith(marker) else body


def filtered(history: list[dict], body: str | None, year: str | None) -> list[dict]:
    out = history
    if body:
        out = [h for h in out if h["body"] and h["body"]["code"] == body]
    if year:
        out = [h for h in out if str(h["year"]) == year]
    return out


def per_year(history: list[dict]) -> list[tuple[str, int]]:
    counts: dict[int, int] = {}
    for h in history:
        if h["year"] is not None:
            counts[h["year"]] = counts.get(h["year"], 0) + 1
    return [(str(y), counts[y]) for y in sorted(counts)]


def vote_totals(history: list[dict]) -> list[tuple[str, int]]:
    """How many times it voted yes, no and abstained (recorded votes)."""
    counts = {"yes": 0, "no": 0, "abstain": 0}
    for h in history:
        for v in h["votes"]:
            counts[v["vote"]] += 1
    return list(counts.items()) if any(counts.values()) else []


def history_csv(history: list[dict]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["meeting", "meeting_label", "body", "number", "start_date", "end_date", "capacity", "offices",
                "items_spoken_on", "drafts_sponsored", "votes"])
    for h in history:
        w.writerow([h["meeting"]["iri"], h["meeting"]["label"], h["body"]["code"] if h["body"] else "",
                    h["number"] if h["number"] is not None else "", h["start_date"] or "", h["end_date"] or "",
                    "; ".join(h["capacity"]), "; ".join(h["offices"]), "; ".join(h["items_spoken_on"]),
                    "; ".join(d["symbol"] for d in h["drafts_sponsored"]),
                    "; ".join(f"{v['draft']['symbol']}: {v['vote']}" for v in h["votes"])])
    return out.getvalue().encode("utf-8")
