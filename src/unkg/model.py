"""The facts a report states, as plain typed records (no RDF here).

Every fact carries a `Source`: the paragraph it was read from.  The mapping
to RDF (`unkg.graph`) turns these into triples with provenance.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Source:
    """Where a fact was stated: paragraph number (None for the front matter), or the line
    number when the report numbers no paragraphs (`Report.positions == "line"`)."""

    paragraph: int | None
    sub: str | None = None  # list letter inside the paragraph, e.g. "a"
    page: int | None = None  # page the paragraph starts on, where the input has pages


@dataclass
class Symbol:
    """A parsed UN document symbol."""

    text: str
    series: str  # the body components, e.g. "CTOC/COP/WG.3"
    components: list[str]
    year: int | None = None
    session: int | None = None
    special: str | None = None  # L, CRP, INF, WP, R, PV, SR, RES, PRST …
    number: str | None = None  # number after the special component, or the last number
    modifiers: list[tuple[str, str]] = field(default_factory=list)  # ("Add", "1"), …

    @property
    def base(self) -> str | None:
        """The symbol without its last modifier (what an Add./Corr./Rev. modifies)."""
        if not self.modifiers:
            return None
        return self.text.rsplit("/", 1)[0]


@dataclass
class Entity:
    """A State, the EU, an organization or a body, as resolved from a name."""

    kind: str  # state | reio | igo | ngo | un-entity | body | unresolved
    code: str | None  # ISO alpha-3, "EU", an organization code, a body key
    surface: str  # the words as printed in the report
    name: str | None = None  # canonical name in the report's language


@dataclass
class Participation:
    entity: Entity
    role: str  # party | member | signatory | observer | igo | ngo | un-entity
    source: Source


@dataclass
class FocalPoint:
    entity: Entity
    source: Source


@dataclass
class Statement:
    entity: Entity
    agenda_item: str  # "2" or "1.b"
    source: Source
    introductory: bool = False


@dataclass
class Officer:
    name: str
    role: str  # chair | co-chair | vice-chair | rapporteur
    state: Entity | None
    source: Source


@dataclass
class AgendaItem:
    number: int
    sub: str | None
    title: str
    source: Source

    @property
    def key(self) -> str:
        return f"{self.number}.{self.sub}" if self.sub else str(self.number)


@dataclass
class Recommendation:
    letter: str
    text: str
    addressee: str  # states-parties | secretariat | conference | other
    topic: str | None
    source: Source


@dataclass
class Sitting:
    number: int
    date: date | None
    source: Source


@dataclass
class DocumentBefore:
    """A document before the meeting; a joint document has several symbols."""

    symbols: list[str]
    title: str | None
    source: Source


@dataclass
class CitedDecision:
    reference: str  # "2/2" or a symbol such as "IPBES/1/1"
    kind: str  # decision | resolution
    action: str  # cited | adopted
    source: Source
    organ: str | None = None  # series of the issuing organ where stated or implied by the numbering: A, S, E, A/HRC
    own: bool = False  # "its resolution": issued by the body whose report (or draft text) cites it
    unstated: bool = False  # the text does not say which body adopted it ("A/56/1026, annex II, resolution 14/221")


@dataclass
class Act:
    """An act of the meeting: adoption of the agenda, of the report, …"""

    kind: str  # adoption-of-agenda | adoption-of-report
    sitting: int | None
    date: date | None
    method: str | None  # consensus | None
    chapters: list[str]
    source: Source


@dataclass
class Reference:
    symbol: str
    source: Source


@dataclass
class Warning_:
    """Something the reader should know: an unresolved name, a count mismatch."""

    message: str
    source: Source | None = None


@dataclass
class Report:
    """Everything extracted from one language version of one report."""

    path: str
    symbol: Symbol
    language: str
    job_number: str | None = None
    title: str | None = None
    date: date | None = None
    symbol_origin: str = "given"  # where the symbol came from: given | masthead | running header | AKN form | file name
    distribution: str | None = None  # masthead "Distr.: General"
    original_language: str | None = None  # masthead "Original: English" (as printed)
    masthead_body: str | None = None  # masthead "General Assembly"
    masthead_session: str | None = None  # masthead "Seventy-seventh session"
    masthead_agenda_item: str | None = None  # masthead "Agenda item 56"
    positions: str = "paragraph"  # "line": Source.paragraph numbers lines (text with no paragraph numbers)
    body_series: str = ""
    parent_series: str | None = None
    meeting_number: int | None = None
    meeting_kind: str = "meeting"  # meeting | session
    start_date: date | None = None
    end_date: date | None = None
    place: str | None = None
    meeting_source: Source = field(default_factory=lambda: Source(None))
    sitting_count: int | None = None
    sittings: list[Sitting] = field(default_factory=list)
    officers: list[Officer] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    endorsement_by_parent: bool = False
    statements: list[Statement] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    focal_points: list[FocalPoint] = field(default_factory=list)
    documents: list[DocumentBefore] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    decisions: list[CitedDecision] = field(default_factory=list)
    acts: list[Act] = field(default_factory=list)
    paragraphs: dict[int, str] = field(default_factory=dict)
    paragraph_pages: dict[int, int] = field(default_factory=dict)  # the page each paragraph starts on (paged input)
    body_labels: dict[str, str] = field(default_factory=dict)  # the lexicon's names of bodies
    warnings: list[Warning_] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)  # drafts considered (General Assembly committees)
    meeting_records: list[Reference] = field(default_factory=list)  # summary/verbatim records of the discussion
    outcomes: list[Outcome] = field(default_factory=list)
    session_part: int | None = None  # the report is on part N of a resumed session
    covered: list[CoveredMeeting] = field(default_factory=list)  # other sessions the report also covers
    genre: str | None = None  # data/genres.json: ga-committee, session, working-group, council, resolution, meeting
    quality: list["Measurement"] = field(default_factory=list)  # what the graph holds and lacks (DQV)

    def warn(self, message: str, source: Source | None = None) -> None:
        self.warnings.append(Warning_(message, source))

    def fact_counts(self) -> dict[str, int]:
        """How many facts of each kind were read, by the names of the data-quality metrics (unkg:metric-<kind>)."""
        return {
            "meeting-number": int(self.meeting_number is not None),
            "meeting-dates": int(self.start_date is not None),
            "sittings": len(self.sittings) or int(self.sitting_count is not None),
            "officers": len(self.officers),
            "agenda": len(self.agenda),
            "attendance": len(self.participations) + len(self.focal_points),
            "statements": len(self.statements),
            "documents": len(self.documents),
            "recommendations": len(self.recommendations),
            "outcomes": len(self.outcomes),
            "drafts": len(self.drafts),
            "votes": sum(1 for d in self.drafts if any(not v.intended for v in d.votes)),
            "adoption": sum(1 for a in self.acts if a.kind == "adoption-of-report"),
            "decisions-cited": len(self.decisions),
            "documents-cited": len(self.references),
        }

    def recognised(self) -> dict[str, int]:
        """How many facts of each kind were read (0: not recognised in the text), as convert tells the user."""
        counts = self.fact_counts()
        return {"meeting number": counts["meeting-number"], "dates": counts["meeting-dates"],
                "sittings": counts["sittings"], "officers": counts["officers"], "agenda": counts["agenda"],
                "participants": len(self.participations), "statements": counts["statements"],
                "recommendations": counts["recommendations"], "documents": counts["documents"],
                "decisions": counts["decisions-cited"], "adoption of the report": counts["adoption"],
                "drafts": counts["drafts"]}

    def missing(self) -> list[str]:
        """The kinds of fact the report's genre normally states that were not found."""
        return [m.metric for m in self.quality if m.expected and not m.value]

    def recognition_summary(self) -> str:
        found = self.recognised()
        yes = [f"{k} ({v})" if v > 1 else k for k, v in found.items() if v]
        no = [k for k, v in found.items() if not v]
        return f"recognised: {', '.join(yes) or 'nothing'}; not found: {', '.join(no) or 'nothing'}"


