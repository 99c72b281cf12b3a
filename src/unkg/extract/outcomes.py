"""Stage `extract`: outcomes — what a body adopted or recommended under each agenda item (conclusions, decisions,
resolutions, recommendations).

Reports of subsidiary bodies (UNFCCC SBI/SBSTA) give one chapter per agenda item, marked
"(Agenda item 3)" or "(Agenda sub-item 2(b))" under its heading, and say under each item what was
adopted: "considered and adopted the conclusions below", "recommended a draft decision on … for
consideration and adoption". The item in force is the last marker met, whatever the heading levels
the segmenter recognised (a marker may end a paragraph when a heading was joined to it). A Meeting of
the Parties numbers no item: its decisions are clauses whose subject is the Meeting, section by section.
A functional commission names what it adopted by its designation under an item ("adopted resolution 69/1, under
agenda item 4"). Formulae come from the lexicon (`outcomes`).
"""
from __future__ import annotations

import re

from unkg.extract.context import SENTENCE_END, Context, closing_parenthesis
from unkg.model import AgendaItem, Outcome, Source
from unkg.read.blocks import Block

_END = ".;:,。；：，、؛، "
# A heading label left in front of a title when the segmenter joined the heading to a paragraph
# (a lexicon may give its own: outcomes.heading_label).
HEADING_LABEL = re.compile(r"(?:^|(?<=\s))(?:[IVXL]{1,6}|[A-H]|\d{1,2})\s*[.．、]\s+(?=\S)")
# one "12 (title)" or "(a) (title)" step of a mention, up to the title's opening parenthesis
_MENTIONED_ITEM = re.compile(r"\s*(?P<n>\d{1,3})?\s*(?:[(（](?P<sub>[a-z])[)）])?\s*(?=[(（])")
_NOTE_REACH = 150  # how far before its marker a heading may say its item is held in abeyance
_LETTERS_ONLY = re.compile(r"[a-z](?:\s*[–-]\s*[a-z])?")


def read(ctx: Context) -> None:
    """Outcomes under numbered agenda items, then designated outcomes (functional commissions), then, where the
    report numbers no item, decisions taken section by section."""
    outcomes(ctx)
    designated_outcomes(ctx)
    decisions_by_section(ctx)


# -- agenda items and outcomes -----------------------------------------------------------

def item_keys(text: str, item_rx: re.Pattern[str], letters: dict[str, str] | None = None,
              join: re.Pattern[str] | None = None) -> list[str]:
    """ "5, 6, 14(a), 15 and 17(b)" -> ["5", "6", "14.a", "15", "17.b"]; "12(a–c)" -> 12.a, 12.b, 12.c.
    `letters` (the lexicon's list_letters) gives the Latin letter of a script's own ("4 (ب)" -> 4.b); with `join`
    (the lexicon's mention_join), a sub-item's letter alone after another of its item counts ("16(a) and (b)")."""
    letters = letters or {}
    keys = []
    for m in item_rx.finditer(text):
        first, last = m.group("a"), m.group("b")
        if not first:
            keys.append(m.group("n"))
            continue
        end = m.end()
        while True:
            first, last = letters.get(first, first), letters.get(last, last) if last else last
            for code in range(ord(first), ord(last or first) + 1):
                keys.append(f"{m.group('n')}.{chr(code)}")
            more = join.match(text, end) if join else None
            alone = _LETTER_ALONE.match(text, more.end()) if more else None
            if alone is None:
                break
            first, last, end = alone.group("a"), alone.group("b"), alone.end()
    return keys


_LETTER_ALONE = re.compile(r"[(（]?(?P<a>[a-z])(?:\s*[–-]\s*(?P<b>[a-z]))?[)）]")


