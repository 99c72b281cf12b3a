"""Map extracted facts to RDF triples in the unkg ontology.

IRIs are derived from the facts only (document symbol, body series, meeting
number, ISO 3166 code, agenda number, recommendation letter), never from the
file or the language, so that the same report converted twice, or two language
versions of it, give the same IRIs.  Triples are built as pyoxigraph terms:
the benchmark (bench/bench_convert.py) shows building them is several times
faster than building an rdflib graph.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date

from pyoxigraph import Literal, NamedNode, Quad, Triple

from . import citations, symbols
from .model import Entity, Report, Source
from .names import bodies, countries, known_entities, wikidata
from .outcomes import notation_issuer

ONTOLOGY = "https://w3id.org/unkg/ontology#"
DEFAULT_BASE = "https://w3id.org/unkg/"
LANGS = ("ar", "zh", "en", "fr", "ru", "es")

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"


def U(local: str) -> NamedNode:
    return NamedNode(ONTOLOGY + local)


def typed(value, datatype: str) -> Literal:
    return Literal(str(value), datatype=NamedNode(XSD + datatype))


def integer(value: int) -> Literal:
    return typed(value, "integer")


def day(value: date) -> Literal:
    return typed(value.isoformat(), "date")


def symbol_literal(text: str) -> Literal:
    return Literal(text, datatype=U("DocumentSymbol"))


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-")


class IRIs:
    """Mint the IRIs of one report's facts under a configurable base."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def _n(self, path: str) -> NamedNode:
        return NamedNode(self.base + path)

    def doc(self, symbol: str) -> NamedNode:
        return self._n(f"id/doc/{symbols.path_segment(symbol)}")

    def expression(self, symbol: str, lang: str) -> NamedNode:
        return NamedNode(f"{self.doc(symbol).value}/{lang}")

    def paragraph(self, symbol: str, lang: str, number: int | None, unit: str = "paragraph") -> NamedNode:
        """A numbered paragraph, or a line of a text that numbers none (unit "line")."""
        part = f"{'line' if unit == 'line' else 'para'}/{number}" if number is not None else "front"
        return NamedNode(f"{self.expression(symbol, lang).value}/{part}")

    def graph(self, symbol: str, lang: str) -> NamedNode:
        return self._n(f"graph/{symbols.path_segment(symbol)}/{lang}")

    def body(self, series: str) -> NamedNode:
        return self._n(f"id/body/{symbols.path_segment(series)}")

    def secretariat(self, series: str) -> NamedNode:
        return NamedNode(f"{self.body(series).value}/secretariat")

    def meeting(self, report: Report) -> NamedNode:
        series = symbols.path_segment(report.body_series)
        if report.meeting_number is not None:
            session = self._n(f"id/meeting/{series}/{report.meeting_number}")
            return NamedNode(f"{session.value}/part/{report.session_part}") if report.session_part else session
        return self._n(f"id/meeting/by-report/{symbols.path_segment(report.symbol.text)}")

    def state(self, code: str) -> NamedNode:
        return self._n(f"id/state/{code}")

    def org(self, code: str) -> NamedNode:
        return self._n(f"id/org/{_slug(code)}")

    def decision(self, kind: str, issuer_series: str, reference: str) -> NamedNode:
        return self._n(f"id/{kind}/{symbols.path_segment(issuer_series)}/{symbols.path_segment(reference)}")


