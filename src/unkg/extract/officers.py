"""Stage `extract`: the officers of the meeting — Chair, Co-Chairs, Vice-Chairs, Rapporteur — with their States.

A person followed by a State in parentheses takes the role word nearest to it; a person appointed without a State
is read by the lexicon's formulae (`officers.appointed`); a role scoped to a part of the meeting ("Chair of the
high-level segment") is nobody's office here. A Meeting of the Parties names its Chair in a sentence and elects its
Bureau as a list (`read_named`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from unkg.extract.context import SENTENCE_END, Context
from unkg.model import Entity, Officer, Source

_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")  # scripts without spaces
_END = ".;:,。；：，、؛، "
# The sections where a report names its officers.
_SECTIONS = {"duration", "officers", "opening", "organization"}


def read(ctx: Context) -> None:
    for n, blocks in ctx.groups.items():
        if ctx.kinds(blocks[0]) & _SECTIONS:
            read_paragraph(ctx, ctx.para_text(n), ctx.source(n))


def read_masthead(ctx: Context) -> None:
    """"Rapporteur: Ms. … (Malta)" on the masthead of a committee report."""
    for line in ctx.seg.front:
        read_paragraph(ctx, line, Source(None))


def read_committee(ctx: Context) -> None:
    """Officers a committee report names in its account of the item ("a draft resolution … submitted by the
    Vice-Chair of the Committee, Name (Qatar)"), down to the recommendation (the text of the drafts follows)."""
    recommends, person = ctx.lex.rx("drafts.recommends"), ctx.lex.rx("officers.person_state", ignore_case=False)
    known = {(o.name, o.role) for o in ctx.report.officers}
    for n in ctx.groups:
        text = ctx.para_text(n)
        if recommends and recommends.search(text):
            break
        if person is None or not person.search(text):
            continue
        before = len(ctx.report.officers)
        read_paragraph(ctx, text, ctx.source(n))
        added = ctx.report.officers[before:]
        del ctx.report.officers[before:]
        for officer in added:
            if (officer.name, officer.role) not in known:
                known.add((officer.name, officer.role))
                ctx.report.officers.append(officer)


def read_paragraph(ctx: Context, text: str, source: Source) -> None:
    """A person followed by a State in parentheses, with the role word nearest to it: the last one
    before ("Co-Chairs, A (Mexico) and B (Poland)"), else the first one after it in the same
    sentence ("A (Mexique) et B (Pologne) ont assuré la coprésidence")."""
    roles = ctx.lex.table("officers.roles", ignore_case=False)
    role_spans: list[tuple[int, int, str]] = []
    # Roles are tried in the lexicon's order; a role whose name sits inside an
    # earlier one ("Vice-Chair" in "Alternate to Vice-Chair") is not counted.
    # A role of a part of the meeting ("the Chair of the high-level segment", "高级别部分主席") is nobody's
    # role here, but still the role nearest to the person it names: the words that scope it follow the
    # role (`officers.scoped_to`) or, in languages that put them first, precede it (`officers.scoped_by`).
    # A group that names the body whose report this is ("Chair of the Working Group" in the report of
    # a working group) scopes nothing: that is the meeting's own Chair.
    scoped_to, scoped_by = ctx.lex.rx("officers.scoped_to"), ctx.lex.rx("officers.scoped_by")
    for role, pattern in roles:
        for m in pattern.finditer(text):
            if not any(s <= m.start() < e for s, e, _ in role_spans):
                scope = (scoped_to.search(text[m.end():m.end() + 80]) if scoped_to else None) or (
                    scoped_by.search(text[max(0, m.start() - 80):m.start()]) if scoped_by else None)
                part_of = scope is not None and not names_own_body(ctx, scope)
                # the span runs to the end of the word ("Председател|я:"), where a label's colon stands
                role_spans.append((m.start(), word_end(text, m.end()), "" if part_of else role))
    role_spans.sort()
    role_spans = joint_roles(ctx, text, role_spans)
    ignored = set(ctx.lex.get("officers.ignore", []))
    # A person is a name with a State in parentheses; "Technological Advice (SBSTA)" or "the European Union (EU)"
    # are not persons, and take no role from the persons around them.
    people = sorted([Named(m.start(), m.end(), m.group("name"), ctx.names.resolve(m.group("state")))
                     for m in ctx.lex.rx("officers.person_state", ignore_case=False).finditer(text)
                     if ctx.names.resolve(m.group("name")).kind == "unresolved"] + titled(ctx, text),
                    key=lambda p: p.start())
    people = [p for p in people if p.state.kind in ("state", "reio")]
    # The role right after each person, before the next one ("X (Tajikistan) as Vice-Chair"), unless it
    # labels what follows ("Rapporteur: Y"); persons joined before one role share it ("A (Mexique) et
    # B (Pologne) ont assuré la coprésidence").
    colons = tuple(ctx.lex.get("list.colons", [":"]))  # "Rapporteur:", "报告员："
    own_after: list[tuple[int, str] | None] = []
    as_role = ctx.lex.rx("officers.as_role")
    for k, m in enumerate(people):
        end = people[k + 1].start() if k + 1 < len(people) else len(text)
        # nor a role set before the next person as its apposition ("…, and the Rapporteur, Y (Turkey)"), unless
        # it is said of this one ("X (Iran) as Vice-Chair, Y (Korea) as …")
        own_after.append(next(((s, role) for s, e, role in role_spans
                               if m.end() <= s < end and not text[e:e + 2].strip().startswith(colons)
                               and not (end < len(text) and re.fullmatch(r"[\s,،、，]*", text[e:end])
                                        and not (as_role and as_role.search(text, m.end(), s)))), None))
    # A role before a person stands in the person's sentence (a list's items, cut by ";", stay in it): the Chair
    # named in one sentence is not the role of the co-facilitators named in the next.
    stops = [x.end() for x in SENTENCE_END.finditer(text) if x.group(0) in ".。!?"]
    for k, m in enumerate(people):
        state = m.state
        # at equal distance the role after wins: in a list "A (Italy), Chair; B (Czechia), Vice-Chair" the
        # role before B is A's
        opens = max((x for x in stops if x <= m.start()), default=0)
        # a role already said of the person before ("Y (Korea) as Vice-Chair, Z (Turkey) as Rapporteur") is not Z's
        claimed = {after[0] for after in own_after[:k] if after}
        before = [(m.start() - e, 1, role) for s, e, role in role_spans
                  if opens <= s and e <= m.start() and s not in claimed]
        sentence_end = SENTENCE_END.search(text, m.end())
        limit = sentence_end.start() if sentence_end else len(text)
        shared = next((own_after[j] for j in range(k, len(people)) if own_after[j]), None)
        after = [(shared[0] - m.end(), 0, shared[1])] if shared and shared[0] < limit else []
        # "B (Korea) as additional Vice-Chair, C (Turkey) as Rapporteur": the role the person is welcomed or
        # elected as (`officers.as_role`) is theirs, whatever role ends just before them
        if as_role and after and as_role.fullmatch(text, m.end(), shared[0]):
            before = []
        nearest = [c for c in (before[-1] if before else None, after[0] if after else None) if c]
        role = min(nearest)[2] if nearest else None
        for one in (role or "").split("+"):  # "Vice-Chair-cum-Rapporteur": both posts
            if one and one not in ignored:
                ctx.report.officers.append(Officer(person_name(ctx, m.name), one, state, source))
    # "X was appointed Rapporteur", "Докладчиком был назначен X": a formula for each word order; the role
    # is the first of the lexicon's roles that the words start with ("Докладчиком", "Vice-Chair").
    appointed = [m for rx in ctx.lex.rx_all("officers.appointed", ignore_case=False) for m in rx.finditer(text)]
    for m in sorted(appointed, key=lambda m: m.start()):
        role = next((r for r, pattern in roles if pattern.match(m.group("role"))), None)
        if role is None or role in ignored:
            continue
        name = person_name(ctx, m.group("name"))
        known = next((o.state for o in ctx.report.officers if o.name == name), None)
        ctx.report.officers.append(Officer(name, role, known, source))


@dataclass
class Named:
    """A person a sentence names with the State they come from: "Name (State)", or by a title of the State
    ("the Permanent Representative of Uruguay, Name", "Name, Chief Counsel at the Ministry of Foreign Affairs of
    Uruguay"); start and end span the name and what gives the State."""
    first: int
    last: int
    name: str
    state: Entity

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.last


def titled(ctx: Context, text: str) -> list[Named]:
    """Persons named with a title of their State instead of the State in parentheses: the title and the State
    (`officers.state_title`, the longest run of words after it that names a State, then `state_title_tail`:
    "to the United Nations"), the name set after them by a comma or before them, the title's first words between
    ("Sofía Herrera, Chief Counsel at the Ministry of …")."""
    title_rx, tail_rx = ctx.lex.rx("officers.state_title"), ctx.lex.rx("officers.state_title_tail")
    name_rx = ctx.lex.rx("officers.bare_name")
    if title_rx is None or name_rx is None:
        return []
    out = []
    for m in title_rx.finditer(text):
        found = state_after(ctx, text, m.end())
        if found is None:
            continue
        state, end = found
        tail = tail_rx.match(text, end) if tail_rx else None
        end = tail.end() if tail else end
        after = re.compile(r"\s*[,،，]\s*(?:(?:%s)\s+)?(%s)" % (
            "|".join(re.escape(h) for h in ctx.lex.get("officers.honorifics", [])) or "(?!)", name_rx.pattern))
        named = after.match(text, end)
        if named:
            out.append(Named(m.start(), named.end(1), named.group(1), state))
            continue
        window = max(0, m.start() - 160)
        before = re.search(r"(%s)\s*[,،，]\s+(?:[\w'’-]+\s+){0,6}$" % name_rx.pattern, text[window:m.start()])
        if before:
            out.append(Named(window + before.start(1), end, before.group(1), state))
    return [p for p in out if ctx.names.resolve(p.name).kind == "unresolved"]


def state_after(ctx: Context, text: str, pos: int) -> tuple[Entity, int] | None:
    """The State named by the longest run of up to eight words from pos, up to a comma ("the Kingdom of the
    Netherlands to the United Nations, …": the Kingdom of the Netherlands)."""
    words = list(re.finditer(r"[^\s,،，;]+", text[pos:pos + 160].split(",")[0].split("،")[0]))[:8]
    for k in range(len(words), 0, -1):
        entity = ctx.names.resolve(text[pos:pos + words[k - 1].end()].strip(" .;:"))
        if entity.kind in ("state", "reio"):
            return entity, pos + words[k - 1].end()
    return None


def joint_roles(ctx: Context, text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two role words joined into one post ("Vice-Chair-cum-Rapporteur", "Vice-Président et Rapporteur")
    as one span holding both roles ("vice-chair+rapporteur")."""
    joiner = ctx.lex.rx("officers.role_joiner")
    if joiner is None or len(spans) < 2:
        return spans
    out = [spans[0]]
    for s, e, role in spans[1:]:
        ps, pe, prole = out[-1]
        if prole and role and joiner.fullmatch(text, pe, s):
            out[-1] = (ps, e, f"{prole}+{role}")
        else:
            out.append((s, e, role))
    return out


def person_name(ctx: Context, raw: str) -> str:
    name = raw.strip()
    for title in ctx.lex.get("officers.honorifics", []):
        if name.startswith(title + " "):
            name = name[len(title) + 1:]
    return name.strip()


def names_own_body(ctx: Context, scope: re.Match) -> bool:
    """Whether the part of a meeting a role is scoped to (group `part` of `officers.scoped_to`) is the
    body whose report this is: every word of it stands in the report's title (by its first letters,
    so that case endings and attached articles do not matter; as a substring where words are not spaced)."""
    acronym = scope.groupdict().get("acronym")
    part = (scope.groupdict().get("part") or scope.groupdict().get("body") or scope.group(0)).strip()
    if acronym or (part.isupper() and part.isalpha()):  # an acronym: the body's own is a component of its symbol
        # (SBSTA) or stands for the capitalised words of its name in the title ("Órgano Subsidiario de
        # Asesoramiento Científico y Tecnológico": OSACT)
        short = acronym or part
        initials = "".join(w[0] for w in re.findall(r"\w+", unaccented(ctx.report.title or "")) if w[0].isupper())
        return short in ctx.report.body_series.split("/") or (len(short) >= 3 and unaccented(short) in initials)
    part = part.lower()
    title = (ctx.report.title or "").lower()
    if not title:
        return False
    if ctx.lex.unsegmented:
        return part in title
    return all(any(word[:5] in t for t in re.findall(r"\w+", title)) for word in re.findall(r"\w+", part))


def read_named(ctx: Context) -> None:
    """Officers of a Meeting of the Parties: the Chair named in a sentence ("The session was chaired by
    Ms. X (Germany)") and the Bureau elected as a list ("(a) Ms. X (Switzerland), Chair;"), the role
    after the person; roles the lexicon ignores (alternates, members of the Bureau) and longer titles
    ("Chair of the Working Group on …") are not officers of the meeting."""
    r, lex = ctx.report, ctx.lex
    person = lex.rx("officers.person_state", ignore_case=False)
    chaired, elected = lex.rx("sessions.chaired_by"), lex.rx("sessions.elected")
    roles = lex.get("officers.roles", {})
    ignored = set(lex.get("officers.ignore", []))
    if person is None or not (chaired or elected):
        return

    def add(m: re.Match[str], role: str, n: int) -> None:
        state = ctx.names.resolve(m.group("state"))
        name = person_name(ctx, m.group("name"))
        if state.kind in ("state", "reio") and not any(o.name == name and o.role == role for o in r.officers):
            r.officers.append(Officer(name, role, state, Source(n)))

    for n, blocks in ctx.groups.items():
        text = ctx.para_text(n)
        for m in chaired.finditer(text) if chaired else ():
            named = person_at(person, text, m.end())
            if named:  # "会议由共同主席X主持": a role word before the person says which chair
                add(named, role_in(text[m.end():named.start()], roles) or "chair", n)
        if not (elected and elected.search(blocks[0].text)):
            continue
        for block in blocks[1:]:
            item = block.text.strip()
            named = person_at(person, item, 0) if block.kind == "item" else None
            if not named:
                continue
            role = role_alone(item[named.end():].strip(_END), roles)
            if role and role not in ignored:
                add(named, role, n)


def unaccented(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def person_at(person: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    """A person with a State in parentheses starting at pos, after at most an honorific ("г-жа")."""
    m = person.search(text, pos, pos + 200)
    return m if m and m.start() - pos <= 8 else None


def role_in(text: str, roles: dict[str, str]) -> str | None:
    """The first of the lexicon's roles (in its order) that the words name."""
    return next((role for role, pattern in roles.items() if re.search(pattern, text)), None)


def role_alone(text: str, roles: dict[str, str]) -> str | None:
    """The role the words name by themselves ("Chair", "Vice-Chair", "Председатель"); "Chair of the Working
    Group on …" names another post."""
    for role, pattern in roles.items():
        m = re.match(pattern, text)
        if m and re.fullmatch(r"\w*", text[m.end():]):
            return role
    return None


def word_end(text: str, at: int) -> int:
    """Where the word that a match ends inside of ends: its inflected ending ("Председател|я", "الرئيس|ة");
    a capital (共同主席María) or a script written without spaces ends it at once."""
    while at < len(text) and text[at].isalpha() and not text[at].isupper() and not _UNSPACED.match(text[at]):
        at += 1
    return at
