"""Stage `extract`: the meeting a report is about — its title, its number and kind ("fifth session", "15th
meeting"), its dates, place and number of sittings — and what the whole report carries (job number, paragraphs).

The title names the meeting when it names one; otherwise the first mention outside the introduction (which recalls
earlier meetings). The paragraph saying the meeting was held ("held", "s'est tenue", "состоялось", "举行") gives
its dates, place and number of sittings; failing that, a subtitle of the masthead ("Held at … from … to …").
"""
from __future__ import annotations

import re
from collections import Counter

from unkg.extract import sittings
from unkg.extract.context import Context
from unkg.read.masthead import masthead_title

_MENTION_REACH = 240  # how far past its noun a meeting mention may run ("... meeting of the Working Group")
_LOOKAHEAD_REACH = 80


def read(ctx: Context) -> None:
    r = ctx.report
    if ctx.seg.job_numbers:
        r.job_number = ctx.seg.job_numbers.most_common(1)[0][0]
    r.title = title(ctx)
    r.body_labels = dict(ctx.lex.get("body_labels", {}))
    for n in ctx.groups:
        r.paragraphs[n] = ctx.para_text(n)
        page = ctx.source(n).page
        if page is not None:
            r.paragraph_pages[n] = page
    read_meeting(ctx)


def title(ctx: Context) -> str | None:
    """The masthead's title, without the part and contents headings run into it, and in the body's
    case when printed in capitals ("REPORT OF the MEETING OF THE PARTIES ON ITS Fifth session")."""
    title = masthead_title(ctx.seg.front, ctx.lex)
    marker = ctx.lex.rx("report_title")
    if ctx.is_resolution and title and not (marker and marker.search(title)):
        return None  # its first front cell is the Organization's name ("United Nations"), not a title
    end = ctx.lex.rx("masthead.title_end", ignore_case=False)
    m = end.search(title) if title and end else None
    if m and m.start() > 0:
        title = title[:m.start()].strip()
    return recased(ctx, title) if title else title


def recased(ctx: Context, title: str) -> str:
    """Each word of a title printed in capitals as the body writes it most often (acronyms stay
    capitals); a title with fewer than two such words is left alone."""
    if sum(1 for w in re.findall(r"\w+", title) if len(w) > 1 and w.isupper()) < 2:
        return title  # most titles: no need to read the body
    in_title = {w.lower() for w in re.findall(r"\w+", title)}
    forms: Counter[str] = Counter()
    for n in ctx.groups:
        forms.update(w for w in re.findall(r"\w+", ctx.para_text(n)) if w.lower() in in_title)
    by_lower: dict[str, str] = {}
    for form, _ in forms.most_common():
        by_lower.setdefault(form.lower(), form)
    words = re.findall(r"\w+", title)
    shouting = [w for w in words if len(w) > 1 and w.isupper() and not by_lower.get(w.lower(), w).isupper()]
    if len(shouting) < 2:
        return title
    out = re.sub(r"\w+", lambda w: by_lower.get(w.group(0).lower(), w.group(0)), title)
    return out[:1].upper() + out[1:]