def titled_mentions(text: str, ctx: Context) -> list[tuple[str, str]]:
    """ "agenda items 11 (Report of …) and 12 (Matters …)", "agenda item 12 (…), sub-items (a) (…)
    and (c) (…)": (key, title) for each item named with its title in parentheses."""
    head = ctx.lex.rx("outcomes.mention", ignore_case=False)
    join = ctx.lex.rx("outcomes.mention_join")
    see = ctx.lex.rx("outcomes.cross_reference")
    out = []
    for m in head.finditer(text) if head else ():
        pos, number = m.end(), None
        while True:
            step = _MENTIONED_ITEM.match(text, pos)
            if not step or not (step.group("n") or (step.group("sub") and number)):
                break
            number = step.group("n") or number
            end = closing_parenthesis(text, step.end())
            if end is None:
                break
            end += 1  # just past it
            title = " ".join(text[step.end() + 1:end - 1].split())
            if _LETTERS_ONLY.fullmatch(title) or (see and see.match(title)):
                break  # "11(b)": the letter of a sub-item; "23 (see A/77/448, para. 2)": a reference; no title
            out.append((f"{number}.{step.group('sub')}" if step.group("sub") else number, title))
            more = join.match(text, end) if join else None
            if not more:
                break
            pos = more.end()
    return out


def marker_title(prefix: str, is_heading: bool, label_rx: re.Pattern[str]) -> str | None:
    labels = list(label_rx.finditer(prefix))
    if labels:
        prefix = prefix[labels[-1].end():]
    elif not is_heading:
        return None
    title = " ".join(prefix.split()).strip(_END)
    return title or None


def _sitting_named(lex, text: str, at: int | None = None) -> int | None:
    """The outcome's sitting: the last one the paragraph names before the act at `at` ("considered the item at
    its 1st meeting … At its 3rd meeting, adopted …"), else the first it names."""
    named = list(lex.rx("sitting").finditer(text))
    before = [m for m in named if at is not None and m.start() < at]
    sitting = before[-1] if before else (named[0] if named else None)
    return lex.number(sitting.group("n"), "ordinals") if sitting else None


def outcomes(ctx: Context) -> None:
    r, lex = ctx.report, ctx.lex
    marker = lex.rx("outcomes.marker", ignore_case=False)
    item_rx = lex.rx("outcomes.item", ignore_case=False)
    adopted = {kind: lex.rx(f"outcomes.adopted.{kind}") for kind in lex.get("outcomes.adopted", {})}
    this_matter = lex.rx("outcomes.this_matter")
    notes = lex.rx("outcomes.notes")
    taken_up, subject_before = lex.rx("outcomes.taken_up"), lex.rx("outcomes.subject_before")
    abeyance = lex.rx("outcomes.in_abeyance")
    label_rx = lex.rx("outcomes.heading_label", ignore_case=False) or HEADING_LABEL
    if marker is None or item_rx is None:
        return

    def keys_of(text: str) -> list[str]:
        return item_keys(text, item_rx, lex.get("list_letters"), lex.rx("outcomes.mention_join"))

    for item in r.agenda:  # "(agenda item held in abeyance)" is a note, not part of the title
        item.title = notes.sub("", item.title).strip(_END) if notes else item.title
    agenda = {item.key: item for item in r.agenda}
    titled = _titles(r.agenda)  # a heading that prints an item's title without its marker names that item
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
    fresh = False  # the last thing read was a marker: headings of sub-items with nothing between share what follows
    for block in ctx.seg.blocks:
        source = Source(block.para)
        for key, title in titled_mentions(block.text, ctx):
            add_item(key, title, source)
        # Markers and adoptions in text order: a heading joined to the end of a paragraph
        # opens the next item only after what the paragraph adopted.
        events = [(m.start(), "marker", m) for m in marker.finditer(block.text)]
        if not events and block.kind == "heading" and _key(block.text) in titled:
            events = [(len(block.text), "heading", titled[_key(block.text)])]
        # what was adopted counts only under an agenda item: most reports number none, and are not searched
        if (current or events) and block.kind in ("para", "item") and block.para is not None:
            events += [(m.start(), kind, m) for kind, rx in adopted.items() if rx for m in rx.finditer(block.text)]
            events += [(m.start(), "taken_up", m) for m in (taken_up.finditer(block.text) if taken_up else ())]
        last_marker = 0
        for start, what, m in sorted(events, key=lambda e: e[0]):
            if what in ("marker", "heading"):
                keys = keys_of(m.group("items")) if what == "marker" else [m]
                last_marker = start if what == "heading" else m.end()
                if what == "marker":
                    ctx.items_marked.update(keys)
                if keys:
                    current = _shared(current, keys) if fresh else keys
                    prefix = block.text[:start]
                    if not prefix.strip():  # the marker on a block of its own: the heading is the block before
                        prefix = previous
                    # an item held in abeyance (its marker or heading says so) has no proceedings: the next
                    # heading's are not its own
                    fresh = not (what == "marker" and abeyance and (abeyance.search(m.group(0))
                                                                    or abeyance.search(prefix[-_NOTE_REACH:])))
                    if len(keys) == 1 and what == "marker":
                        # a heading line: whatever is not a numbered paragraph or list item
                        headed = block.kind not in ("para", "item") or prefix is previous
                        add_item(keys[0], marker_title(prefix, headed, label_rx), source)
                continue
            if what == "taken_up":  # "considered agenda sub-items 16(a) and (b)": what follows is on each
                if current:
                    current = current + [k for k in keys_of(m.group("items")) if k not in current]
                continue
            if not current or (block.para, what, start) in done:
                continue
            done.add((block.para, what, start))
            named = m.groupdict()
            subject = named.get("title") or named.get("title_after") or _subject_before(block, start, subject_before)
            if subject and this_matter and _names_this_matter(this_matter, subject):
                subject = None
            subject = subject.strip(_END) if subject else None
            # an item whose sub-items are on the agenda is taken up as those sub-items
            taken = [sub for key in current for sub in _sub_items(key, agenda)]
            items = _items_of_subject(subject, taken, agenda, ctx) if subject and what != "conclusions" else taken
            r.outcomes.append(Outcome(what, items, subject, source, _sitting_named(lex, block.text, start)))
        if block.kind in ("para", "item", "text") and block.text[last_marker:].strip():
            fresh = False
        previous = block.text


