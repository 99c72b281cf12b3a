"""The fast validator finds what pySHACL finds, on valid graphs and on broken ones."""
from __future__ import annotations

import pyoxigraph
import pytest

from unkg.pipeline.convert import convert_file
from unkg.graph.shacl import UnsupportedShape, _compile_constraint, validate_triples
from unkg.graph.validate import validate_quads

from ..conftest import EXAMPLES, ROOT

UNKG = "https://w3id.org/unkg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SOURCES = [EXAMPLES / "example-report.ru.txt", ROOT / "tests" / "data" / "example" / "example-report.zh.txt"]


def quads_of(path):
    return convert_file(path).quads


def same_violations(quads):
    fast = {(v.focus, v.path) for v in validate_triples(quads)}
    slow = {(v.focus, v.path) for v in validate_quads(quads, engine="pyshacl").violations}
    assert fast == slow
    return fast


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_valid_graphs_conform_for_both(source):
    assert same_violations(quads_of(source)) == set()


PREDICATES = ["startDate", "endDate", "meetingNumber", "body", "letter", "addressee", "text", "symbol", "undocs",
              "statedIn", "participant", "inMeeting", "role", "hasExpression", "reportOf", "languageCode",
              "itemNumber", "officerRole", "heldBy", "code", "reference", "issuedBy", "actKind", "inExpression"]


@pytest.mark.parametrize("predicate", PREDICATES)
def test_dropping_a_property(predicate):
    quads = [q for q in quads_of(SOURCES[0]) if q.predicate.value != UNKG + predicate]
    assert same_violations(quads), f"dropping unkg:{predicate} should violate a shape"


def _replace(quads, predicate, make):
    return [pyoxigraph.Quad(q.subject, q.predicate, make(q.object), q.graph_name)
            if q.predicate.value == UNKG + predicate else q for q in quads]


@pytest.mark.parametrize("predicate,make", [
    ("startDate", lambda o: pyoxigraph.Literal(o.value)),  # a date as a plain string
    ("endDate", lambda o: pyoxigraph.Literal("2001-01-01", datatype=pyoxigraph.NamedNode(XSD + "date"))),
    ("meetingNumber", lambda o: pyoxigraph.Literal("0", datatype=pyoxigraph.NamedNode(XSD + "integer"))),
    ("letter", lambda o: pyoxigraph.Literal("ab1")),
    ("text", lambda o: pyoxigraph.Literal(o.value)),
    ("role", lambda o: pyoxigraph.NamedNode(UNKG + "role-nobody")),
    ("participant", lambda o: pyoxigraph.NamedNode("https://example.org/nothing")),
    ("languageCode", lambda o: pyoxigraph.Literal("de")),
    ("jobNumber", lambda o: pyoxigraph.Literal("no job")),
    ("undocs", lambda o: pyoxigraph.Literal(o.value)),
])
def test_wrong_values(predicate, make):
    assert same_violations(_replace(quads_of(SOURCES[0]), predicate, make))