class _Builder:
    def __init__(self, report: Report, iris: IRIs):
        self.r, self.iris = report, iris
        self.made: list[tuple] = []  # (s, p, o): pyoxigraph terms hash natively, Triple building is later
        self.lang = report.language
        self.sym = report.symbol.text
        self.meeting = iris.meeting(report)
        self.body = iris.body(report.body_series)
        self.parent = iris.body(report.parent_series) if report.parent_series else None
        self.work = iris.doc(self.sym)
        self.expr = iris.expression(self.sym, self.lang)
        self._entities_done: set[str] = set()
        self._concepts: set[NamedNode] = set()
        self._paras_done: set[int | None] = set()

    def add(self, s, p, o) -> None:
        self.made.append((s, p, o))

    def concept(self, scheme: str, notation: str) -> NamedNode:
        """A concept of the ontology's schemes, with its notation copied into the report's graph:
        each graph then answers the competency queries by itself (no join with the ontology)."""
        node = U(f"{scheme}-{notation}")
        if node not in self._concepts:
            self._concepts.add(node)
            self.add(node, NamedNode(SKOS + "notation"), Literal(notation))
        return node

    def text(self, value: str) -> Literal:
        return Literal(value, language=self.lang)

    def stated(self, node: NamedNode, source: Source) -> None:
        para = self.iris.paragraph(self.sym, self.lang, source.paragraph, self.r.positions)
        self.add(node, U("statedIn"), para)
        if source.paragraph not in self._paras_done:
            self._paras_done.add(source.paragraph)
            self.add(para, RDF_TYPE, U("Paragraph"))
            self.add(para, U("inExpression"), self.expr)
            if source.paragraph is not None:
                number = "lineNumber" if self.r.positions == "line" else "paragraphNumber"
                self.add(para, U(number), integer(source.paragraph))
                if source.page is not None:
                    self.add(para, U("page"), integer(source.page))
                text = self.r.paragraphs.get(source.paragraph)
                if text:
                    self.add(para, U("text"), self.text(text))

    # -- documents ---------------------------------------------------------
    def document(self, symbol_text: str, node: NamedNode | None = None, cls: str = "Document") -> NamedNode:
        node = node or self.iris.doc(symbol_text)
        self.add(node, RDF_TYPE, U(cls))
        self.add(node, U("symbol"), symbol_literal(symbol_text))
        self.add(node, U("undocs"), NamedNode(symbols.undocs_url(symbol_text)))
        try:
            parsed = symbols.parse(symbol_text)
        except ValueError:
            return node
        self.add(node, U("symbolSeries"), Literal(parsed.series))
        if parsed.year is not None:
            self.add(node, U("symbolYear"), integer(parsed.year))
        if parsed.session is not None:
            self.add(node, U("symbolSession"), integer(parsed.session))
        if parsed.special:
            self.add(node, U("specialComponent"), Literal(parsed.special))
        if parsed.number:
            self.add(node, U("documentNumber"), Literal(parsed.number))
        if parsed.modifiers and parsed.base:
            relation = {"Add": "isAddendumOf", "Corr": "corrects", "Rev": "revises"}.get(parsed.modifiers[-1][0])
            if relation:
                self.add(node, U(relation), self.iris.doc(parsed.base))
        return node

    # -- entities ----------------------------------------------------------
    def entity(self, entity: Entity) -> NamedNode:
        if entity.kind == "body":
            return self.named_body(entity.code)
        if entity.kind == "unresolved" or not entity.code:
            digest = hashlib.sha1(" ".join(entity.surface.lower().split()).encode()).hexdigest()[:12]
            node = NamedNode(f"{self.meeting.value}/unresolved/{digest}")
            self.add(node, RDF_TYPE, U("UnresolvedParticipant"))
            self.add(node, RDFS_LABEL, self.text(entity.surface))
            return node
        if entity.code in self._entities_done:
            return self.iris.state(entity.code) if entity.kind == "state" else self.iris.org(entity.code)
        self._entities_done.add(entity.code)
        # The report's graph says what the report needs (type, code, name in its
        # language, the metadata.un.org link); the full description with every
        # name and code goes once into the reference graph (reference_quads).
        node = self.iris.state(entity.code) if entity.kind == "state" else self.iris.org(entity.code)
        self.add(node, RDF_TYPE, U(_ENTITY_CLASS[entity.kind]))
        self.add(node, U("code"), Literal(entity.code))
        name = known_entities()[entity.code].names.get(self.lang)
        if name:
            self.add(node, NamedNode(SKOS + "prefLabel"), Literal(name, language=self.lang))
        if entity.kind == "state" and countries()[entity.code]["unms"]:
            self.add(node, NamedNode(SKOS + "exactMatch"), NamedNode(countries()[entity.code]["unms"]))
        return node

    def named_body(self, key: str) -> NamedNode:
        if key == "secretariat":
            owner = self.r.parent_series or self.r.body_series
            node = self.iris.secretariat(owner)
            if "secretariat" not in self._entities_done:
                self._entities_done.add("secretariat")
                self.add(node, RDF_TYPE, U("Body"))
                self.add(node, U("bodyKind"), Literal("secretariat"))
                self.add(node, U("code"), Literal("secretariat"))
                self.add(node, U("subOrganizationOf"), self.iris.body(owner))
                self.add(node, NamedNode(SKOS + "prefLabel"), Literal("Secretariat", language="en"))
                label = self.r.body_labels.get("secretariat")
                if label and self.lang != "en":
                    self.add(node, NamedNode(SKOS + "prefLabel"), self.text(label))
            return node
        if key == "conference" and self.parent is not None:
            return self.parent
        return self.body

    def bodies(self) -> None:
        series = self.r.body_series
        chain = [series] + ([self.r.parent_series] if self.r.parent_series else [])
        for s in chain:
            node = self.iris.body(s)
            self.add(node, RDF_TYPE, U("Body"))
            self.add(node, U("code"), Literal(s))
            row = bodies().get(s)
            if row:
                self.add(node, U("bodyKind"), Literal(row["kind"]))
                for lang in LANGS:
                    if row[f"name_{lang}"]:
                        self.add(node, NamedNode(SKOS + "prefLabel"), Literal(row[f"name_{lang}"], language=lang))
            else:
                self.add(node, NamedNode(SKOS + "prefLabel"), Literal(s))
        if self.parent is not None:
            self.add(self.body, U("subOrganizationOf"), self.parent)

    # -- the report --------------------------------------------------------
    def build(self) -> list[tuple]:
        """The report's statements as (subject, predicate, object), each once, in the order made."""
        r = self.r
        self.document(self.sym, self.work, "Report")
        self.add(self.work, U("hasExpression"), self.expr)
        self.add(self.work, U("reportOf"), self.meeting)
        self.add(self.expr, RDF_TYPE, U("Expression"))
        self.add(self.expr, U("expressionOf"), self.work)
        self.add(self.expr, U("languageCode"), Literal(self.lang))
        self.add(self.expr, NamedNode(DCTERMS + "language"),
                 NamedNode(f"http://id.loc.gov/vocabulary/iso639-1/{self.lang}"))
        self.add(self.expr, U("undocs"), NamedNode(symbols.undocs_url(self.sym, self.lang)))
        if r.job_number:
            self.add(self.expr, U("jobNumber"), Literal(r.job_number))
        if r.title:
            self.add(self.expr, NamedNode(DCTERMS + "title"), self.text(r.title))
            self.add(self.work, NamedNode(DCTERMS + "title"), self.text(r.title))
        if r.date:
            self.add(self.expr, U("issueDate"), day(r.date))
        if r.distribution:
            self.add(self.work, U("distribution"), Literal(r.distribution))
        if r.original_language:
            self.add(self.work, U("originalLanguage"), self.text(r.original_language))
        self.bodies()
        self.meeting_facts()
        return list(dict.fromkeys(self.made))

    def meeting_facts(self) -> None:
        r, m = self.r, self.meeting
        describe_meeting(self, m, "Meeting", r.meeting_kind, r.meeting_number, r.start_date, r.end_date)
        if r.place:
            self.add(m, U("place"), self.text(r.place))
        if r.sitting_count is not None:
            self.add(m, U("sittingCount"), integer(r.sitting_count))
        self.stated(m, r.meeting_source)
        for s in r.sittings:
            node = NamedNode(f"{m.value}/sitting/{s.number}")
            self.add(m, U("hasSitting"), node)
            self.add(node, RDF_TYPE, U("Sitting"))
            self.add(node, U("sittingNumber"), integer(s.number))
            if s.date:
                self.add(node, U("date"), day(s.date))
            self.stated(node, s.source)
        self.officers()
        self.agenda()
        self.recommendations()
        self.participation()
        self.statements()
        self.documents_and_references()
        self.decisions()
        self.acts()
        draft_facts(self)
        proceedings(self)

    def officers(self) -> None:
        for officer in self.r.officers:
            state = officer.state.code if officer.state and officer.state.code else _slug(officer.name)
            post = NamedNode(f"{self.meeting.value}/post/{officer.role}/{state}")
            person = NamedNode(f"{self.meeting.value}/person/{officer.role}/{state}")
            self.add(post, RDF_TYPE, U("Post"))
            self.add(post, U("postIn"), self.meeting)
            self.add(post, U("officerRole"), self.concept("officer", officer.role))
            self.add(post, U("heldBy"), person)
            self.add(person, RDF_TYPE, U("Person"))
            self.add(person, RDFS_LABEL, self.text(officer.name))
            if officer.state:
                self.add(post, U("fromState"), self.entity(officer.state))
            self.stated(post, officer.source)

    def agenda_node(self, key: str) -> NamedNode:
        return NamedNode(f"{self.meeting.value}/agenda/{key}")

    def agenda(self) -> None:
        for item in self.r.agenda:
            node = self.agenda_node(item.key)
            self.add(self.meeting, U("hasAgendaItem"), node)
            self.add(node, RDF_TYPE, U("AgendaItem"))
            self.add(node, U("itemNumber"), integer(item.number))
            self.add(node, NamedNode(DCTERMS + "title"), self.text(item.title))
            if item.sub:
                self.add(node, U("subItem"), Literal(item.sub))
                self.add(node, U("parentItem"), self.agenda_node(str(item.number)))
            self.stated(node, item.source)

    def recommendations(self) -> None:
        for rec in self.r.recommendations:
            node = NamedNode(f"{self.meeting.value}/recommendation/{rec.letter}")
            self.add(node, RDF_TYPE, U("Recommendation"))
            self.add(node, U("letter"), Literal(rec.letter))
            self.add(node, U("text"), self.text(rec.text))
            self.add(node, U("addressee"), self.concept("addressee", rec.addressee))
            if rec.topic:
                self.add(node, U("topic"), self.text(rec.topic))
            self.add(node, U("adoptedBy"), self.body)
            self.add(node, U("adoptedAt"), self.meeting)
            self.add(node, NamedNode(DCTERMS + "isPartOf"), self.work)
            if self.r.endorsement_by_parent and self.parent is not None:
                self.add(node, U("forEndorsementBy"), self.parent)
            self.stated(node, rec.source)

    def _participant_code(self, entity: Entity) -> str:
        if entity.code:
            return _slug(entity.code)
        return "unresolved-" + hashlib.sha1(entity.surface.lower().encode()).hexdigest()[:12]

    def participation(self) -> None:
        for p in self.r.participations:
            node = NamedNode(f"{self.meeting.value}/participation/{self._participant_code(p.entity)}/{p.role}")
            self.add(node, RDF_TYPE, U("Participation"))
            self.add(node, U("participant"), self.entity(p.entity))
            self.add(node, U("inMeeting"), self.meeting)
            self.add(node, U("role"), self.concept("role", p.role))
            self.add(node, U("nameAsPrinted"), self.text(p.entity.surface))
            self.stated(node, p.source)
        for f in self.r.focal_points:
            node = NamedNode(f"{self.meeting.value}/focal-point/{self._participant_code(f.entity)}")
            self.add(node, RDF_TYPE, U("FocalPointDelegation"))
            self.add(node, U("participant"), self.entity(f.entity))
            self.add(node, U("inMeeting"), self.meeting)
            self.add(node, U("nameAsPrinted"), self.text(f.entity.surface))
            self.stated(node, f.source)

    def statements(self) -> None:
        for st in self.r.statements:
            node = NamedNode(f"{self.meeting.value}/statement/{st.agenda_item}/{self._participant_code(st.entity)}")
            self.add(node, RDF_TYPE, U("Statement"))
            self.add(node, U("participant"), self.entity(st.entity))
            self.add(node, U("inMeeting"), self.meeting)
            self.add(node, U("onAgendaItem"), self.agenda_node(st.agenda_item))
            self.add(node, U("nameAsPrinted"), self.text(st.entity.surface))
            self.add(node, U("introductory"), typed("true" if st.introductory else "false", "boolean"))
            self.stated(node, st.source)

    def documents_and_references(self) -> None:
        for d in self.r.documents:
            node = self.document(d.symbols[0])
            for extra in d.symbols[1:]:
                self.add(node, U("symbol"), symbol_literal(extra))
            self.add(self.meeting, U("documentBefore"), node)
            if d.title:
                self.add(node, NamedNode(DCTERMS + "title"), self.text(d.title))
        joint = {s: d.symbols[0] for d in self.r.documents for s in d.symbols}
        for ref in self.r.references:
            node = self.iris.doc(joint.get(ref.symbol, ref.symbol))
            if ref.symbol not in joint:
                self.document(ref.symbol)
            self.add(self.work, U("cites"), node)

    def decisions(self) -> None:
        for d in self.r.decisions:
            if symbols.is_symbol(d.reference):
                issuer = symbols.parse(d.reference).series
            elif notation_issuer(d.reference):  # 1/CP.19: the COP's, whichever body's report cites it
                issuer = notation_issuer(d.reference)
            elif d.organ:  # stated ("Security Council resolution") or implied by the numbering ("242 (1967)")
                issuer = d.organ
            else:  # "2/2": numbered session/decision of the parent body (the Conference)
                issuer = self.r.parent_series or self.r.body_series
            node = self.iris.decision(d.kind, issuer, d.reference)
            self.add(node, RDF_TYPE, U("Resolution" if d.kind == "resolution" else "NumberedDecision"))
            self.add(node, U("reference"), Literal(d.reference))
            self.add(node, U("issuedBy"), self.iris.body(issuer))
            # "its resolution 76/225" in a General Assembly report: the Assembly's (a bare "resolution 14/221"
            # of another organization is not)
            issued_as = citations.document_symbol(d.kind, d.organ or (issuer if d.own else None), d.reference)
            if issued_as:  # A/RES/52/250: the same document node every report citing it links to
                self.add(node, U("issuedAs"), self.document(issued_as))
            if d.action == "adopted":
                self.add(node, U("adoptedAt"), self.meeting)
            self.add(self.work, U("citesDecision"), node)
            self.stated(node, d.source)

    def acts(self) -> None:
        for act in self.r.acts:
            node = NamedNode(f"{self.meeting.value}/act/{act.kind}")
            self.add(node, RDF_TYPE, U("MeetingAct"))
            self.add(node, U("actKind"), Literal(act.kind))
            self.add(node, U("actOf"), self.meeting)
            if act.sitting is not None:
                self.add(node, U("atSitting"), NamedNode(f"{self.meeting.value}/sitting/{act.sitting}"))
            if act.date:
                self.add(node, U("date"), day(act.date))
            if act.method:
                self.add(node, U("decisionMethod"), self.concept("method", act.method))
            for chapter in act.chapters:
                self.add(node, U("adoptedChapter"), Literal(chapter))
            if act.kind == "adoption-of-report":
                self.add(node, U("decidedOn"), self.work)
            self.stated(node, act.source)


