"""Stage `graph`: the builder of one report's graph — the report and its language version, bodies, the meeting,
its sittings, officers, agenda, recommendations, participants, statements, documents, decisions and acts.

Triples are built as pyoxigraph terms: the benchmark (bench/bench_convert.py) shows building them is several times
faster than building an rdflib graph. Every fact node says the paragraph it is stated in (`stated`).
"""
from __future__ import annotations

import hashlib
from datetime import date

from pyoxigraph import Literal, NamedNode

from unkg.graph.terms import (DCTERMS, ENTITY_CLASS, LANGS, RDF_TYPE, RDFS_LABEL, SKOS, IRIs, U, day, integer, slug,
                              symbol_literal, typed)
from unkg.lang import numbering, symbols
from unkg.lang.names import bodies, countries, known_entities
from unkg.lang.numbering import notation_issuer
from unkg.model import Entity, Report, Source


class Builder:
    def __init__(self, report: Report, iris: IRIs):
        self.r, self.iris = report, iris
        self.made: list[tuple] = []  # (s, p, o): pyoxigraph terms hash natively, Triple building is later
        self.lang = report.language
        self.sym = report.symbol.text
        self.meeting = iris.meeting(report)
        self.meeting_iri = self.meeting.value  # (reading .value makes a new string each time)
        self.body = iris.body(report.body_series)
        self.parent = iris.body(report.parent_series) if report.parent_series else None
        self.work = iris.doc(self.sym)
        self.expr = iris.expression(self.sym, self.lang)
        self._entities_done: dict[str, NamedNode] = {}  # each entity's node, described once
        self._concepts: set[NamedNode] = set()
        self._paras_done: dict[int | None, NamedNode] = {}  # each paragraph's node, described once

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
        self.add(node, U("statedIn"), self.paragraph(source.paragraph, source.page))

    def paragraph(self, number: int | None, page: int | None) -> NamedNode:
        """A paragraph (or line) of the language version, with its number, page and text, described once."""
        para = self._paras_done.get(number)
        if para is None:
            para = self._paras_done[number] = self.iris.paragraph(self.sym, self.lang, number, self.r.positions)
            self.add(para, RDF_TYPE, U("Paragraph"))
            self.add(para, U("inExpression"), self.expr)
            if number is not None:
                self.add(para, U("lineNumber" if self.r.positions == "line" else "paragraphNumber"), integer(number))
                if page is not None:
                    self.add(para, U("page"), integer(page))
                text = self.r.paragraphs.get(number)
                if text:
                    self.add(para, U("text"), self.text(text))
        return para

    # -- documents ---------------------------------------------------------
    def document(self, symbol_text: str, node: NamedNode | None = None, cls: str = "Document") -> NamedNode:
        node = node or self.iris.doc(symbol_text)
        self.add(node, RDF_TYPE, U(cls))
        self.add(node, U("symbol"), symbol_literal(symbol_text))
        url = symbols.undocs_url(symbol_text)
        if url:  # not another organization's symbol printed alike (GC(66)/RES/12)
            self.add(node, U("undocs"), NamedNode(url))
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
            node = NamedNode(f"{self.meeting_iri}/unresolved/{digest}")
            self.add(node, RDF_TYPE, U("UnresolvedParticipant"))
            self.add(node, RDFS_LABEL, self.text(entity.surface))
            return node
        done = self._entities_done.get(entity.code)
        if done is not None:
            return done
        # The report's graph says what the report needs (type, code, name in its
        # language, the metadata.un.org link); the full description with every
        # name and code goes once into the reference graph (reference_quads).
        node = self.iris.state(entity.code) if entity.kind == "state" else self.iris.org(entity.code)
        self._entities_done[entity.code] = node
        self.add(node, RDF_TYPE, U(ENTITY_CLASS[entity.kind]))
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
                self._entities_done["secretariat"] = node
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
    def build(self) -> None:
        """The report, its language version, its bodies and its meeting's facts."""
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
        for number in self.r.paragraphs:  # every paragraph, not only those stating a fact: the report as it reads
            self.paragraph(number, self.r.paragraph_pages.get(number))

    def triples(self) -> list[tuple]:
        """What was made as (subject, predicate, object), each once, in the order made."""
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

    def officers(self) -> None:
        for officer in self.r.officers:
            state = officer.state.code if officer.state and officer.state.code else slug(officer.name)
            post = NamedNode(f"{self.meeting_iri}/post/{officer.role}/{state}")
            person = NamedNode(f"{self.meeting_iri}/person/{officer.role}/{state}")
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
        return NamedNode(f"{self.meeting_iri}/agenda/{key}")

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
            node = NamedNode(f"{self.meeting_iri}/recommendation/{rec.letter}")
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

    def participant_code(self, entity: Entity) -> str:
        if entity.code:
            return slug(entity.code)
        return "unresolved-" + hashlib.sha1(entity.surface.lower().encode()).hexdigest()[:12]

    def participation(self) -> None:
        for p in self.r.participations:
            node = NamedNode(f"{self.meeting_iri}/participation/{self.participant_code(p.entity)}/{p.role}")
            self.add(node, RDF_TYPE, U("Participation"))
            self.add(node, U("participant"), self.entity(p.entity))
            self.add(node, U("inMeeting"), self.meeting)
            self.add(node, U("role"), self.concept("role", p.role))
            self.add(node, U("nameAsPrinted"), self.text(p.entity.surface))
            self.stated(node, p.source)
        for f in self.r.focal_points:
            node = NamedNode(f"{self.meeting_iri}/focal-point/{self.participant_code(f.entity)}")
            self.add(node, RDF_TYPE, U("FocalPointDelegation"))
            self.add(node, U("participant"), self.entity(f.entity))
            self.add(node, U("inMeeting"), self.meeting)
            self.add(node, U("nameAsPrinted"), self.text(f.entity.surface))
            self.stated(node, f.source)

    def statements(self) -> None:
        for st in self.r.statements:
            node = NamedNode(f"{self.meeting_iri}/statement/{st.agenda_item}/{self.participant_code(st.entity)}")
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
            if d.unstated:  # the IRI keeps its form; the graph states no issuer the text does not
                self.add(node, U("issuerStated"), typed("false", "boolean"))
            else:
                self.add(node, U("issuedBy"), self.iris.body(issuer))
            # "its resolution 76/225" in a General Assembly report: the Assembly's (a bare "resolution 14/221"
            # of another organization is not)
            issued_as = numbering.document_symbol(d.kind, d.organ or (issuer if d.own else None), d.reference)
            if issued_as:  # A/RES/52/250: the same document node every report citing it links to
                self.add(node, U("issuedAs"), self.document(issued_as))
            if d.action == "adopted":
                self.add(node, U("adoptedAt"), self.meeting)
            self.add(self.work, U("citesDecision"), node)
            self.stated(node, d.source)

    def acts(self) -> None:
        for act in self.r.acts:
            node = NamedNode(f"{self.meeting_iri}/act/{act.kind}")
            self.add(node, RDF_TYPE, U("MeetingAct"))
            self.add(node, U("actKind"), Literal(act.kind))
            self.add(node, U("actOf"), self.meeting)
            if act.sitting is not None:
                self.add(node, U("atSitting"), NamedNode(f"{self.meeting_iri}/sitting/{act.sitting}"))
            if act.date:
                self.add(node, U("date"), day(act.date))
            if act.method:
                self.add(node, U("decisionMethod"), self.concept("method", act.method))
            for chapter in act.chapters:
                self.add(node, U("adoptedChapter"), Literal(chapter))
            if act.kind == "adoption-of-report":
                self.add(node, U("decidedOn"), self.work)
            self.stated(node, act.source)


def describe_meeting(b: Builder, node: NamedNode, cls: str, kind: str, number: int | None,
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