def test_unsupported_constraints_are_refused():
    import rdflib

    g = rdflib.Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> sh:path <urn:p> ; sh:qualifiedMinCount 1 .""", format="turtle")
    with pytest.raises(UnsupportedShape):
        _compile_constraint(g, rdflib.URIRef("urn:s"), "urn:p", "urn:shape")


def test_duplicate_triples_count_once():
    """Regression: the same report in two files (text and AKN) gave every value twice and maxCount failed."""
    quads = quads_of(SOURCES[0])
    assert validate_triples(quads + quads) == []


def test_the_same_triple_in_two_named_graphs_counts_once():
    """A graph is a set of triples: two files describing one report load into two named graphs."""
    from pyoxigraph import NamedNode, Quad

    quads = quads_of(SOURCES[0])
    elsewhere = [Quad(q.subject, q.predicate, q.object, NamedNode("urn:unkg:another-file")) for q in quads]
    assert validate_triples(quads + elsewhere) == []


def test_the_builders_tuples_read_as_distinct_give_what_quads_give():
    # the batch validates the builder's (s, p, o) tuples, known distinct; a broken graph must still be caught
    from pyoxigraph import Literal, NamedNode

    from unkg.extract.report import extract_file
    from unkg.graph.mapping import statements

    made = statements(extract_file(SOURCES[0]))
    assert validate_triples(made, distinct=True) == [] == validate_triples(made)
    meeting = next(s for s, p, o in made if p.value.endswith("#meetingNumber"))
    broken = made + [(meeting, NamedNode(UNKG + "meetingNumber"), Literal("not a number"))]
    assert {(v.focus, v.path) for v in validate_triples(broken, distinct=True)} \
        == {(v.focus, v.path) for v in validate_triples(quads_of(SOURCES[0]) + [
            pyoxigraph.Quad(*t) for t in broken[-1:]])} != set()


GA_EXAMPLE = ROOT / "tests" / "data" / "ga-committee-example.en.txt"


def test_committee_report_conforms_for_both():
    assert same_violations(quads_of(GA_EXAMPLE)) == set()


@pytest.mark.parametrize("predicate", ["onDraft", "actionAt", "sponsor", "sponsoredDraft", "sponsorshipKind",
                                       "voteOn"])
def test_committee_report_dropping_a_property(predicate):
    quads = [q for q in quads_of(GA_EXAMPLE) if q.predicate.value != UNKG + predicate]
    assert same_violations(quads), f"dropping unkg:{predicate} should violate a shape"


@pytest.mark.parametrize("predicate,make", [
    ("actionOutcome", lambda o: pyoxigraph.NamedNode(UNKG + "outcome-postponed")),
    ("decisionMethod", lambda o: pyoxigraph.NamedNode(UNKG + "method-acclamation")),
    ("sponsorshipKind", lambda o: pyoxigraph.NamedNode(UNKG + "sponsorship-drafted")),
    ("numberOfVotesFavour", lambda o: pyoxigraph.Literal("-1", datatype=pyoxigraph.NamedNode(XSD + "integer"))),
    ("numberOfVotesAgainst", lambda o: pyoxigraph.Literal(o.value)),
    ("hadVoterAgainst", lambda o: pyoxigraph.NamedNode("https://example.org/nothing")),
])
def test_committee_report_wrong_values(predicate, make):
    assert same_violations(_replace(quads_of(GA_EXAMPLE), predicate, make))


DRAFTS_EXAMPLE = ROOT / "tests" / "data" / "drafts" / "amendments.en.txt"  # amendments, an oral one, parts
UNNUMBERED_EXAMPLE = ROOT / "tests" / "data" / "drafts" / "unnumbered.en.txt"  # drafts without a symbol of their own


@pytest.mark.parametrize("source", [DRAFTS_EXAMPLE, UNNUMBERED_EXAMPLE], ids=lambda p: p.name)
def test_amendments_parts_and_drafts_without_a_symbol_conform_for_both(source):
    assert same_violations(quads_of(source)) == set()


@pytest.mark.parametrize("predicate", ["partOfDraft", "partLabel", "partOfAction"])
def test_a_separate_vote_dropping_a_property(predicate):
    quads = [q for q in quads_of(DRAFTS_EXAMPLE) if q.predicate.value != UNKG + predicate]
    assert same_violations(quads), f"dropping unkg:{predicate} should violate a shape"


@pytest.mark.parametrize("predicate,make", [
    ("partLabel", lambda o: pyoxigraph.Literal("the fifth paragraph")),
    ("orallyRevised", lambda o: pyoxigraph.Literal("yes")),
    ("amends", lambda o: pyoxigraph.NamedNode("https://example.org/nothing")),
    ("symbol", lambda o: pyoxigraph.Literal(o.value)),  # a designation or symbol as a plain string
])
def test_drafts_of_every_kind_wrong_values(predicate, make):
    assert same_violations(_replace(quads_of(DRAFTS_EXAMPLE), predicate, make))


def test_a_separate_vote_is_not_withdrawn():
    """A part of a draft is retained, deleted, adopted or rejected; the outcomes of a whole draft are not its own."""
    quads = [pyoxigraph.Quad(q.subject, q.predicate, pyoxigraph.NamedNode(UNKG + "outcome-withdrawn"), q.graph_name)
             if q.predicate.value == UNKG + "actionOutcome" and "/part/" in q.subject.value else q
             for q in quads_of(DRAFTS_EXAMPLE)]
    assert any(v[0].endswith("/part/preambular-7") for v in same_violations(quads))


def test_each_shapes_generated_quick_test_never_hides_a_violation(monkeypatch):
    # every triple of a rich report dropped, or its object made wrong, one at a time: the violations found with
    # the shapes' generated quick tests are those found checking every constraint one by one
    import random

    from pyoxigraph import BlankNode, Literal, NamedNode

    from unkg.extract.report import extract_file
    from unkg.graph import shacl
    from unkg.graph.mapping import statements

    made = statements(extract_file(GA_EXAMPLE))
    wrong = [Literal("x"), Literal("x", language="en"), Literal("-1", datatype=NamedNode(XSD + "integer")),
             NamedNode("urn:x"), BlankNode("b0")]
    rng = random.Random(5)
    cases = [made[:i] + made[i + 1:] for i in rng.sample(range(len(made)), 150)]
    cases += [made[:i] + [(made[i][0], made[i][1], rng.choice(wrong))] + made[i + 1:]
              for i in rng.sample(range(len(made)), 300)]
    with_quick = [[(v.focus, v.path, v.message) for v in shacl.validate_triples(c)] for c in cases]
    for shape in shacl.compiled_shapes()[0]:
        monkeypatch.setattr(shape, "quick", None)
    without = [[(v.focus, v.path, v.message) for v in shacl.validate_triples(c)] for c in cases]
    assert with_quick == without
    assert sum(bool(v) for v in without) > 200  # the mutations do break the graph