_ENTITY_CLASS = {"state": "State", "reio": "RegionalEconomicIntegrationOrganization", "igo": "Organization",
                 "ngo": "Organization", "un-entity": "Organization"}


def reference_quads(codes, base: str = DEFAULT_BASE) -> list[Quad]:
    """Full descriptions of States and organizations (all six names, ISO/M49 codes,
    metadata.un.org and UNTERM links), in the named graph {base}graph/reference."""
    iris = IRIs(base)
    graph = NamedNode(iris.base + "graph/reference")
    out: list[Quad] = []

    def add(s, p, o):
        out.append(Quad(s, p, o, graph))

    for code in sorted(codes):
        known = known_entities().get(code)
        if known is None:
            continue
        if known.kind == "state":
            row = countries()[code]
            node = iris.state(code)
            add(node, RDF_TYPE, U("State"))
            add(node, U("iso2"), Literal(row["iso2"]))
            add(node, U("m49"), Literal(row["m49"]))
            add(node, U("unStatus"), Literal(row["status"]))
            if row["unms"]:
                add(node, NamedNode(SKOS + "exactMatch"), NamedNode(row["unms"]))
            add(node, NamedNode(SKOS + "closeMatch"), NamedNode(row["unterm"]))
            for lang in LANGS:
                if row[f"formal_{lang}"]:
                    add(node, NamedNode(SKOS + "altLabel"), Literal(row[f"formal_{lang}"], language=lang))
        else:
            node = iris.org(code)
            add(node, RDF_TYPE, U(_ENTITY_CLASS[known.kind]))
        add(node, U("code"), Literal(code))
        if code in wikidata():
            add(node, NamedNode(OWL_SAME_AS), NamedNode(wikidata()[code]))
        for lang, name in known.names.items():
            if name:
                add(node, NamedNode(SKOS + "prefLabel"), Literal(name, language=lang))
    return out


