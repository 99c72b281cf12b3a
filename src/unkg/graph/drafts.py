"""Stage `graph`: drafts considered by a committee as RDF — each draft a document (or, without a symbol of its
own, a draft designated by the document that holds it, or an amendment proposed orally), what this meeting did
with it (an ActionOnDraft with its outcome, method, sitting and oral revision), the vote with its counts and each
State's vote, the separate votes on its parts (an ActionOnPart each, with a vote of its own), amendments (drafts
that `amends` another), the sponsorships, and the records of the discussion."""
from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from unkg.graph.builder import Builder
from unkg.graph.terms import DCTERMS, RDF_TYPE, U, integer, slug, typed
from unkg.lang import symbols
from unkg.model import Draft, PartVote


_DRAFT_CLASS = {"resolution": "DraftResolution", "decision": "DraftDecision", "amendment": "Amendment"}


_VOTER = {"yes": "hadVoterFavour", "no": "hadVoterAgainst", "abstain": "hadVoterAbstention"}


_INTENDED = {"yes": "hadIntendedVoterFavour", "no": "hadIntendedVoterAgainst", "abstain": "hadIntendedVoterAbstention"}


_COUNT = {"yes": "numberOfVotesFavour", "no": "numberOfVotesAgainst", "abstain": "numberOfVotesAbstention"}


def draft_facts(b: Builder) -> None:
    """Drafts, the committee's action on each, sponsors and recorded votes; the summary records.

    A draft is a document: its IRI comes from its symbol alone, the same in every report that
    names it (and a revision `revises` what it revises, named by its symbol even where the text
    never prints it).  A draft without a symbol of its own has its IRI from the document that holds
    it and its label, an oral amendment from the meeting and its proposer.  What this committee did
    with it is a node of this meeting: {meeting}/action/{path}, with its vote {meeting}/vote/{path}."""
    r = b.r
    nodes = {d.symbol: draft_node(b, d) for d in r.drafts}
    for d in r.drafts:
        path = _path(d)
        draft = nodes[d.symbol]
        if d.title:
            b.add(draft, NamedNode(DCTERMS + "title"), b.text(d.title))
        if d.amends is not None:
            b.add(draft, U("amends"), nodes.get(d.amends) or b.document(d.amends))
        act = NamedNode(f"{b.meeting.value}/action/{path}")
        b.add(act, RDF_TYPE, U("ActionOnDraft"))
        b.add(act, U("onDraft"), draft)
        b.add(act, U("actionAt"), b.meeting)
        b.add(act, U("actionBy"), b.body)
        if d.action:
            b.add(act, U("actionOutcome"), b.concept("outcome", d.action))
        if d.method:
            b.add(act, U("decisionMethod"), b.concept("method", d.method))
        if d.sitting is not None:
            b.add(act, U("atSitting"), NamedNode(f"{b.meeting.value}/sitting/{d.sitting}"))
        if d.recommended and b.parent is not None:
            b.add(act, U("recommendedTo"), b.parent)
        if d.orally_revised:
            b.add(act, U("orallyRevised"), typed("true", "boolean"))
        b.stated(act, d.action_source or d.source)
        _vote(b, act, draft, d, NamedNode(f"{b.meeting.value}/vote/{path}"), d.action_source or d.source)
        seen: dict[str, int] = {}
        for part in d.parts:
            seen[part.part] = seen.get(part.part, 0) + 1
            key = slug(part.part) + (f"-{seen[part.part]}" if seen[part.part] > 1 else "")
            _part(b, act, draft, part, f"{path}/part/{key}")
        for s in d.sponsors:
            node = NamedNode(f"{b.meeting.value}/sponsorship/{path}/{b.participant_code(s.entity)}")
            b.add(node, RDF_TYPE, U("Sponsorship"))
            b.add(node, U("sponsor"), b.entity(s.entity))
            b.add(node, U("sponsoredDraft"), draft)
            b.add(node, U("sponsorshipKind"), b.concept("sponsorship", s.how))
            b.stated(node, s.source)
    for record in r.meeting_records:
        node = b.document(record.symbol)
        b.add(node, RDF_TYPE, U("MeetingRecord"))
        b.add(b.meeting, U("recordedIn"), node)


def draft_node(b: Builder, d: Draft) -> NamedNode:
    """The draft as a resource: its document, or a draft designated by its holder and label (an oral
    amendment by its meeting and proposer), with the designation as its symbol-like identifier."""
    cls = U(_DRAFT_CLASS[d.kind])
    if d.own_symbol:
        node = b.document(d.symbol)
        b.add(node, RDF_TYPE, cls)
        try:
            base = symbols.parse(d.symbol).base
        except ValueError:
            base = None
        if base and "/Rev." in d.symbol[len(base):]:
            b.document(base)  # what a revision revises, by its symbol alone (L.20 for L.20/Rev.1)
        return node
    if d.oral:
        node = NamedNode(f"{b.meeting.value}/{slug(d.symbol)}")
    else:  # the same IRI in every language version: the holder, the kind and the number of the label
        node = NamedNode(f"{b.iris.doc(d.holder).value}/draft/{d.kind}" + (f"/{d.number}" if d.number else ""))
        b.add(node, U("containedIn"), b.document(d.holder))
    b.add(node, RDF_TYPE, cls)
    b.add(node, U("symbol"), Literal(d.symbol, datatype=U("DraftDesignation")))
    return node


def _path(d: Draft) -> str:
    return symbols.path_segment(d.symbol) if d.own_symbol else slug(d.symbol)


def _vote(b: Builder, act: NamedNode, draft: NamedNode, unit: Draft | PartVote, event: NamedNode, source) -> None:
    """The vote of an action: the counts (where there was a vote) and who voted how."""
    votes = unit.votes
    counts = unit.counts() if unit.method in ("vote", "recorded-vote") else {}
    if not votes and not counts:
        return
    b.add(act, U("hadVote"), event)
    b.add(event, RDF_TYPE, U("VoteEvent"))
    b.add(event, U("voteOn"), draft)
    for key, value in counts.items():
        b.add(event, U(_COUNT[key]), integer(value))
    for v in votes:
        b.add(event, U((_INTENDED if v.intended else _VOTER)[v.vote]), b.entity(v.entity))
    b.stated(event, votes[0].source if votes else source)


def _part(b: Builder, whole: NamedNode, draft: NamedNode, part: PartVote, path: str) -> None:
    """A separate vote on a part of a draft: an action of its own, with its own vote."""
    act = NamedNode(f"{b.meeting.value}/action/{path}")
    b.add(act, RDF_TYPE, U("ActionOnPart"))
    b.add(act, U("partOfDraft"), draft)
    b.add(act, U("partLabel"), Literal(part.part))
    b.add(act, U("partOfAction"), whole)
    b.add(act, U("actionAt"), b.meeting)
    if part.action:
        b.add(act, U("actionOutcome"), b.concept("outcome", part.action))
    if part.method:
        b.add(act, U("decisionMethod"), b.concept("method", part.method))
    b.stated(act, part.source)
    _vote(b, act, draft, part, NamedNode(f"{b.meeting.value}/vote/{path}"), part.source)