def _key_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _titles(agenda: list[AgendaItem]) -> dict[str, str]:
    """Heading text (title, no label) -> the key of the one agenda item printed with that title."""
    by_title: dict[str, list[str]] = {}
    for item in agenda:
        by_title.setdefault(_key(item.title), []).append(item.key)
    return {title: keys[0] for title, keys in by_title.items() if len(keys) == 1 and title}


def _shared(current: list[str], keys: list[str]) -> list[str]:
    """Headings of sub-items of one item printed one after another, with nothing between them, share what follows
    ("A. … (Agenda sub-item 10(a))", "B. … (Agenda sub-item 10(b))", then one set of conclusions); a sub-item
    stands for the item whose heading came before it."""
    items = {k.partition(".")[0] for k in current}
    if not all(k.partition(".")[0] in items for k in keys):
        return keys
    kept = [k for k in current if not any(key.startswith(k + ".") for key in keys)]
    return kept + [k for k in keys if k not in kept]


def _sub_items(key: str, agenda: dict[str, AgendaItem]) -> list[str]:
    subs = [k for k in agenda if "." not in key and k.startswith(key + ".")]
    return subs or [key]


def _names_this_matter(this_matter: re.Pattern[str], subject: str) -> bool:
    """ "this matter", "this matter, as contained in document …": the item, not a subject of its own."""
    m = this_matter.match(subject.strip())
    return bool(m) and (not subject.strip()[m.end():].strip() or subject.strip()[m.end():].lstrip().startswith(","))


_CLAUSE = re.compile(r"[,،，]\s*")  # where a clause may open inside a sentence


def _subject_before(block: Block, start: int, subject_before: re.Pattern[str] | None) -> str | None:
    """The subject a clause names before its act, in the act's sentence ("(b) Having concluded its deliberations on
    X, recommended a draft decision"; "At its 3rd meeting, having considered X, the SBI recommended a draft
    decision"; `outcomes.subject_before`): each such draft is known by it. The clause opens the sentence (a list
    item is one) or follows a comma."""
    if subject_before is None:
        return None
    # the sentence opens after a full stop (a semicolon may part the clause's own list of references)
    opens = max((m.end() for m in SENTENCE_END.finditer(block.text, 0, start) if m.group(0) in ".。!?"), default=0)
    clause_starts = [opens] + [m.end() for m in _CLAUSE.finditer(block.text, opens, start)]
    for at in reversed(clause_starts):
        m = subject_before.match(block.text[at:start].lstrip())
        if m:
            return m.group("title")
    return None


