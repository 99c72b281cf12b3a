"""Stage `web`: codes shown to readers by their labels from the ontology, in the page's language (never the bare code);
decisions and resolutions under the label a report prints them with."""
from __future__ import annotations

import re
from functools import cache

import pyoxigraph

from unkg.graph.terms import ONTOLOGY
from unkg.lang import symbols
from unkg.resources import ontology_path

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@cache
def _concepts() -> dict[str, dict]:
    """Concept IRI -> {"notation": code, "labels": {lang: label}}."""
    out: dict[str, dict] = {}
    for t in pyoxigraph.parse(ontology_path().read_bytes(), format=pyoxigraph.RdfFormat.TURTLE):
        if t.predicate.value == SKOS + "notation":
            out.setdefault(t.subject.value, {"labels": {}})["notation"] = t.object.value
        elif t.predicate.value == SKOS + "prefLabel":
            out.setdefault(t.subject.value, {"labels": {}})["labels"][t.object.language] = t.object.value
    for t in pyoxigraph.parse(ontology_path().read_bytes(), format=pyoxigraph.RdfFormat.TURTLE):
        if t.predicate.value == RDFS_LABEL and getattr(t.object, "language", None):  # classes: their rdfs:label
            out.setdefault(t.subject.value, {"labels": {}})["labels"].setdefault(t.object.language, t.object.value)
    return out


def concept_label(iri: str, langs: list[str]) -> str:
    """The label of a concept (a role, an officer role, an addressee, a method) or a class, in the reader's
    language."""
    entry = _concepts().get(iri)
    if not entry:
        return iri.rsplit("#", 1)[-1]
    for lang in list(langs) + ["en"]:
        if lang in entry["labels"]:
            return entry["labels"][lang]
    return entry.get("notation", iri)


def kind_label(notation: str, langs: list[str]) -> str:
    """The label of a kind of meeting ("meeting", "session"), from the ontology's meeting-kinds scheme."""
    return concept_label(ONTOLOGY + "kind-" + notation, langs) if ONTOLOGY + "kind-" + notation in _concepts() \
        else notation


@cache
def _ui() -> dict[str, dict[str, str]]:
    import json

    from unkg.resources import data_path

    return json.loads(data_path("ui.json").read_text(encoding="utf-8"))


def ui_text(key: str, lang: str) -> str:
    """An interface word in the page's language (English where the language lacks it)."""
    words = _ui()
    return words.get(lang, {}).get(key) or words["en"][key]


_NOTATION = re.compile(r"/[A-Z][A-Za-z]*\.\d")  # 1/CP.19, 7/CMA.3: the notation names its body


def decision_label(kind: str, reference: str, issuer: str | None, issuer_name: str | None, lang: str) -> str:
    """A decision or resolution as a report prints it, in the page's language: "resolution 36/87 A",
    "Security Council resolution 2334 (2016)", "decision 1/CP.19". The issuer is named unless the
    reference names it already: a General Assembly resolution, a notation, a document symbol."""
    kind = "resolution" if kind == "resolution" else "decision"
    reference = reference.replace(" (", ui_text("ref_paren", lang))  # 第242(1967)号决议: no space in Chinese
    named = issuer and issuer != "A" and not _NOTATION.search(reference) and not symbols.is_symbol(reference)
    if named and issuer_name:
        return ui_text(f"cite_{kind}_of", lang).format(ref=reference, body=issuer_name)
    return ui_text(f"cite_{kind}", lang).format(ref=reference)
