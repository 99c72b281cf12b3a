"""Stage `graph`: proceedings as RDF — outcomes tied to their agenda items and meeting, the session a part belongs
to, the bodies whose decisions are cited, and the other sessions a report covers."""
from __future__ import annotations

from dataclasses import replace

from pyoxigraph import Literal, NamedNode

from unkg.graph.builder import Builder, describe_meeting
from unkg.graph.terms import DCTERMS, LANGS, RDF_TYPE, SKOS, U, day, integer
from unkg.lang.names import bodies
from unkg.lang.numbering import notation_issuer


def proceedings(b: Builder) -> None:
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
        if r.session_part == 1 and r.start_date:  # the session opens with its first part; its end is a later part's
            b.add(session, U("startDate"), day(r.start_date))
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