def _items_of_subject(subject: str, keys: list[str], agenda: dict[str, AgendaItem], ctx: Context) -> list[str]:
    """The items an outcome with a subject of its own is on, where several are taken up together: all of them
    when the subject names their common item ("on administrative, financial and institutional matters"); the one
    whose title it names ("the programme budget for the biennium …" under "Programme budget for the biennium …");
    else the one whose title shares most of its words; else all."""
    if len(keys) < 2:
        return list(keys)
    said = _key_words(subject)
    parents = {k.partition(".")[0] for k in keys}
    if any(p in agenda and _key_words(agenda[p].title) in said for p in parents):
        return list(keys)
    named = [k for k in keys if k in agenda and _key_words(agenda[k].title) in said]
    if len(named) == 1:
        return named
    stop = set(ctx.lex.get("stopwords", ()))
    words = {w for w in said.split() if w not in stop}
    shared = {k: len(words & set(_key_words(agenda[k].title).split())) for k in keys if k in agenda}
    best = max(shared.values(), default=0)
    top = [k for k, n in shared.items() if n == best]
    return top if best and len(top) == 1 else list(keys)


# -- resolutions and decisions named by their designation (functional commissions) -------------------

_ACT_REACH = 60  # how far after "adopted"/"recommended" the designation of what was adopted stands


def designated_outcomes(ctx: Context) -> None:
    """What a body adopted or recommended, named by its designation under an agenda item ("adopted resolution
    69/1, under agenda item 4", "a adopté la résolution 74/1 au titre du point 5 a)", "根据议程项目3(a)通过了
    第62/101号决定"): an outcome of the designation's kind under that item. The title is the one the report prints
    after the designation where it lists them ("Draft resolution I" and its title, in the chapter of matters
    calling for action); otherwise the item's. A designation cited but not adopted ("recalling resolution
    76/133") is not one: only the first designation after an act verb counts."""
    lex = ctx.lex
    designation, act, under = (lex.rx(f"outcomes.designated.{k}") for k in ("outcome", "act", "under_item"))
    item_rx = lex.rx("outcomes.item", ignore_case=False)
    if designation is None or act is None or under is None or item_rx is None:
        return
    titles: dict[tuple[str, str], str] | None = None  # read once the first outcome is found
    seen: set[tuple[str, str]] = set()
    for block in ctx.seg.blocks:
        if block.kind not in ("para", "item") or block.para is None or not under.search(block.text):
            continue
        for sentence in ctx.sentences(block.text):
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
                titles = _designation_titles(ctx, designation) if titles is None else titles
                kind, title = designated[0], titles.get(designated)
                ctx.report.outcomes.append(Outcome(kind, keys, title, Source(block.para), _sitting_named(lex, block.text)))


def _designation_titles(ctx: Context, designation: re.Pattern[str]) -> dict[tuple[str, str], str]:
    """(kind, designation) -> title, where the report lists designations each followed by its title ("…the
    following draft resolutions: Draft resolution I Inclusive social protection … Draft resolution II …"): a
    designation after a colon or after another listed one, its title running to the next designation, with no
    sentence end in it."""
    out: dict[tuple[str, str], str] = {}
    for block in ctx.seg.blocks:
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


def decisions_by_section(ctx: Context) -> None:
    """A report that numbers no agenda item (a Meeting of the Parties) states its decisions as clauses
    whose subject is the meeting ("Urged Parties to ...", "(a) Took note of ...", "It agreed to entrust
    ..."), section after section: one decision per section, titled as the table of contents prints the
    section (the body may print it in capitals)."""
    r, lex = ctx.report, ctx.lex
    clause = lex.rx("outcomes.decision_clause", ignore_case=False)
    if clause is None or r.outcomes:
        return
    contents = {}
    for block in ctx.seg.blocks:
        if block.kind == "contents":
            title = _TOC_PAGES.sub("", _TOC_LABEL.sub("", block.text.strip())).strip()
            contents.setdefault(_key(title), title)
    seen: set[str] = set()
    for block in ctx.seg.blocks:
        if block.kind not in ("para", "item") or block.para is None or not clause.search(block.text.strip()):
            continue
        heading = block.subsection or block.section
        if not heading:
            continue
        title = contents.get(_key(heading), heading.strip())
        if title not in seen:
            seen.add(title)
            r.outcomes.append(Outcome("decision", [], title, Source(block.para)))
