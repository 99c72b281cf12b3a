"""Stage `extract`: the sessions a report is on — the part of a resumed session ("the second part of its
forty-eighth session"), the sessions a report on several covers (each a meeting with its dates; the report is on the
last held), and the dates of the sentence that names the report's own session. Formulae from the lexicon
(`sessions`)."""
from __future__ import annotations

import re

from unkg.extract import sittings
from unkg.extract.context import Context
from unkg.model import CoveredMeeting, Source


def read(ctx: Context) -> None:
    """The session part or the sessions a report covers, from its title; else its own session's dates."""
    r, lex = ctx.report, ctx.lex
    title_rx = lex.rx("sessions.title")
    m = title_rx.search(r.title or "") if title_rx else None
    if m:
        number = lex.number(m.group("ordinal"), "ordinals")
        if number and r.meeting_number is None:
            r.meeting_number, r.meeting_kind = number, "session"
        if m.groupdict().get("part"):
            r.session_part = lex.number(m.group("part"), "ordinals")
        if m.groupdict().get("place") and r.place is None:
            r.place = lex.place(m.group("place"))
        if m.groupdict().get("dates") and r.start_date is None:
            found = lex.dates(m.group("dates"))
            if found:
                r.start_date, r.end_date = found[0]
    several = lex.rx("sessions.several")
    if several and several.search(r.title or ""):
        covered_sessions(ctx)
    else:
        own_session_dates(ctx)


def own_session_dates(ctx: Context) -> None:
    """The dates and place of the sentence that names the report's own session ("The fifth session of the
    Meeting of the Parties ... was held in Geneva from 10 to 12 November 2009"): they win over the first
    dates held elsewhere (a high-level segment held on one day of it)."""
    r, lex = ctx.report, ctx.lex
    held = lex.rx("sessions.held")
    if held is None or r.meeting_number is None or r.session_part:
        return
    nouns = tuple(lex.get("meeting.nouns", {}))
    for n in sorted(ctx.groups):
        text = ctx.para_text(n)
        if nouns and not any(noun in text.lower() for noun in nouns):
            continue  # the pattern is tried at every position: only where a session is named
        for m in held.finditer(text):
            if _held_session(m, lex, None) != ("session", r.meeting_number):
                continue
            dates = lex.dates(m.group("dates"))
            if dates:
                r.start_date, r.end_date = dates[0]
                r.place = lex.place(m.group("place")) or r.place
                r.meeting_source = Source(n)
                return


def covered_sessions(ctx: Context) -> None:
    """A report on several sessions (a preparatory body): each session with its dates; the
    report is about the last one held."""
    r, lex = ctx.report, ctx.lex
    held = lex.rx("sessions.held")
    organizational = lex.rx("sessions.organizational")
    found: dict[tuple[str, int | None], CoveredMeeting] = {}
    places: dict[tuple[str, int | None], str] = {}
    for n in sorted(ctx.groups) if held else ():
        for m in held.finditer(ctx.para_text(n)):
            dates = lex.dates(m.group("dates"))
            key = _held_session(m, lex, organizational)
            if not dates or key is None:
                continue
            found.setdefault(key, CoveredMeeting(key[0], key[1], dates[0][0], dates[0][1], Source(n)))
            if m.groupdict().get("place"):
                places.setdefault(key, m.group("place"))
    numbered = [c for c in found.values() if c.number is not None]
    if len(found) < 2 or not numbered:
        return
    last = max(numbered, key=lambda c: (c.start_date, c.number))
    r.meeting_number, r.meeting_kind = last.number, "session"
    r.start_date, r.end_date, r.meeting_source = last.start_date, last.end_date, last.source
    # Place and number of meetings: those the paragraph on the last session states, not the first's.
    r.place, r.sitting_count = places.get(("session", last.number)), None
    r.sitting_count = sittings.count_in(ctx, ctx.para_text(last.source.paragraph))
    r.covered = sorted((c for c in found.values() if c is not last), key=lambda c: c.start_date)


def _held_session(m: re.Match[str], lex, organizational: re.Pattern[str] | None) -> tuple[str, int | None] | None:
    """("session", n) or ("organizational", None): the session a `sessions.held` match says was held, named by
    its ordinal ("first session", "第一届会议") or by the words before its dates ("organizational session",
    "session d'organisation", "组织会议")."""
    ordinal = m.group("ordinal")
    number = lex.number(ordinal, "ordinals") if ordinal else None
    if number:
        return "session", number
    if organizational and organizational.search(m.string, m.start(), m.start("dates")):
        return "organizational", None
    return None
