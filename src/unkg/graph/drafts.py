"""Stage `graph`: drafts considered by a committee as RDF — each draft a document, what this meeting did with it
(an ActionOnDraft with its outcome, method and sitting), the vote with its counts and each State's vote, the
sponsorships, and the records of the discussion."""
from __future__ import annotations

from pyoxigraph import NamedNode

from unkg.graph.builder import Builder
from unkg.graph.terms import DCTERMS, RDF_TYPE, U, integer
from unkg.lang import symbols


_DRAFT_CLASS = {"resolution": "DraftResolution", "decision": "DraftDecision"}


_VOTER = {"yes": "hadVoterFavour", "no": "hadVoterAgainst", "abstain": "hadVoterAbstention"}


_INTENDED = {"yes": "hadIntendedVoterFavour", "no": "hadIntendedVoterAgainst", "abstain": "hadIntendedVoterAbstention"}


_COUNT = {"yes": "numberOfVotesFavour", "no": "numberOfVotesAgainst", "abstain": "numberOfVotesAbstention"}


def draft_facts(b: Builder) -> None:
    """Drafts, the committee's action on each, sponsors and recorded votes; the summary records.

    A draft is a document: its IRI comes from its symbol alone, the same in every report that
    names it (and a revision `revises` what it revises).  What this committee did with it is a
    node of this meeting: {meeting}/action/{symbol}, with its vote {meeting}/vote/{symbol}."""
    r = b.r
    for d in r.drafts:
        path = symbols.path_segment(d.symbol)
        draft = b.document(d.symbol)
        b.add(draft, RDF_TYPE, U(_DRAFT_CLASS[d.kind]))
        if d.title:
            b.add(draft, NamedNode(DCTERMS + "title"), b.text(d.title))
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
        b.stated(act, d.action_source or d.source)
        votes = d.votes
        counts = d.counts() if d.method in ("vote", "recorded-vote") else {}
        if votes or counts:
            event = NamedNode(f"{b.meeting.value}/vote/{path}")
            b.add(act, U("hadVote"), event)
            b.add(event, RDF_TYPE, U("VoteEvent"))
            b.add(event, U("voteOn"), draft)
            for key, value in counts.items():
                b.add(event, U(_COUNT[key]), integer(value))
            for v in votes:
                b.add(event, U((_INTENDED if v.intended else _VOTER)[v.vote]), b.entity(v.entity))
            b.stated(event, votes[0].source if votes else d.action_source or d.source)
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
