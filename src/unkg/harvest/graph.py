"""Stage `harvest` (links out): the catalogue's facts about a report as RDF quads in the report's named graph.

A report converted from its file knows what its text says; the catalogue adds
what librarians recorded: the record itself (linked with unkg:catalogueRecord),
the UNBIS subject terms (dcterms:subject to SKOS concepts with their English
labels, in the UNBIS scheme), and the issuing body as the catalogue names it
(unkg:catalogueBody, beside the body unkg reads from the symbol).  They go into
the same graph as the report, so that loading replaces both at once.
"""
from __future__ import annotations

from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from unkg.graph.terms import DCTERMS, IRIs, ONTOLOGY, RDF_TYPE, SKOS, U
from unkg.harvest.catalogue import Record

UNBIS_SCHEME = U("unbis")
SKOS_CONCEPT = NamedNode(SKOS + "Concept")


def record_iri(dl: str, record_id: str) -> NamedNode:
    """{DL}/record/ID; the id is checked to be a number, so nothing from the record reaches the IRI raw."""
    if not record_id.isdigit():
        raise ValueError(f"catalogue record id {record_id!r} is not a number")
    return NamedNode(f"{dl.rstrip('/')}/record/{record_id}")


def subject_iri(base: str, label: str) -> NamedNode:
    """A UNBIS term by its English label: the catalogue gives labels, not the thesaurus' identifiers.
    Case and spacing are not part of the term; spaces become "_", anything else unsafe is escaped."""
    words = " ".join(label.split()).lower().replace(" ", "_")
    return NamedNode(f"{IRIs(base).base}id/unbis/{quote(words, safe='_-.')}")


def work_of(quads) -> NamedNode | None:
    """The report (the work, language-independent) a converted graph is about."""
    report = NamedNode(ONTOLOGY + "Report")
    for q in quads:
        if q.predicate == RDF_TYPE and q.object == report:
            return q.subject
    return None


def catalogue_quads(record: Record, work: NamedNode, graph: NamedNode, dl: str, base: str) -> list[Quad]:
    """The catalogue's facts about `work`, in `graph`."""
    made = [(work, U("catalogueRecord"), record_iri(dl, record.id))]
    for label in record.subjects:
        concept = subject_iri(base, label)
        made += [(work, NamedNode(DCTERMS + "subject"), concept), (concept, RDF_TYPE, SKOS_CONCEPT),
                 (concept, RDF_TYPE, U("SubjectTerm")),
                 (concept, NamedNode(SKOS + "prefLabel"), Literal(" ".join(label.split()), language="en")),
                 (concept, NamedNode(SKOS + "inScheme"), UNBIS_SCHEME)]
    for body in record.bodies:
        made.append((work, U("catalogueBody"), Literal(" ".join(body.split()))))
    return [Quad(s, p, o, graph) for s, p, o in dict.fromkeys(made)]
