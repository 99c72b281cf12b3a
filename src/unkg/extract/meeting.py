"""Stage `extract`: the meeting a report is about — its title, its number and kind ("fifth session", "15th
meeting"), its dates, place and number of sittings — and what the whole report carries (job number, paragraphs).

The title names the meeting when it names one; otherwise the first mention outside the introduction (which recalls
earlier meetings). The paragraph saying the meeting was held ("held", "s'est tenue", "состоялось", "举行") gives
its dates, place and number of sittings, unless it recalls another meeting; failing that, a subtitle of the
masthead ("Held at … from … to …"). A committee's report to its parent body is on the committee's consideration of
its item at the session (`committee_meeting`).
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from unkg.extract import sittings
from unkg.extract.context import SENTENCE_END, Context
from unkg.model import Source
from unkg.read.masthead import masthead_title, read_masthead

_BOUND_AFTER = 45  # how far after "meetings" its dates may start ("at its 14th and 32nd meetings, on 13 October")
_BOUND_BEFORE = 30  # how far before it they may end ("On 14 October, at its 11th meeting", "10月24日第30次会议")
_CHAINED = 15  # dates this close form one list ("on 13 October and on 10 and 18 November 2022")
_MENTION_REACH = 240  # how far past its noun a meeting mention may run ("... meeting of the Working Group")
_LOOKAHEAD_REACH = 80
_TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]")  # a number, a word or a mark, read back over a list of days


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
    # "Report of the Subsidiary Body … on the first part of its forty-eighth session": the session the title
    # gives the report is its own, whatever other bodies' sessions the text names first ("the twenty-third
    # session of the Conference of the Parties").
    own = own_session(ctx, r.title)
    if own and candidates:
        first, r.meeting_kind = own, "session"
    for n, text in candidates:
        for m in mentions(ctx, text, anchor):
            value = ordinal(ctx, m.group("ordinal"))
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
    # A title that says when the meeting was held ("… on its fifty-second to fifty-fifth session, held in Glasgow
    # from 31 October to 6 November 2021") is the report's own word: a paragraph then gives what the title does not
    # (sittings, place) only where it gives the same days.
    held_in_title = ctx.lex.vocab_rx("held").search(r.title or "")
    titled = ctx.lex.dates(r.title[held_in_title.start():]) if held_in_title else []
    if titled:
        r.start_date, r.end_date = titled[0]
    for n in order:
        text = ctx.para_text(n)
        held = next((m for m in ctx.lex.vocab_rx("held").finditer(text) if not background(ctx, text, m)),
                    None)
        if not held:
            continue
        opens = max((m.end() for m in SENTENCE_END.finditer(text, 0, held.start())), default=0)
        ranges = ctx.lex.dates(text[max(opens, held.start() - 80):])
        if not ranges or (titled and ranges[0] != titled[0]):
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
        for cell in ctx.seg.front if not titled else ():
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


def background(ctx: Context, text: str, held: re.Match) -> bool:
    """A sentence recalling another meeting as held ("The Working Group had held its eleventh meeting in Vienna on
    5 and 6 June 2029"): it names a meeting by its number, and not the report's own."""
    number = ctx.report.meeting_number
    if number is None:
        return False
    named_rx = ctx.lex.rx("meeting.named")
    if named_rx is None:
        return False
    sentence = ctx.sentence_around(text, held.start(), held.end())
    named = {ordinal(ctx, m.group("ordinal")) for m in named_rx.finditer(sentence)
             if not m.group("ordinal")[:1].isdigit()} - {None}  # "at its 3rd meeting" is a sitting
    return bool(named) and number not in named


def ordinal(ctx: Context, phrase: str) -> int | None:
    """The number of a meeting's ordinal, of one word or several ("الحادي عشر": 11, not 10)."""
    words = phrase.split()
    value = ctx.lex.number(words[-1], "ordinals")
    if len(words) > 1:
        both = ctx.lex.number(" ".join(words), "ordinals")
        value = both if both and value and both > value else value
    return value


def own_session(ctx: Context, title: str | None) -> int | None:
    """The session a report's title says is its own ("on its forty-ninth session", "sur sa cinquième session")."""
    rx = ctx.lex.rx("sessions.title")
    m = rx.search(title) if rx and title else None
    return ctx.lex.number(m.group("ordinal"), "ordinals") if m else None


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




# -- the meeting of a committee report --------------------------------------------------------------------------

def committee_meeting(ctx: Context) -> None:
    """A committee report's meeting is the committee's consideration of its item at the session: the session's
    number from the masthead ("Seventy-seventh session"), and the first and last days of the committee's meetings
    at which the report says it considered or acted on the item.

    A day counts when it dates a meeting of the committee ("at its 14th and 32nd meetings, on 13 October and
    3 November 2022") in a sentence that is about the item: in the introduction, one that names the item (or the
    items of a general debate that covers it, or a general debate naming no items); after it, every sentence
    down to the recommendation (the drafts under the item). Plenary meetings of the parent body, meetings that
    organize the work ("decided to hold a general debate on items 51 to 55"), and days that date no meeting
    (resolutions, letters, reporting periods) are left out."""
    r, lex = ctx.report, ctx.lex
    session = lex.rx("drafts.session")  # "Nonagésimo quinto período de sesiones": every word counts (90 + 5)
    for line in ctx.seg.front if session else ():
        m = session.search(line.strip())
        value = lex.number(m.group("ordinal"), "ordinals") if m else None
        if value:
            r.meeting_number, r.meeting_kind = value, "session"
            break
    noun, organizing = lex.rx("meeting.sitting_noun"), lex.rx("meeting.organizational")
    recommends = lex.rx("drafts.recommends")
    if noun is None:
        return
    items = {a.number for a in r.agenda}
    days: list[tuple[int, list]] = []  # (paragraph, [(day, month, year or None)]) in text order
    # What the paragraphs on other meetings say (the text of a draft: "the Working Group held five meetings",
    # "the Summit held in Tunis") is not this meeting's: only the sentences read here give a place; a committee
    # states the meetings at which it considered an item, not a number of meetings held.
    r.place, r.sitting_count = None, None
    place = lex.rx("meeting.place")
    for n, blocks in ctx.groups.items():
        text = ctx.para_text(n)
        if recommends and recommends.search(text):
            break  # the recommendation and the text of the drafts follow: their dates are not meetings
        intro = "introduction" in ctx.kinds(blocks[0])
        for sentence in ctx.sentences(text) if noun.search(text) else ():
            if organizing and organizing.search(sentence) or (intro and not about_item(ctx, sentence, items)):
                continue
            found = meeting_days(ctx, sentence)
            if found:
                days.append((n, found))
                where = place.search(sentence) if place else None
                r.place = r.place or (lex.place(where.group("place")) if where else None)
    dated = resolve_years(ctx, [d for _, found in days for d in found])
    if dated:
        r.start_date, r.end_date = min(dated), max(dated)
        r.meeting_source = Source(days[0][0])


def about_item(ctx: Context, sentence: str, items: set[int]) -> bool:
    """An introduction's sentence about the report's item: it names the item ("the item", "sub-item (a)",
    "items 90 to 108" holding it), or a general debate that names no other items."""
    words, debate = ctx.lex.vocab_rx("item"), ctx.lex.rx("meeting.general_debate")
    named: set[int] = set()
    for m in words.finditer(sentence) if words else ():
        numbers = item_numbers(ctx, re.sub(r"^\w+", "", sentence[m.end():]))  # past the word's ending ("items")
        if not numbers:
            return True  # "the item", "those items", "sub-item (a)"
        named |= numbers
    if named:
        return bool(named & items)
    return bool(debate and debate.search(sentence))


def item_numbers(ctx: Context, text: str) -> set[int]:
    """The item numbers at the start of text: "90 to 108" (a range), "124 and 139", "23 (a)"."""
    m = re.match(r"\s*(\d{1,3}(?:\s*\([^\W\d_]\))?(?:\s*(?:[,،、]|[^\W\d_]{1,3}|[–—-])\s*\d{1,3}"
                 r"(?:\s*\([^\W\d_]\))?)*)", text)
    if not m:
        return set()
    ranges = set(ctx.lex.get("meeting.range_words", []))
    tokens = re.findall(r"\d+|[^\W\d_]+|[–—-]", re.sub(r"\([^\W\d_]\)", " ", m.group(1)))
    out: set[int] = set()
    for i, token in enumerate(tokens):
        if token.isdigit():
            out.add(int(token))
            if i >= 2 and tokens[i - 1].lower() in ranges and tokens[i - 2].isdigit():
                out.update(range(int(tokens[i - 2]), int(token)))
    return out


def meeting_days(ctx: Context, sentence: str) -> list[tuple[int, int, int | None]]:
    """(day, month, year or None) of the first and last days that date the committee's meetings a sentence
    names: the list of days next to "meetings" ("on 3, 4, 6 and 7 and from 10 to 13 October"), the year of a
    day without one taken from a later day of the same list ("13 October and on 10 and 18 November 2022")."""
    lex = ctx.lex
    plenary = [m.span() for m in lex.rx("drafts.plenary").finditer(sentence)] if lex.rx("drafts.plenary") else []
    nouns = [m for m in lex.rx("meeting.sitting_noun").finditer(sentence)
             if not any(s < m.end() and m.start() < e for s, e in plenary)]
    if not nouns:
        return []
    chains: list[list[tuple[int, int, tuple, tuple]]] = []
    for expr in date_expressions(ctx, sentence):
        last = chains[-1][-1] if chains else None
        gap = sentence[last[1]:expr[0]] if last else None
        if gap is not None and len(gap) <= _CHAINED and not lex.rx("meeting.sitting_noun").search(gap):
            chains[-1].append(expr)
        else:
            chains.append([expr])
    out = []
    for chain in chains:
        start, end = chain[0][0], chain[-1][1]
        bound = any(0 <= start - m.end() <= _BOUND_AFTER and not any(m.end() <= o.start() < start for o in nouns)
                    or 0 <= m.start() - end <= _BOUND_BEFORE for m in nouns)
        if not bound:
            continue
        year = next((e[3][2] for e in reversed(chain) if e[3][2]), None)
        out += [(d, mo, y or year) for e in chain for d, mo, y in (e[2], e[3])]
    return out


def date_expressions(ctx: Context, sentence: str) -> list[tuple[int, int, tuple, tuple]]:
    """(start, end, first day, last day) of each date or list of days, a day as (day, month, year or None);
    the list runs back over the bare days before a month ("26, 27, 28 and 31 October 2022")."""
    lex = ctx.lex
    found = []
    for pattern in lex.date_patterns:
        for m in pattern.finditer(sentence):
            for first, last in lex.dates(m.group(0))[:1]:
                found.append([m.start(), m.end(), (first.day, first.month, first.year),
                              (last.day, last.month, last.year)])
    if lex.day_month_pattern is not None:
        for m in lex.day_month_pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e, _, _ in found):
                continue
            for _, day in lex.dated_without_year(m.group(0), 2000)[:1]:  # a leap year: any day is a day
                found.append([m.start(), m.end(), (day.day, day.month, None), (day.day, day.month, None)])
    found.sort()
    words = {w.lower() for w in lex.get("dates.connectors", []) + lex.get("dates.list_words", [])}
    for expr in found:
        first = lead_day(sentence[:expr[0]], words)
        if first is not None and 1 <= first[1] < expr[2][0]:
            expr[0], expr[2] = first[0], (first[1], expr[2][1], expr[2][2])
    return [tuple(e) for e in found]


def lead_day(before: str, words: set[str]) -> tuple[int, int] | None:
    """(offset, day) of the first bare day of the list of days that ends where a dated day starts ("3, 4, 6 and 7
    and from 10 to " before "13 October"): read back over days, connecting words and commas."""
    first = None
    for m in reversed(list(_TOKEN.finditer(before[-120:]))):
        token = m.group(0)
        if token.isdigit() and len(token) <= 2:
            first = (len(before) - len(before[-120:]) + m.start(), int(token))
        elif token.lower() not in words and token not in ",،、":
            break
    return first


def resolve_years(ctx: Context, days: list[tuple[int, int, int | None]]) -> list[date]:
    """Days as dates: a day without its year takes the year of the last dated day before it, else the year
    that puts it before the report's issue date (a committee reports after its meetings)."""
    out, year, issued = [], None, None
    for d, mo, y in days:
        if y is None and year is None:
            issued = issued or read_masthead(ctx.seg, ctx.lex).date
            if issued is None:
                continue
            y = issued.year if (mo, d) <= (issued.month, issued.day) else issued.year - 1
        try:
            out.append(date(y or year, mo, d))
        except ValueError:
            continue
        year = y or year
    return out