# -- drafts considered by a committee: sponsors, action taken, recorded votes ---------------------


@dataclass
class Sponsorship:
    entity: Entity
    how: str  # submitted | joined
    source: Source


@dataclass
class Vote:
    """How one State voted in a recorded vote; `intended` for a vote stated afterwards
    ("had it been present, it would have voted in favour")."""

    entity: Entity
    vote: str  # yes | no | abstain
    source: Source
    intended: bool = False


@dataclass
class PartVote:
    """A separate vote on a part of a draft ("operative 5 (b)", "preambular 7"): its own action, counts and
    voters, never merged into the vote on the draft as a whole."""

    part: str  # "preambular 5", "operative 2", "operative 5 (b)"
    action: str | None  # retained | deleted | adopted | rejected
    method: str | None
    source: Source
    stated_counts: dict[str, int] = field(default_factory=dict)
    votes: list[Vote] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return _counts(self.stated_counts, self.votes)


def _counts(stated: dict[str, int], votes: list[Vote]) -> dict[str, int]:
    """The stated counts; where the text states none, the lengths of the vote lists."""
    if stated:
        return dict(stated)
    listed = [v for v in votes if not v.intended]
    if not listed:
        return {}
    return {k: sum(1 for v in listed if v.vote == k) for k in ("yes", "no", "abstain")}


