"""Stage `extract`: the sittings of a meeting — each sitting named ("at its 3rd meeting", "à sa troisième séance",
"на своем третьем заседании", "第3次会议", "الجلسة الثالثة") with its date, the number of sittings held, and the
sitting an act took place at ("At the same meeting").

Sittings are read from every paragraph before any other fact that dates an act by its sitting: a sitting's date
may be stated after the paragraph that cites it (paragraphs reordered within a section).
"""
from __future__ import annotations

import re

from unkg.extract.context import SENTENCE_END, Context
from unkg.model import Sitting, Source


def read(ctx: Context) -> None:
    """Every sitting named; a resolution's text names the meetings it convenes or recalls, none of them a
    sitting of its session."""
    for n, blocks in {} if ctx.is_resolution else ctx.groups.items():
        # The introduction may recall earlier meetings ("since its first meeting"): there only
        # sittings written in digits ("at its 19th meeting") are this meeting's.
        record(ctx, ctx.para_text(n), ctx.source(n), words="introduction" not in ctx.kinds(blocks[0]))


def sittings_in(ctx: Context, text: str):
    """(number, date or None, match) for each sitting the text names ("at its 3rd sitting",
    "à sa troisième séance", "на своем третьем заседании", "第3次会议", "الجلسة الثالثة"); the date is
    the one nearest to it in its sentence."""
    for m in ctx.lex.rx("sitting").finditer(text):
        number = ctx.lex.number(m.group("n"), "ordinals")
        if number is None:
            continue
        # "twelfth meeting", "第十二次会议": an ordinal in words before a noun that also names the
        # meeting is the meeting itself, and no sitting is numbered beyond the sittings held.
        if not m.group("n")[:1].isdigit() and (number == ctx.report.meeting_number or (
                ctx.report.sitting_count and number > ctx.report.sitting_count)):
            continue
        sentence_start = max((x.end() for x in SENTENCE_END.finditer(text, 0, m.start())), default=0)
        sentence = ctx.sentence_around(text, m.start(), m.end())
        found = [(abs(sentence_start + pos - m.start()), d) for pos, d in ctx.lex.dated(sentence)]
        yield number, (min(found)[1] if found else day_of_sitting(ctx, text, m, sentence_start, sentence)), m


def day_of_sitting(ctx: Context, text: str, m: re.Match, sentence_start: int, sentence: str):
    """A day written without its year right after the sitting it dates ("at its 3rd meeting, on 11 June",
    "resumed 2nd meeting, held on 15 June"): no other sitting named between them, and within the
    meeting's dates, whose year it takes."""
    start, end = ctx.report.start_date, ctx.report.end_date
    if start is None:
        return None
    end = end or start
    for year in sorted({start.year, end.year}):
        for pos, day in ctx.lex.dated_without_year(sentence, year):
            at = sentence_start + pos
            if at < m.end() or not start <= day <= end:
                continue
            if any(m.end() <= other.start() < at for other in ctx.lex.rx("sitting").finditer(text, m.end(), at)):
                break
            return day
    return None


def record(ctx: Context, text: str, source: Source, words: bool = True) -> None:
    for number, when, m in sittings_in(ctx, text):
        if not words and not m.group("n")[:1].isdigit():
            continue
        ctx.last_sitting_named[source.paragraph] = number
        if m.groupdict().get("resumed"):
            # A resumed sitting sits on a later day than the sitting it resumes: its day is its own.
            if when is not None:
                ctx.resumed_sitting_dates.setdefault(number, when)
            when = None
        existing = next((s for s in ctx.report.sittings if s.number == number), None)
        if existing is None:
            ctx.report.sittings.append(Sitting(number, when, source))
        elif existing.date is None and when is not None:
            existing.date, existing.source = when, source


def same_sitting(ctx: Context, text: str, source: Source) -> int | None:
    """"At the same meeting", "À la même séance": the last sitting named in the paragraphs before."""
    same = ctx.lex.rx("sitting_same")
    if same is None or source.paragraph is None or not same.search(text):
        return None
    return next((ctx.last_sitting_named[n] for n in range(source.paragraph - 1, 0, -1)
                 if n in ctx.last_sitting_named), None)


def sitting_date(ctx: Context, number: int | None, resumed: bool = False):
    """The day of a sitting; none for a sitting held in parts ("the first part of its 3rd meeting"), which may
    span days: the day one part is dated does not date an act of the sitting that names no part."""
    if resumed:
        return ctx.resumed_sitting_dates.get(number)
    if number in held_in_parts(ctx):
        return None
    for s in ctx.report.sittings:
        if s.number == number:
            return s.date
    return None


def held_in_parts(ctx: Context) -> set[int]:
    """The sittings the text says were held in parts (`sitting_part`), read once."""
    def compute() -> set[int]:
        rx = ctx.lex.rx("sitting_part")
        found = set()
        for n in ctx.groups if rx else ():
            for m in rx.finditer(ctx.para_text(n)):
                number = ctx.lex.number(m.group("n"), "ordinals")
                if number:
                    found.add(number)
        return found
    return ctx.once(("sittings held in parts",), compute)


def count_in(ctx: Context, text: str) -> int | None:
    """The number of sittings a text states, in digits or words ("three sittings", "quatre séances",
    "из четырех заседаний", "三次会议"); "1st sitting" is a sitting, not a count."""
    for m in ctx.lex.rx("sitting_count").finditer(text):
        count = m.group("count")
        value = int(count) if count.isdigit() else (
            None if count[:1].isdigit() else ctx.lex.number(count, "cardinals"))
        if value:
            return value
    return None


