"""Stage `web`: the reading view of a report's language version: its paragraphs in order, each with its number (or
line) and page, and beside it the facts the graph says are stated in it (`unkg:statedIn`), each as a link to the thing
it is about — the State, the meeting, the draft, the decision, the vote."""
from __future__ import annotations

from pyoxigraph import NamedNode

from unkg.graph.terms import ONTOLOGY
from unkg.web.facts import pick, select, value
from unkg.web.site import Site, paragraph_anchor
from unkg.web.vocab import concept_label, ui_text

# the class of a fact node -> the kind of fact shown, in order of preference (a SessionPart is also a Meeting)
FACT_KINDS = (("Participation", "participant"), ("FocalPointDelegation", "participant"), ("Statement", "speaker"),
              ("Sponsorship", "sponsor"), ("VoteEvent", "vote"), ("ActionOnDraft", "draft"),
              ("Resolution", "decision"), ("NumberedDecision", "decision"), ("Post", "officer"),
              ("AgendaItem", "agenda-item"), ("Recommendation", "outcome"), ("Outcome", "outcome"),
              ("MeetingAct", "act"), ("Sitting", "sitting"), ("SessionPart", "meeting"), ("ResumedSession", "meeting"),
              ("OrganizationalSession", "meeting"), ("Meeting", "meeting"))
# what a fact is about, read with it: the link of a participation is its participant, of an action its draft...
ABOUT = ("participant", "sponsor", "sponsoredDraft", "onDraft", "voteOn", "fromState", "heldBy", "officerRole", "role",
         "itemNumber", "subItem", "outcomeKind", "letter", "actKind", "sittingNumber", "numberOfVotesFavour",
         "numberOfVotesAgainst", "numberOfVotesAbstention", "actionOutcome", "text")
ORDER = {kind: i for i, kind in enumerate(["meeting", "sitting", "officer", "agenda-item", "participant", "speaker",
                                           "draft", "sponsor", "vote", "decision", "outcome", "act"])}


def paragraphs(site: Site, expression: str, langs: list[str]) -> list[dict]:
    """The paragraphs of one language version in order (the first page first), each with its facts."""
    e = NamedNode(expression)
    rows = select(site, """SELECT DISTINCT ?para ?n ?line ?page ?text WHERE { GRAPH ?g { ?para unkg:inExpression ?e .
        OPTIONAL { ?para unkg:paragraphNumber ?n } OPTIONAL { ?para unkg:lineNumber ?line }
        OPTIONAL { ?para unkg:page ?page } OPTIONAL { ?para unkg:text ?text } } }""", e=e)
    stated = select(site, """SELECT DISTINCT ?para ?s ?type WHERE { GRAPH ?g { ?para unkg:inExpression ?e .
        ?s unkg:statedIn ?para ; a ?type } }""", e=e)
    kinds: dict[str, str] = {}
    for r in sorted(stated, key=lambda r: _rank(r["type"].value)):
        kinds.setdefault(r["s"].value, _kind(r["type"].value))
    about = _about(site, list(kinds))
    named = {x.value for props in about.values() for p, xs in props.items() for x in xs
             if isinstance(x, NamedNode) and p not in ("officerRole", "role", "outcomeKind", "actionOutcome")}
    named |= set(kinds) | {n.rsplit("/sitting/", 1)[0] for n, k in kinds.items() if k == "sitting"}
    labels = site.labels(sorted(named), langs)
    lang = langs[0]
    by_para: dict[str, dict] = {}
    for r in rows:
        para = r["para"].value
        entry = by_para.setdefault(para, {"iri": para, "anchor": (paragraph_anchor(para, site.base) or ("", ""))[1],
                                          "page": value(r, "page"), "text": value(r, "text"), "facts": []})
        if r.get("line") is not None:
            entry["line"] = value(r, "line")
        elif r.get("n") is not None:
            entry["number"] = value(r, "n")
    for r in stated:
        entry = by_para.get(r["para"].value)
        node = r["s"].value
        if entry is None or any(f["fact"] == node for f in entry["facts"]) or kinds.get(node) is None:
            continue
        entry["facts"].append(fact(kinds[node], node, about.get(node, {}), labels, langs) | {"fact": node})
    for entry in by_para.values():
        entry["facts"].sort(key=lambda f: (ORDER.get(f["kind"], 99), f["label"]))
        for f in entry["facts"]:
            f["kind_label"] = ui_text(f"fact_{f['kind']}", lang)
    return sorted(by_para.values(), key=lambda p: (p.get("number", p.get("line", 0)) if p["anchor"] != "front" else -1,
                                                   p["anchor"]))


