"""Stage `web`: codes shown to readers by their labels from the ontology, in the page's language (never the bare code)."""
from __future__ import annotations

from functools import cache

import pyoxigraph

from unkg.graph.terms import ONTOLOGY
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
