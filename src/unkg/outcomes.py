"""Outcomes per agenda item, parts of resumed sessions, sessions a report covers, UNFCCC decision notation.

Reports of subsidiary bodies (UNFCCC SBI/SBSTA) give one chapter per agenda item, marked
"(Agenda item 3)" or "(Agenda sub-item 2(b))" under its heading, and say under each item what was
adopted: "considered and adopted the conclusions below", "recommended a draft decision on … for
consideration and adoption". The item in force is the last marker met, whatever the heading levels
the segmenter recognised (a marker may end a paragraph when a heading was joined to it). A Meeting of
the Parties numbers no item: its decisions are clauses whose subject is the Meeting, section by section.
A report's title says which part of a resumed session it is on, or that it covers several sessions (each
then a meeting with its dates; the report is on the last). Formulae come from the lexicon (`outcomes`,
`sessions`); the decision notation (1/CP.19) from data/decision-notations.csv, since it is written the
same way in every language.
"""
from __future__ import annotations

import csv
import re
from functools import cache
from typing import TYPE_CHECKING

from .model import AgendaItem, CitedDecision, CoveredMeeting, Officer, Outcome, Source
from .resources import data_path

if TYPE_CHECKING:
    from .extract import _Extractor

_END = ".;:,。；：，、؛، "
# A heading label left in front of a title when the segmenter joined the heading to a paragraph
# (a lexicon may give its own: outcomes.heading_label).
_HEADING_LABEL = re.compile(r"(?:^|(?<=\s))(?:[IVXL]{1,6}|[A-H]|\d{1,2})\s*[.．、]\s+(?=\S)")
# one "12 (title)" or "(a) (title)" step of a mention, up to the title's opening parenthesis
_MENTIONED_ITEM = re.compile(r"\s*(?P<n>\d{1,3})?\s*(?:[(（](?P<sub>[a-z])[)）])?\s*(?=[(（])")
_LETTERS_ONLY = re.compile(r"[a-z](?:\s*[–-]\s*[a-z])?")


@cache
def decision_notations() -> dict[str, str]:
    """UNFCCC-style notation body code ("CP") -> symbol series of the body ("FCCC/CP")."""
    with data_path("decision-notations.csv").open(encoding="utf-8", newline="") as f:
        return {row["notation"]: row["series"] for row in csv.DictReader(f)}


@cache
def _notation_rx() -> re.Pattern[str]:
    codes = "|".join(sorted(map(re.escape, decision_notations()), key=len, reverse=True))
    # ASCII neighbours only: Chinese and Arabic attach words ("第1/CP.21号", "و1/CP.21").
    return re.compile(rf"(?<![0-9A-Za-z/.])(?P<n>\d{{1,3}})/(?P<body>{codes})\.(?P<session>\d{{1,3}})(?![0-9A-Za-z/])")


def notation_issuer(reference: str) -> str | None:
    """The series of the body that took a decision cited in notation ("1/CP.19" -> "FCCC/CP")."""
    m = _notation_rx().fullmatch(reference)
    return decision_notations()[m.group("body")] if m else None


def read(ex: _Extractor) -> None:
    """Add to ex.r: the session part or covered sessions, officers named in a sentence or elected as a list,
    decisions cited in notation, agenda items named in headings, outcomes."""
    sessions(ex)
    officers_named(ex)
    decisions_in_notation(ex)
    outcomes(ex)
    designated_outcomes(ex)
    decisions_by_section(ex)


# -- sessions --------------------------------------------------------------------------

def sessions(ex: _Extractor) -> None:
    r, lex = ex.r, ex.lex
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
        covered_sessions(ex)
    else:
        own_session_dates(ex)


def own_session_dates(ex: _Extractor) -> None:
    """The dates and place of the sentence that names the report's own session ("The fifth session of the
    Meeting of the Parties ... was held in Geneva from 10 to 12 November 2009"): they win over the first
    dates held elsewhere (a high-level segment held on one day of it)."""
    r, lex = ex.r, ex.lex
    held = lex.rx("sessions.held")
    if held is None or r.meeting_number is None or r.session_part:
        return
    nouns = tuple(lex.get("meeting.nouns", {}))
    for n in sorted(ex.groups):
        text = ex.para_text(n)
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


