"""Stage `web`: the page of a body: its name in the page's language and its names in the six languages, its meetings in
order with dates, and who attended which (participants × meetings)."""
from __future__ import annotations

import csv
import io

from pyoxigraph import Literal, NamedNode

from unkg.web.site import Site
from unkg.web.facts import DIGITAL_LIBRARY, pick, select, value
from unkg.web.vocab import concept_label

LANGS = ("ar", "zh", "en", "fr", "ru", "es")


def body_data(site: Site, iri: str, langs: list[str]) -> dict | None:
    b = NamedNode(iri)
    facts = select(site, "SELECT DISTINCT ?p ?o WHERE { GRAPH ?g { ?b ?p ?o } }", b=b)
    if not any(r["p"].value.endswith("#type") and r["o"].value.endswith("#Body") for r in facts):
        return None
    code = next((r["o"].value for r in facts if r["p"].value.endswith("#code")), iri.rsplit("/", 1)[-1])
    parent = next((r["o"].value for r in facts if r["p"].value.endswith("#subOrganizationOf")), None)
    meetings = select(site, """SELECT DISTINCT ?m ?n ?start ?end WHERE { GRAPH ?g { ?m unkg:body ?b .
        OPTIONAL { ?m unkg:meetingNumber ?n } OPTIONAL { ?m unkg:startDate ?start } OPTIONAL { ?m unkg:endDate ?end } } }""",
                      b=b)
    attended = select(site, """SELECT DISTINCT ?m ?who ?role WHERE { GRAPH ?g { ?m unkg:body ?b .
        ?pt unkg:inMeeting ?m ; unkg:participant ?who ; unkg:role ?role } }""", b=b)
    subs = select(site, "SELECT DISTINCT ?sub WHERE { GRAPH ?g { ?sub unkg:subOrganizationOf ?b } }", b=b)
    by_meeting = {}
    for r in meetings:
        by_meeting.setdefault(r["m"].value, {"iri": r["m"].value, "number": value(r, "n"),
                                             "start_date": value(r, "start"), "end_date": value(r, "end")})
    ordered = sorted(by_meeting.values(), key=lambda m: (m["start_date"] or "", m["number"] or 0))
    people = list(dict.fromkeys(r["who"].value for r in attended))
    labels = site.labels([m["iri"] for m in ordered] + people + [iri] + ([parent] if parent else [])
                         + [r["sub"].value for r in subs], langs)
    for m in ordered:
        m["label"] = labels.get(m["iri"], m["iri"])
    cells: dict[tuple[str, str], list[str]] = {}
    for r in attended:
        cells.setdefault((r["who"].value, r["m"].value), []).append(concept_label(r["role"].value, langs))
    rows = [{"iri": p, "label": labels.get(p, p.rsplit("/", 1)[-1]),
             "cells": ["; ".join(sorted(set(cells.get((p, m["iri"]), [])))) for m in ordered]} for p in people]
    rows.sort(key=lambda r: r["label"])
    names = [r["o"] for r in facts if r["p"].value.endswith(("prefLabel", "#label")) and isinstance(r["o"], Literal)]
    by_lang = {lang: sorted({n.value for n in names if n.language == lang}) for lang in LANGS}
    return {"iri": iri, "label": pick(names, langs) or labels.get(iri) or code, "code": code,
            "names": {lang: ns for lang, ns in by_lang.items() if ns},
            "parent": {"iri": parent, "label": labels.get(parent, parent)} if parent else None,
            "parts": [{"iri": r["sub"].value, "label": labels.get(r["sub"].value, r["sub"].value)} for r in subs],
            "series_documents": DIGITAL_LIBRARY.format(symbol=code + "/*"),
            "meetings": ordered, "matrix": rows}


def matrix_csv(data: dict) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["participant", "participant_label"] + [m["iri"] for m in data["meetings"]])
    for r in data["matrix"]:
        w.writerow([r["iri"], r["label"]] + r["cells"])
    return out.getvalue().encode("utf-8")
