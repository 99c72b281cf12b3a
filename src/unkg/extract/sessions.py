"""Stage `extract`: the sessions a report is on — the part of a resumed session ("the second part of its
forty-eighth session"), the sessions a report on several covers (each a meeting with its dates; the report is on the
last held), and the dates of the sentence that names the report's own session. Formulae from the lexicon
(`sessions`)."""
from __future__ import annotations

import re
from datetime import date

from unkg.extract import sittings
from unkg.extract.context import Context
from unkg.model import CoveredMeeting, Source


def read(ctx: Context) -> None:
    """The session part or the sessions a report covers, from its title; else its own session's dates. The
    title names the report's own session: an ordinal the meeting reader took from the text instead (another
    body's session, "held jointly with the twenty-third session of the Conference of the Parties") gives way
    to it."""
    r, lex = ctx.report, ctx.lex
    title = r.title or ""
    title_rx = lex.rx("sessions.title")
    m = title_rx.search(title) if title_rx and not ctx.is_resolution else None
    if m:
        number = lex.number(m.group("ordinal"), "ordinals")
        if number:
            r.meeting_number, r.meeting_kind = number, "session"
        if m.groupdict().get("part"):
            r.session_part = lex.number(m.group("part"), "ordinals")
        _title_place_and_dates(ctx, m, r.start_date is None)
    several = lex.rx("sessions.several")
    numbers = [] if ctx.is_resolution else session_range(ctx, title)
    if numbers or (several and several.search(title)):
        covered_sessions(ctx, numbers)
    else:
        own_session_dates(ctx)


def _title_place_and_dates(ctx: Context, m: re.Match[str], dates: bool) -> None:
    """The place and (where asked) the dates a title gives after the session it names ("…, held in Bonn from
    30 April to 10 May 2018")."""
    r, lex = ctx.report, ctx.lex
    if m.groupdict().get("place") and r.place is None:
        r.place = lex.place(m.group("place"))
    if dates and m.groupdict().get("dates"):
        found = lex.dates(m.group("dates"))
        if found:
            r.start_date, r.end_date = found[0]


def session_range(ctx: Context, title: str) -> list[int]:
    """The sessions a title names as a range ("on its fifty-second to fifty-fifth session", "sur ses
    cinquante-deuxième à cinquante-cinquième sessions"), first to last; the title's place and dates are the
    range's (`sessions.range`)."""
    lex = ctx.lex
    rx = lex.rx("sessions.range")
    m = rx.search(title) if rx else None
    if m is None:
        return []
    first, last = lex.number(m.group("first"), "ordinals"), lex.number(m.group("last"), "ordinals")
    if not first or not last or not first < last <= first + 20:
        return []
    ctx.report.place = None  # the range's place, not one the meeting reader found elsewhere
    _title_place_and_dates(ctx, m, True)
    return list(range(first, last + 1))


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


def covered_sessions(ctx: Context, numbers: list[int] = ()) -> None:
    """A report on several sessions (a preparatory body; a subsidiary body numbering one session by several
    numbers): each session with its dates, those of the paragraph saying it was held, else (a session of the
    title's range) the title's; the report is about the last one held."""
    r, lex = ctx.report, ctx.lex
    held = lex.rx("sessions.held")
    organizational = lex.rx("sessions.organizational")
    found: dict[tuple[str, int | None], CoveredMeeting] = {}
    places: dict[tuple[str, int | None], str] = {}
    for n in sorted(ctx.groups) if held else ():
        for m in held.finditer(ctx.para_text(n)):
            dates = lex.dates(m.group("dates"))
            key = _held_session(m, lex, organizational)
            if not dates or key is None or (numbers and key[1] not in numbers):
                continue
            found.setdefault(key, CoveredMeeting(key[0], key[1], dates[0][0], dates[0][1], Source(n)))
            if m.groupdict().get("place"):
                places.setdefault(key, m.group("place"))
    for number in numbers:  # a session of the title's range that no paragraph dates: the title's dates
        found.setdefault(("session", number), CoveredMeeting("session", number, r.start_date, r.end_date,
                                                             Source(None)))
    numbered = [c for c in found.values() if c.number is not None]
    if len(found) < 2 or not numbered:
        return
    last = max(numbered, key=lambda c: (c.start_date or date.min, c.number))
    r.meeting_number, r.meeting_kind = last.number, "session"
    r.start_date, r.end_date = last.start_date, last.end_date
    if last.source.paragraph is not None or r.meeting_source.paragraph is None:
        r.meeting_source = last.source
    if last.source.paragraph is not None:
        # Place and number of meetings: those the paragraph on the last session states, not the first's.
        r.place = places.get(("session", last.number))
        r.sitting_count = sittings.count_in(ctx, ctx.para_text(last.source.paragraph))
    r.covered = sorted((c for c in found.values() if c is not last), key=lambda c: (c.start_date or date.min,
                                                                                   c.number or 0))


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