def covered_sessions(ex: _Extractor) -> None:
    """A report on several sessions (a preparatory body): each session with its dates; the
    report is about the last one held."""
    r, lex = ex.r, ex.lex
    held = lex.rx("sessions.held")
    organizational = lex.rx("sessions.organizational")
    found: dict[tuple[str, int | None], CoveredMeeting] = {}
    places: dict[tuple[str, int | None], str] = {}
    for n in sorted(ex.groups) if held else ():
        for m in held.finditer(ex.para_text(n)):
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
    r.sitting_count = ex.sitting_count_in(ex.para_text(last.source.paragraph))
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


def officers_named(ex: _Extractor) -> None:
    """Officers of a Meeting of the Parties: the Chair named in a sentence ("The session was chaired by
    Ms. X (Germany)") and the Bureau elected as a list ("(a) Ms. X (Switzerland), Chair;"), the role
    after the person; roles the lexicon ignores (alternates, members of the Bureau) and longer titles
    ("Chair of the Working Group on …") are not officers of the meeting."""
    r, lex = ex.r, ex.lex
    person = lex.rx("officers.person_state", ignore_case=False)
    chaired, elected = lex.rx("sessions.chaired_by"), lex.rx("sessions.elected")
    roles = lex.get("officers.roles", {})
    ignored = set(lex.get("officers.ignore", []))
    if person is None or not (chaired or elected):
        return

    def add(m: re.Match[str], role: str, n: int) -> None:
        state = ex.names.resolve(m.group("state"))
        name = ex.person_name(m.group("name"))
        if state.kind in ("state", "reio") and not any(o.name == name and o.role == role for o in r.officers):
            r.officers.append(Officer(name, role, state, Source(n)))

    for n, blocks in ex.groups.items():
        text = ex.para_text(n)
        for m in chaired.finditer(text) if chaired else ():
            named = _person_at(person, text, m.end())
            if named:  # "会议由共同主席X主持": a role word before the person says which chair
                add(named, _role_in(text[m.end():named.start()], roles) or "chair", n)
        if not (elected and elected.search(blocks[0].text)):
            continue
        for block in blocks[1:]:
            item = block.text.strip()
            named = _person_at(person, item, 0) if block.kind == "item" else None
            if not named:
                continue
            role = _role_alone(item[named.end():].strip(_END), roles)
            if role and role not in ignored:
                add(named, role, n)