def read_meeting(ctx: Context) -> None:
    r = ctx.report
    numbers: Counter[int] = Counter()
    first = None
    nouns = ctx.lex.get("meeting.nouns", {})
    candidates = [(None, r.title or "")] + [
        (n, ctx.para_text(n)) for n, blocks in ctx.groups.items()
        # the introduction recalls earlier meetings
        if "introduction" not in ctx.kinds(blocks[0])]
    anchor = re.compile("|".join(map(re.escape, nouns)), re.IGNORECASE) if nouns else None
    if ctx.is_resolution:
        # A resolution is numbered by the session of the organ that adopted it (A/RES/78/272: the
        # seventy-eighth); the meetings its text names are others, which it convenes or recalls.
        r.meeting_number, r.meeting_kind, candidates = r.symbol.session, "session", []
    for n, text in candidates:
        for m in mentions(ctx, text, anchor):
            value = ctx.lex.number(m.group("ordinal").split()[-1], "ordinals")
            words = m.group("ordinal").split()
            if len(words) > 1:
                both = ctx.lex.number(" ".join(words), "ordinals")
                value = both if both and value and both > value else value
            if value:
                numbers[value] += 1
                if first is None:  # the mention that numbers the meeting also says what it is
                    first = value
                    r.meeting_kind = next((k for stem, k in nouns.items()
                                           if m.group("noun").startswith(stem)), "meeting")
                if r.meeting_source.paragraph is None and n is not None:
                    r.meeting_source = ctx.source(n)
    # The title names the meeting when it names one; otherwise the first mention
    # outside the introduction (later paragraphs plan the next session).
    if first is not None:
        r.meeting_number = first
    # Dates: the introduction recalls earlier meetings; the duration or opening
    # section, where there is one, is where the meeting's own dates stand.
    order = sorted((n for n, b in ctx.groups.items() if "introduction" not in ctx.kinds(b[0])),
                   key=lambda n: (not ctx.kinds(ctx.groups[n][0]) & {"duration", "opening"}, n))
    # The paragraph saying the meeting was held ("held", "s'est tenue", "состоялось", "举行")
    # gives its dates, and the number of sittings where it states one ("three sittings",
    # "quatre séances", "из четырех заседаний", "三次会议").
    for n in order:
        text = ctx.para_text(n)
        held = ctx.lex.vocab_rx("held").search(text)
        if not held:
            continue
        ranges = ctx.lex.dates(text[max(0, held.start() - 80):])
        if not ranges:
            continue
        r.start_date, r.end_date = ranges[0]
        r.sitting_count = sittings.count_in(ctx, text)
        place = ctx.lex.rx("meeting.place")
        m = place.search(text) if place else None
        if m:
            r.place = ctx.lex.place(m.group("place"))
        r.meeting_source = ctx.source(n)
        break
    else:
        # No paragraph says when the meeting was held: a subtitle of the masthead may ("Held at the Palais
        # des Nations, Geneva, from 28 February to 4 March 2031").
        for cell in ctx.seg.front:
            held = ctx.lex.vocab_rx("held").search(cell)
            ranges = ctx.lex.dates(cell[held.start():]) if held else None
            if ranges:
                r.start_date, r.end_date = ranges[0]
                break
    if r.sitting_count is None:  # "The Board held six plenary meetings" apart from the dates, where the
        # session's organization is told
        r.sitting_count = next((
            count for n in order if ctx.kinds(ctx.groups[n][0]) & {"duration", "opening", "organization"}
            and ctx.lex.vocab_rx("held").search(ctx.para_text(n))
            for count in [sittings.count_in(ctx, ctx.para_text(n))] if count), None)


def mentions(ctx: Context, text: str, anchor):
    """Matches of the meeting-number pattern, tried only around the nouns
    ("совещание", "session"): the pattern is costly at every position."""
    pattern = ctx.lex.rx("meeting.number")
    if anchor is None:
        yield from pattern.finditer(text)
        return
    seen = set()
    for hit in anchor.finditer(text):
        # Searched in a window around the noun, and only until the mention that holds it is
        # found: a search that finds nothing near the noun would run on to the end of the
        # text. A match that reaches near the window's end is looked for again unbounded, so
        # that the window never cuts a match (or its lookahead) short.
        pos, end = max(0, hit.start() - 60), hit.end() + _MENTION_REACH
        while True:
            m = pattern.search(text, pos, end)
            if m is not None and m.end() + _LOOKAHEAD_REACH > end and end < len(text):
                m = pattern.search(text, pos)
            if m is None or m.start() > hit.start():
                break
            if hit.start() < m.end():
                if m.span() not in seen:
                    seen.add(m.span())
                    yield m
                break
            pos = max(m.end(), pos + 1)