def _rank(type_iri: str) -> int:
    local = type_iri[len(ONTOLOGY):] if type_iri.startswith(ONTOLOGY) else ""
    return next((i for i, (cls, _) in enumerate(FACT_KINDS) if cls == local), len(FACT_KINDS))


def _kind(type_iri: str) -> str | None:
    local = type_iri[len(ONTOLOGY):] if type_iri.startswith(ONTOLOGY) else ""
    return next((kind for cls, kind in FACT_KINDS if cls == local), None)


def _about(site: Site, nodes: list[str]) -> dict[str, dict[str, list]]:
    """For each fact node, what it is about (participant, draft, counts...), by property."""
    out: dict[str, dict[str, list]] = {}
    wanted = " ".join(f"unkg:{p}" for p in ABOUT)
    for i in range(0, len(nodes), 200):
        values = " ".join(str(NamedNode(n)) for n in nodes[i:i + 200])
        for r in select(site, f"""SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} VALUES ?p {{ {wanted} }}
                GRAPH ?g {{ ?s ?p ?o }} }}"""):
            out.setdefault(r["s"].value, {}).setdefault(r["p"].value[len(ONTOLOGY):], []).append(r["o"])
    return out


def fact(kind: str, node: str, about: dict[str, list], labels: dict[str, str], langs: list[str]) -> dict:
    """One fact as the reader follows it: the kind, the thing it links to and its label."""
    lang = langs[0]

    def first(prop: str):
        return about[prop][0] if about.get(prop) else None

    def name(term) -> str:
        return labels.get(term.value) or term.value.rsplit("/", 1)[-1] if term is not None else ""

    if kind in ("participant", "speaker", "sponsor"):
        who = first("participant") or first("sponsor")
        label = name(who)
        if kind == "participant" and first("role") is not None:
            label += f" ({concept_label(first('role').value, langs)})"
        if kind == "sponsor" and first("sponsoredDraft") is not None:
            label += f" ({name(first('sponsoredDraft'))})"
        return {"kind": kind, "iri": who.value if who is not None else node, "label": label}
    if kind in ("draft", "vote"):
        draft = first("onDraft") or first("voteOn")
        label = name(draft)
        if kind == "draft" and first("actionOutcome") is not None:
            label += ": " + concept_label(first("actionOutcome").value, langs)
        if kind == "vote":
            counts = [(int(first(p).value), ui_text(word, lang)) for p, word in (
                ("numberOfVotesFavour", "yes"), ("numberOfVotesAgainst", "no"), ("numberOfVotesAbstention", "abstain"))
                if first(p) is not None]
            label += ": " + " · ".join(f"{word} {n}" for n, word in counts) if counts else ""
        return {"kind": kind, "iri": draft.value if draft is not None else node, "label": label}
    if kind == "officer":
        role = concept_label(first("officerRole").value, langs) if first("officerRole") is not None else ""
        state = first("fromState")
        holder = name(first("heldBy")) if first("heldBy") is not None else ""
        label = f"{role}: {holder}" + (f" ({name(state)})" if state is not None else "")
        return {"kind": kind, "iri": state.value if state is not None else node, "label": label}
    if kind == "agenda-item":
        number = f"{first('itemNumber').value}{' (' + first('subItem').value + ')' if first('subItem') else ''}" \
            if first("itemNumber") is not None else ""
        return {"kind": kind, "iri": node, "label": f"{number} {labels.get(node, '')}".strip()}
    if kind == "outcome":
        what = concept_label(first("outcomeKind").value, langs) if first("outcomeKind") is not None else \
            (first("letter").value + ")" if first("letter") is not None else "")
        text = pick(about.get("text", []), langs) or labels.get(node, "")
        return {"kind": kind, "iri": node, "label": f"{what} {text[:120]}".strip()}
    if kind == "act":
        act = first("actKind").value if first("actKind") is not None else ""
        key = f"act_{act}"
        return {"kind": kind, "iri": node, "label": ui_text(key, lang) if _has_text(key) else act}
    if kind == "sitting":
        meeting = node.rsplit("/sitting/", 1)[0]
        number = first("sittingNumber").value if first("sittingNumber") is not None else node.rsplit("/", 1)[-1]
        return {"kind": kind, "iri": meeting, "label": f"{labels.get(meeting, '')} · {number}".strip(" ·")}
    return {"kind": kind, "iri": node, "label": labels.get(node) or node.rsplit("/", 1)[-1]}


def _has_text(key: str) -> bool:
    try:
        ui_text(key, "en")
    except KeyError:
        return False
    return True