def _person_at(person: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    """A person with a State in parentheses starting at pos, after at most an honorific ("г-жа")."""
    m = person.search(text, pos, pos + 200)
    return m if m and m.start() - pos <= 8 else None


def _role_in(text: str, roles: dict[str, str]) -> str | None:
    """The first of the lexicon's roles (in its order) that the words name."""
    return next((role for role, pattern in roles.items() if re.search(pattern, text)), None)


def _role_alone(text: str, roles: dict[str, str]) -> str | None:
    """The role the words name by themselves ("Chair", "Vice-Chair", "Председатель"); "Chair of the Working
    Group on …" names another post."""
    for role, pattern in roles.items():
        m = re.match(pattern, text)
        if m and re.fullmatch(r"\w*", text[m.end():]):
            return role
    return None


# -- decisions in notation -----------------------------------------------------------------

def decisions_in_notation(ex: _Extractor) -> None:
    """Decisions cited as 1/CP.19, 2/CMP.8, 18/CMA.1, and ranges "2/CMP.7 to 4/CMP.7"."""
    r, lex = ex.r, ex.lex
    range_rx = lex.rx("outcomes.decision_range")
    known = {d.reference for d in r.decisions}
    for block in ex.seg.blocks:
        text = block.text
        if "/" not in text:
            continue
        source = Source(block.para if block.kind != "annex" else None)
        matches = list(_notation_rx().finditer(text))
        refs = [m.group(0) for m in matches]
        for a, b in zip(matches, matches[1:]):
            between = text[a.end():b.start()]
            if range_rx and range_rx.fullmatch(between) and a.group("body", "session") == b.group("body", "session"):
                body, session = a.group("body", "session")
                refs += [f"{i}/{body}.{session}" for i in range(int(a.group("n")) + 1, int(b.group("n")))]
        for ref in refs:
            if ref not in known:
                known.add(ref)
                r.decisions.append(CitedDecision(ref, "decision", "cited", source))


# -- agenda items and outcomes -----------------------------------------------------------

def item_keys(text: str, item_rx: re.Pattern[str], letters: dict[str, str] | None = None) -> list[str]:
    """ "5, 6, 14(a), 15 and 17(b)" -> ["5", "6", "14.a", "15", "17.b"]; "12(a–c)" -> 12.a, 12.b, 12.c.
    `letters` (the lexicon's list_letters) gives the Latin letter of a script's own ("4 (ب)" -> 4.b)."""
    letters = letters or {}
    keys = []
    for m in item_rx.finditer(text):
        first, last = m.group("a"), m.group("b")
        if not first:
            keys.append(m.group("n"))
            continue
        first, last = letters.get(first, first), letters.get(last, last) if last else last
        for code in range(ord(first), ord(last or first) + 1):
            keys.append(f"{m.group('n')}.{chr(code)}")
    return keys


def _balanced(text: str, start: int) -> int | None:
    """Index just past the parenthesis that closes the one opening at text[start]."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] in "(（":
            depth += 1
        elif text[i] in ")）":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def titled_mentions(text: str, ex: _Extractor) -> list[tuple[str, str]]:
    """ "agenda items 11 (Report of …) and 12 (Matters …)", "agenda item 12 (…), sub-items (a) (…)
    and (c) (…)": (key, title) for each item named with its title in parentheses."""
    head = ex.lex.rx("outcomes.mention", ignore_case=False)
    join = ex.lex.rx("outcomes.mention_join")
    out = []
    for m in head.finditer(text) if head else ():
        pos, number = m.end(), None
        while True:
            step = _MENTIONED_ITEM.match(text, pos)
            if not step or not (step.group("n") or (step.group("sub") and number)):
                break
            number = step.group("n") or number
            end = _balanced(text, step.end())
            if end is None:
                break
            title = " ".join(text[step.end() + 1:end - 1].split())
            if _LETTERS_ONLY.fullmatch(title):  # "11(b)": the letter of a sub-item, not a title
                break
            out.append((f"{number}.{step.group('sub')}" if step.group("sub") else number, title))
            more = join.match(text, end) if join else None
            if not more:
                break
            pos = more.end()
    return out


def _marker_title(prefix: str, is_heading: bool, label_rx: re.Pattern[str]) -> str | None:
    labels = list(label_rx.finditer(prefix))
    if labels:
        prefix = prefix[labels[-1].end():]
    elif not is_heading:
        return None
    title = " ".join(prefix.split()).strip(_END)
    return title or None


def _sitting_named(lex, text: str) -> int | None:
    """The number of the first sitting the paragraph names ("At its 9th meeting"), the outcome's sitting."""
    sitting = lex.rx("sitting").search(text)
    return lex.number(sitting.group("n"), "ordinals") if sitting else None


def outcomes(ex: _Extractor) -> None:
    r, lex = ex.r, ex.lex
    marker = lex.rx("outcomes.marker", ignore_case=False)
    item_rx = lex.rx("outcomes.item", ignore_case=False)
    adopted = {kind: lex.rx(f"outcomes.adopted.{kind}") for kind in lex.get("outcomes.adopted", {})}
    this_matter = lex.rx("outcomes.this_matter")
    notes = lex.rx("outcomes.notes")
    label_rx = lex.rx("outcomes.heading_label", ignore_case=False) or _HEADING_LABEL
    if marker is None or item_rx is None:
        return
    for item in r.agenda:  # "(agenda item held in abeyance)" is a note, not part of the title
        item.title = notes.sub("", item.title).strip(_END) if notes else item.title
    agenda = {item.key: item for item in r.agenda}
    current: list[str] = []
    done: set[tuple[int, str, int]] = set()

    from_headings: set[str] = set()  # items known only from headings and mentions, not from an agenda list

    def add_item(key: str, title: str | None, source: Source) -> None:
        if not title:
            return
        title = notes.sub("", title).strip(_END) if notes else title
        if key in from_headings:  # the table of contents comes first: the body's heading wins
            agenda[key].title, agenda[key].source = title, source
            return
        if key in agenda:
            return
        number, _, sub = key.partition(".")
        agenda[key] = AgendaItem(int(number), sub or None, title, source)
        from_headings.add(key)
        r.agenda.append(agenda[key])

    previous = ""
    for block in ex.seg.blocks:
        source = Source(block.para)
        for key, title in titled_mentions(block.text, ex):
            add_item(key, title, source)
        # Markers and adoptions in text order: a heading joined to the end of a paragraph
        # opens the next item only after what the paragraph adopted.
        events = [(m.start(), "marker", m) for m in marker.finditer(block.text)]
        # what was adopted counts only under an agenda item: most reports number none, and are not searched
        if (current or events) and block.kind in ("para", "item") and block.para is not None:
            events += [(m.start(), kind, m) for kind, rx in adopted.items() if rx for m in rx.finditer(block.text)]
        for start, what, m in sorted(events, key=lambda e: e[0]):
            if what == "marker":
                keys = item_keys(m.group("items"), item_rx, lex.get("list_letters"))
                if keys:
                    current = keys
                    if len(keys) == 1:
                        prefix = block.text[:start]
                        if not prefix.strip():  # the marker on a block of its own: the heading is the block before
                            prefix = previous
                        # a heading line: whatever is not a numbered paragraph or list item
                        headed = block.kind not in ("para", "item") or prefix is previous
                        add_item(keys[0], _marker_title(prefix, headed, label_rx), source)
                continue
            if not current or (block.para, what, start) in done:
                continue
            done.add((block.para, what, start))
            subject = m.groupdict().get("title")
            if subject and this_matter and this_matter.fullmatch(subject.strip()):
                subject = None
            r.outcomes.append(Outcome(what, list(current), subject.strip(_END) if subject else None, source,
                                      _sitting_named(lex, block.text)))
        previous = block.text


# -- resolutions and decisions named by their designation (functional commissions) -------------------

_ACT_REACH = 60  # how far after "adopted"/"recommended" the designation of what was adopted stands


def designated_outcomes(ex: _Extractor) -> None:
    """What a body adopted or recommended, named by its designation under an agenda item ("adopted resolution
    69/1, under agenda item 4", "a adopté la résolution 74/1 au titre du point 5 a)", "根据议程项目3(a)通过了
    第62/101号决定"): an outcome of the designation's kind under that item. The title is the one the report prints
    after the designation where it lists them ("Draft resolution I" and its title, in the chapter of matters
    calling for action); otherwise the item's. A designation cited but not adopted ("recalling resolution
    76/133") is not one: only the first designation after an act verb counts."""
    lex = ex.lex
    designation, act, under = (lex.rx(f"outcomes.designated.{k}") for k in ("outcome", "act", "under_item"))
    item_rx = lex.rx("outcomes.item", ignore_case=False)
    if designation is None or act is None or under is None or item_rx is None:
        return
    titles: dict[tuple[str, str], str] | None = None  # read once the first outcome is found
    seen: set[tuple[str, str]] = set()
    for block in ex.seg.blocks:
        if block.kind not in ("para", "item") or block.para is None or not under.search(block.text):
            continue
        for sentence in ex.sentences(block.text):
            items = [(m.start(), item_keys(m.group("items"), item_rx, lex.get("list_letters")))
                     for m in under.finditer(sentence)]
            if not items:
                continue
            for verb in act.finditer(sentence):
                m = designation.search(sentence, verb.end(), verb.end() + _ACT_REACH)
                if m is None:
                    continue
                designated = _designated(m)
                keys = min(items, key=lambda i: abs(i[0] - m.start()))[1]
                if designated in seen:
                    continue
                seen.add(designated)
                titles = _designation_titles(ex, designation) if titles is None else titles
                kind, title = designated[0], titles.get(designated)
                ex.r.outcomes.append(Outcome(kind, keys, title, Source(block.para), _sitting_named(lex, block.text)))


def _designation_titles(ex: _Extractor, designation: re.Pattern[str]) -> dict[tuple[str, str], str]:
    """(kind, designation) -> title, where the report lists designations each followed by its title ("…the
    following draft resolutions: Draft resolution I Inclusive social protection … Draft resolution II …"): a
    designation after a colon or after another listed one, its title running to the next designation, with no
    sentence end in it."""
    out: dict[tuple[str, str], str] = {}
    for block in ex.seg.blocks:
        marks = list(designation.finditer(block.text))
        for k, m in enumerate(marks):
            before = block.text[:m.start()].rstrip()
            listed = not before or before.endswith((":", "：")) or (k > 0 and out.get(_designated(marks[k - 1])))
            if not listed:
                continue
            end = marks[k + 1].start() if k + 1 < len(marks) else len(block.text)
            title = " ".join(block.text[m.end():end].split()).strip(_END)
            if title and len(title.split()) <= 30 and not re.search(r"[.。]\s", block.text[m.end():end]) \
                    and not block.text[m.end():end].rstrip().endswith((".", "。")):
                out[_designated(m)] = title
    return out


def _designated(m: re.Match[str]) -> tuple[str, str]:
    """(kind, designation) of a match of `outcomes.designated.outcome`: groups named resolution… or decision…
    say the kind, ref… the designation (a language may word it two ways: "第62/101号决定", "决议草案一")."""
    groups = {k: v for k, v in m.groupdict().items() if v}
    kind = "resolution" if any(k.startswith("resolution") for k in groups) else "decision"
    return kind, next(v for k, v in groups.items() if k.startswith("ref"))


# -- decisions taken section by section (Meetings of the Parties) ----------------------------

_TOC_LABEL = re.compile(r"^(?:[IVXL]{1,6}|[A-Z]|\d{1,2})\s*[.．、]\s+")
_TOC_PAGES = re.compile(r"(?:\s+\d+(?:\s*[-–]\s*\d+)?){1,2}\s*$")


def _key(title: str) -> str:
    return re.sub(r"\W+", "", title.casefold())


def decisions_by_section(ex: _Extractor) -> None:
    """A report that numbers no agenda item (a Meeting of the Parties) states its decisions as clauses
    whose subject is the meeting ("Urged Parties to ...", "(a) Took note of ...", "It agreed to entrust
    ..."), section after section: one decision per section, titled as the table of contents prints the
    section (the body may print it in capitals)."""
    r, lex = ex.r, ex.lex
    clause = lex.rx("outcomes.decision_clause", ignore_case=False)
    if clause is None or r.outcomes:
        return
    contents = {}
    for block in ex.seg.blocks:
        if block.kind == "contents":
            title = _TOC_PAGES.sub("", _TOC_LABEL.sub("", block.text.strip())).strip()
            contents.setdefault(_key(title), title)
    seen: set[str] = set()
    for block in ex.seg.blocks:
        if block.kind not in ("para", "item") or block.para is None or not clause.search(block.text.strip()):
            continue
        heading = block.subsection or block.section
        if not heading:
            continue
        title = contents.get(_key(heading), heading.strip())
        if title not in seen:
            seen.add(title)
            r.outcomes.append(Outcome("decision", [], title, Source(block.para)))