@dataclass
class Draft:
    """A draft resolution or decision, or an amendment to one, and what the committee did with it.

    `symbol` is the draft's own symbol (an L. document); a draft without one is designated by the document
    that holds it and its label ("A/99/23 draft resolution I", `holder` the document) or, for an amendment
    proposed orally, by its proposer ("oral amendment CUB 1", `oral`)."""

    symbol: str
    kind: str  # resolution | decision | amendment
    source: Source  # where it is first mentioned
    title: str | None = None
    action: str | None = None  # adopted | rejected | withdrawn | no-action
    method: str | None = None  # without-vote | recorded-vote | vote | consensus
    action_source: Source | None = None
    sitting: int | None = None
    stated_counts: dict[str, int] = field(default_factory=dict)  # yes / no / abstain, as the text states them
    votes: list[Vote] = field(default_factory=list)
    sponsors: list[Sponsorship] = field(default_factory=list)
    recommended: bool = False  # recommended to the parent body (the General Assembly)
    recommended_source: Source | None = None
    parts: list[PartVote] = field(default_factory=list)  # separate votes on parts of the draft
    orally_revised: bool = False  # acted on "as orally revised" / "as orally corrected"
    amends: str | None = None  # an amendment: the symbol (or designation) of the draft it amends
    holder: str | None = None  # a draft without a symbol of its own: the document that holds it
    oral: bool = False  # an amendment proposed orally (its proposer is its sponsor)
    number: int | None = None  # a draft without a symbol: the number of its label ("draft resolution I": 1)

    @property
    def own_symbol(self) -> bool:
        """The draft is a document of its own: `symbol` is a UN document symbol, not a designation."""
        return self.holder is None and not self.oral

    def counts(self) -> dict[str, int]:
        """The stated counts; where the text states none, the lengths of the vote lists."""
        return _counts(self.stated_counts, self.votes)
# -- outcomes, parts of sessions, reports covering several sessions ------------------------

@dataclass
class Outcome:
    """What a meeting adopted under one or more agenda items: conclusions, a (draft) decision, …"""

    kind: str  # conclusions | decision | resolution | recommendation
    agenda_items: list[str]  # agenda keys "3.b"; empty when the report numbers no item
    title: str | None  # its own subject; None: the agenda item's title
    source: Source
    sitting: int | None = None


@dataclass
class CoveredMeeting:
    """A session a report covers besides the one it is about (organizational session, earlier sessions)."""

    kind: str  # session | organizational
    number: int | None
    start_date: date | None
    end_date: date | None
    source: Source


# -- what the graph of a report holds and lacks (W3C Data Quality Vocabulary) -------------------------------

@dataclass
class Measurement:
    """One data-quality measurement of a report's language version: a metric of the ontology (unkg:metric-<metric>)
    and its value; `expected` when the report's genre normally states that kind of fact."""

    metric: str
    value: int
    expected: bool = False