def codes_in(report: Report) -> set[str]:
    """Codes of the States and organizations a report names (for the reference graph)."""
    entities = [p.entity for p in report.participations] + [f.entity for f in report.focal_points] + \
        [s.entity for s in report.statements] + [o.state for o in report.officers if o.state] + \
        [x.entity for d in report.drafts for x in (*d.sponsors, *d.votes)]
    return {e.code for e in entities if e.code and e.kind != "body"}


# -- drafts considered by a committee -------------------------------------------------------------

_DRAFT_CLASS = {"resolution": "DraftResolution", "decision": "DraftDecision"}
_VOTER = {"yes": "hadVoterFavour", "no": "hadVoterAgainst", "abstain": "hadVoterAbstention"}
_INTENDED = {"yes": "hadIntendedVoterFavour", "no": "hadIntendedVoterAgainst", "abstain": "hadIntendedVoterAbstention"}
_COUNT = {"yes": "numberOfVotesFavour", "no": "numberOfVotesAgainst", "abstain": "numberOfVotesAbstention"}


def draft_facts(b: _Builder) -> None:
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
            node = NamedNode(f"{b.meeting.value}/sponsorship/{path}/{b._participant_code(s.entity)}")
            b.add(node, RDF_TYPE, U("Sponsorship"))
            b.add(node, U("sponsor"), b.entity(s.entity))
            b.add(node, U("sponsoredDraft"), draft)
            b.add(node, U("sponsorshipKind"), b.concept("sponsorship", s.how))
            b.stated(node, s.source)
    for record in r.meeting_records:
        node = b.document(record.symbol)
        b.add(node, RDF_TYPE, U("MeetingRecord"))
        b.add(b.meeting, U("recordedIn"), node)


def report_triples(report: Report, base: str = DEFAULT_BASE) -> list[Triple]:
    return [Triple(s, p, o) for s, p, o in _Builder(report, IRIs(base)).build()]


def report_quads(report: Report, base: str = DEFAULT_BASE) -> list[Quad]:
    """The report's triples in its own named graph (one graph per language version)."""
    graph = IRIs(base).graph(report.symbol.text, report.language)
    return [Quad(s, p, o, graph) for s, p, o in _Builder(report, IRIs(base)).build()]


# -- outcomes, parts of sessions, sessions a report covers -------------------------------------

def proceedings(b: _Builder) -> None:
    """Outcomes tied to their agenda items and meeting; the session a part belongs to; the other
    sessions a report covers (each a meeting of its own, with its dates)."""
    r, meeting = b.r, b.meeting
    counts: dict[str, int] = {}
    for outcome in r.outcomes:
        key = f"{outcome.kind}/{'+'.join(outcome.agenda_items) or 'general'}"
        counts[key] = counts.get(key, 0) + 1
        node = NamedNode(f"{meeting.value}/outcome/{key}" + (f"/{counts[key]}" if counts[key] > 1 else ""))
        b.add(node, RDF_TYPE, U("Outcome"))
        b.add(node, U("outcomeKind"), b.concept("outcome", outcome.kind))
        b.add(node, U("adoptedAt"), meeting)
        b.add(node, U("adoptedBy"), b.body)
        b.add(node, NamedNode(DCTERMS + "isPartOf"), b.work)
        for key_ in outcome.agenda_items:
            b.add(node, U("onAgendaItem"), b.agenda_node(key_))
        if outcome.title:
            b.add(node, NamedNode(DCTERMS + "title"), b.text(outcome.title))
        if outcome.sitting is not None:
            b.add(node, U("atSitting"), NamedNode(f"{meeting.value}/sitting/{outcome.sitting}"))
        b.stated(node, outcome.source)
    if r.session_part and r.meeting_number is not None:
        session = b.iris.meeting(replace(r, session_part=None))
        b.add(meeting, RDF_TYPE, U("SessionPart"))
        b.add(meeting, U("partNumber"), integer(r.session_part))
        b.add(meeting, U("partOf"), session)
        b.add(session, RDF_TYPE, U("ResumedSession"))  # its dates are its parts' dates
        b.add(session, U("body"), b.body)
        b.add(session, U("meetingNumber"), integer(r.meeting_number))
        b.stated(session, r.meeting_source)
    issuers = {notation_issuer(d.reference) for d in r.decisions} | {d.organ for d in r.decisions}
    for issuer in issuers - {None, r.body_series, r.parent_series}:
        node = b.iris.body(issuer)  # the COP, CMP or CMA (notation) or the organ whose decisions are cited
        b.add(node, RDF_TYPE, U("Body"))
        b.add(node, U("code"), Literal(issuer))
        row = bodies().get(issuer, {})
        for lang in LANGS:
            if row.get(f"name_{lang}"):
                b.add(node, NamedNode(SKOS + "prefLabel"), Literal(row[f"name_{lang}"], language=lang))
    for covered in r.covered:
        number = covered.number if covered.number is not None else covered.kind
        node = b.iris.meeting(replace(r, meeting_number=number, session_part=None))
        b.add(b.work, U("coversMeeting"), node)
        # an organizational session has no number: its own class (a Meeting is numbered)
        describe_meeting(b, node, "Meeting" if covered.number is not None else "OrganizationalSession",
                         covered.kind, covered.number, covered.start_date, covered.end_date)
        b.stated(node, covered.source)


def describe_meeting(b: _Builder, node: NamedNode, cls: str, kind: str, number: int | None,
                     start: date | None, end: date | None) -> None:
    b.add(node, RDF_TYPE, U(cls))
    b.add(node, U("body"), b.body)
    b.add(node, U("meetingKind"), Literal(kind))
    if number is not None:
        b.add(node, U("meetingNumber"), integer(number))
    if start:
        b.add(node, U("startDate"), day(start))
    if end:
        b.add(node, U("endDate"), day(end))
