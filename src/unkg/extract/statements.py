"""Stage `extract`: statements — who spoke on which agenda item.

A sentence states speakers when it says a statement was made, heard or delivered, that delegations put questions
and comments in a dialogue, or that an item or report was introduced (not a draft: introducing a draft is
sponsorship). Its speakers are the States, organizations and the secretariat it names, except the names it gives as
spoken for ("Czechia (on behalf of the European Union)", "including on behalf of the African Group, …"), the States
that aligned themselves with a statement, officers of bodies speaking as such ("the Chair of the …", "in his capacity
as Chair of …", a Chair's nationality) and an organization named as the parent of another ("IOC of UNESCO").

The item is the one the clause names ("under agenda item 20 (a)"), else the item whose title the clause quotes, else
the item whose heading the paragraph stands under ("(Agenda sub-item 2(b))"; a chapter that is no agenda item, such
as "Closure of the session", places none), else an item a sentence before in the paragraph named ("considered item
3. Statements were made by …"), else the report's only item (its masthead's). The secretariat informing the body is
its statement; a State informing it afterwards of how it meant to act is not. A General Assembly committee report
stops at its recommendation: what follows is the text of the drafts it recommends. All wording comes from the
lexicon's `statements` table (and `item_numbers`, `outcomes.marker`, `masthead.agenda_item`).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from unkg.extract.context import Context, closing_parenthesis
from unkg.extract.outcomes import item_keys
from unkg.model import Entity, Source, Statement

_QUOTED = re.compile(r"[“\"«„「『][^”\"»“」』]*[”\"»」』]")
_QUOTE_MARKS = re.compile(r"[“\"«„「『]")
_STOP = re.compile(r"[.!?؟](?=\s|$)|[。！？]")
_CLAUSE = re.compile(r"[;；؛]")
_MARK = "§"  # where the name stands, in the context the `not_speaker` patterns read
_WINDOW = 160  # characters of context on either side of a name
_PUNCT = re.compile(r"[\W_]+")


def read(ctx: Context) -> None:
    reader = Reader(ctx)
    if reader.made is not None:
        reader.run()


def states_speakers(ctx: Context, n: int) -> bool:
    """Paragraph n says who made statements on numbered agenda items (attendance leaves it to this reader)."""
    first = ctx.groups[n][0]
    return ("statements" in ctx.kinds(first) or ctx.lex.mentions("statement", first.text)) \
        and bool(named_items(ctx, first.text))


def named_items(ctx: Context, text: str) -> list[str]:
    """Agenda items a text names ("under agenda items 2 and 3 (b)", "议程项目2和3") as "2", "3.b"."""
    items, item_rx = ctx.lex.rx("item_numbers"), ctx.lex.rx("outcomes.item", ignore_case=False)
    if items is None or item_rx is None:
        return []
    letters = ctx.lex.get("list_letters")
    return [k for m in items.finditer(text) for k in item_keys(m.group("items"), item_rx, letters)]


class Reader:
    def __init__(self, ctx: Context):
        self.ctx, self.lex = ctx, ctx.lex
        rx = self.lex.rx
        self.made, self.introduced = rx("statements.made"), rx("statements.introduced")
        self.informed = rx("statements.informed")  # a statement when the secretariat informs
        self.on_behalf, self.elsewhere = rx("statements.on_behalf"), rx("statements.elsewhere")
        self.aligned, self.aligned_lead = rx("statements.aligned.verb"), rx("statements.aligned.lead")
        self.secretariat = rx("statements.secretariat", ignore_case=False)
        self.parent_gap = rx("statements.part_of.gap")
        self.parent_after = self.lex.get("statements.part_of.parent") == "after"
        patterns = self.lex.get("statements.not_speaker") or []
        patterns = [patterns] if isinstance(patterns, str) else patterns
        # one pass over a name's context for all of them
        self.not_speaker = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
        self.officer_cues = [c.lower() for c in self.lex.get("statements.officer_cues", [])]
        self.drafts = [re.compile(p, re.IGNORECASE) for p in self.lex.get("drafts.kinds", {}).values()]
        self.item_rx = rx("outcomes.item", ignore_case=False)
        self.intro = self.lex.vocab_rx("introductory")
        self.abbreviations = {a.lower().rstrip(".") for a in self.lex.get("drafts.abbreviations", [])}
        # words one of which every statement sentence holds: the regexes run only where one stands
        self.cues = [c.lower() for c in self.lex.get("statements.cues", [])]
        self.seen: set[tuple[str, str]] = set()

    # -- the report -----------------------------------------------------------------------------------------------
    def run(self) -> None:
        ctx = self.ctx
        titles = {_PUNCT.sub(" ", a.title.casefold()).strip(): a.key for a in ctx.report.agenda if a.title}
        in_force = self.items_in_force(titles)
        default = self.only_item()
        recommends = self.lex.rx("drafts.recommends")
        for n, blocks in ctx.groups.items():
            text = ctx.para_text(n)
            if recommends and recommends.search(text):
                break  # what follows is the text of the drafts the committee recommends
            section = "statements" in ctx.kinds(blocks[0])
            if not section and not self.cued(text):
                continue
            found = False
            # the blocks of a paragraph read together, unless a heading marker falls between them
            runs: list[tuple[list[str], list[str]]] = []
            for block in blocks:
                keys = in_force.get(id(block), [])
                if runs and runs[-1][0] == keys:
                    runs[-1][1].append(block.text)
                else:
                    runs.append((keys, [block.text]))
            before: list[str] = []  # the sentences before, where an item may be named ("considered item 3. …")
            for keys, texts in runs:
                for sentence in self.sentences(" ".join(texts)):
                    fallback = (lambda keys=keys, before=tuple(before): keys or self.named_before(before) or default)
                    found |= self.sentence(sentence, ctx.source(n), section, fallback, titles)
                    before.append(sentence)
            if section and not found and self.keys(text):
                ctx.report.warn(f"{ctx.where(ctx.source(n))}: statements without a recognised speaker", ctx.source(n))

    def cued(self, text: str) -> bool:
        """The text holds a word of some statement formula (cheap: the formulae run only where one does)."""
        low = text.lower()
        return not self.cues or any(c in low for c in self.cues)

    def only_item(self) -> list[str]:
        """The report's one agenda item (a General Assembly committee report on one item, with or without the
        sub-items it names: the report on item 20 and its sub-items 20 (a) and (b) is on item 20), or none."""
        r = self.ctx.report
        if len(r.agenda) == 1:
            return [r.agenda[0].key]
        parents = [a for a in r.agenda if a.sub is None]
        if len(parents) == 1 and all(a.number == parents[0].number for a in r.agenda):
            return [parents[0].key]
        masthead = self.lex.rx("masthead.agenda_item")
        if r.agenda or masthead is None or self.item_rx is None:
            return []
        for line in self.ctx.seg.front:  # "Agenda item 63" on the masthead, though its title was not read
            m = masthead.search(line.strip())
            if m:
                keys = item_keys(m.group("value"), self.item_rx, self.lex.get("list_letters"))
                return keys if len(keys) == 1 else []
        return []

    def items_in_force(self, titles: dict[str, str]) -> dict[int, list[str]]:
        """id(block) -> the agenda items whose heading marker ("(Agenda sub-item 2(b))") the block stands under. Markers
        stacked with no paragraph between them: the last, unless they are several sub-items of one item and no
        other sub-item of it follows, when the proceedings told under them are the item's (their sub-items share
        them: "(Agenda item 19)", "(Agenda sub-item 19(a))", "(… 19(b))", "(… 19(c))", then paragraphs)."""
        marker = self.lex.rx("outcomes.marker", ignore_case=False)
        if marker is None or self.item_rx is None \
                or not any(marker.search(b.text) for b in self.ctx.seg.blocks if b.kind != "front" and "(" in b.text):
            return {}  # most reports mark no item under their headings
        letters = self.lex.get("list_letters")
        conjunctions = {w.lower() for w in self.lex.get("list.conjunctions", [])}
        events: list[tuple[str, object]] = []  # ("marker", keys), ("chapter", None), ("block", block) in text order
        for block in self.ctx.seg.blocks:
            if block.kind == "front":
                continue
            # "(Agenda sub-item 4(a) held in abeyance)": a note, not a heading that proceedings follow
            marks = [(m.start(), item_keys(m.group("items"), self.item_rx, letters))
                     for m in marker.finditer(block.text)
                     if not any(len(w) > 2 and w.lower() not in conjunctions
                                for w in re.findall(r"[^\W\d_]+", m.group("items")))] \
                if "(" in block.text or "（" in block.text else []
            if block.kind == "heading" and block.level == 1 and not marks:
                # a chapter titled as no agenda item is ("Closure of the session") ends the item in force; an
                # item's title without its marker waits for the marker (which may stand further on)
                if _PUNCT.sub(" ", block.text.casefold()).strip() not in titles:
                    events.append(("chapter", None))
            elif block.kind in ("para", "item", "text") and block.para is not None:
                # a marker opening a paragraph heads it; one within or after its text heads what follows
                events += [("marker", keys) for start, keys in marks if keys and not block.text[:start].strip()]
                events.append(("block", block))
                events += [("marker", keys) for start, keys in marks if keys and block.text[:start].strip()]
            else:
                events += [("marker", keys) for _, keys in marks if keys]
        out: dict[int, list[str]] = {}
        current: list[str] = []
        stacked: list[list[str]] = []
        for i, (what, value) in enumerate(events):
            if what == "marker":
                stacked.append(value)
                continue
            if what == "chapter":
                current, stacked = [], []
                continue
            if stacked:
                later = next((v for w, v in events[i:] if w == "marker"), [])
                current, stacked = stacked_items(stacked, later), []
            out[id(value)] = current
        return out

    # -- a sentence -------------------------------------------------------------------------------------------------
    def sentences(self, text: str) -> list[str]:
        """Sentences at full stops; an abbreviation ("para.", "Mr.") or an initial does not end one."""
        out, start = [], 0
        for m in _STOP.finditer(text):
            if m.group(0) == ".":
                word = text[start:m.start()].rsplit(None, 1)[-1] if text[start:m.start()].strip() else ""
                following = text[m.end():].lstrip()[:1]
                if word.lower() in self.abbreviations or (len(word) == 1 and word.isupper()) \
                        or (following and following.islower()):
                    continue
            out.append(text[start:m.end()])
            start = m.end()
        if text[start:].strip():
            out.append(text[start:])
        return out

    def keys(self, text: str) -> list[str]:
        return named_items(self.ctx, text)

    def named_before(self, sentences: tuple[str, ...]) -> list[str]:
        """The items the last of these sentences to name one names (before a colon's list)."""
        for sentence in reversed(sentences):
            parts = self.lex.split_at_colon(sentence)
            keys = self.keys(parts[0] if parts else sentence)
            if keys:
                return keys
        return []

    def sentence(self, sentence: str, source: Source, section: bool, fallback: Callable[[], list[str]],
                 titles: dict[str, str]) -> bool:
        """Read one sentence; `fallback` gives the items of the place it stands in, when it names none."""
        cued = self.cued(sentence)
        if not section and not cued:
            return False
        # the statement formulae, found once in the sentence outside quoted titles (each clause takes those within it)
        unquoted = _QUOTED.sub(lambda m: " " * len(m.group(0)), sentence) if _QUOTE_MARKS.search(sentence) \
            else sentence
        made = list(self.made.finditer(unquoted)) if cued else []
        introduced = list(self.introduced.finditer(unquoted)) if self.introduced and cued else []
        if introduced and self.names_draft(sentence):
            introduced = []  # introducing a draft is sponsoring it
        informed = list(self.informed.finditer(unquoted)) \
            if cued and self.informed and self.secretariat and self.secretariat.search(unquoted) else []
        if not (section or made or introduced or informed):
            return False
        if self.elsewhere and self.elsewhere.search(sentence):
            return False  # statements recalled from another sitting are recorded where the report tells them
        clean = self.cleaned(unquoted)
        low = clean.lower()  # a word of an office or capacity: some name may be an officer's, not a speaker
        officers = not self.officer_cues or any(c in low for c in self.officer_cues)
        found, previous_keys, continues = False, None, False
        start = 0
        for end in [m.start() for m in _CLAUSE.finditer(clean)] + [len(clean)]:
            clause = clean[start:end]
            event = next((m for m in made + introduced if start <= m.start() < end), None)
            only_secretariat = event is None and any(start <= m.start() < end for m in informed)
            if only_secretariat:  # the secretariat informing is its statement; others' is not
                event = next(m for m in informed if start <= m.start() < end)
            if event is None and not section and not continues:
                start, continues = end + 1, False
                continue
            speakers = self.speakers(clean, start, end, officers)
            if only_secretariat:
                speakers = [s for s in speakers if s[0].code == "secretariat"]
            # a clause without a statement word continues the list of speakers the clause before began
            continues = bool(event and speakers and speakers[0][1] > event.start()) or (event is None and continues)
            # items a list after a colon names are what the list is about ("as follows: (a) Under agenda item 4, …")
            parts = self.lex.split_at_colon(clause)
            named = self.keys(parts[0] if parts else clause)
            keys = named or previous_keys
            if not keys and speakers:
                keys = self.titled(sentence[start:start + len(parts[0])] if parts else sentence[start:end], titles,
                                   fallback) or fallback()
            previous_keys = named or previous_keys
            intro = bool(self.intro and self.intro.search(clause))
            for entity, _, _ in speakers:
                for key in keys:
                    if (entity.code, key) not in self.seen:
                        self.seen.add((entity.code, key))
                        self.ctx.report.statements.append(Statement(entity, key, source, intro))
                        found = True
            start = end + 1
        return found

    def names_draft(self, sentence: str) -> bool:
        return "L." in sentence or any(rx.search(sentence) for rx in self.drafts)

    def titled(self, sentence: str, titles: dict[str, str], fallback: Callable[[], list[str]]) -> list[str]:
        """The items whose titles a sentence quotes ("a statement on the draft entitled '<title of item 20 (a)>'"),
        with the report's own item for each quoted title that is no item's."""
        quoted = [_PUNCT.sub(" ", q.group(0).casefold()).strip() for q in _QUOTED.finditer(sentence)]
        keys = [titles[q] for q in quoted if q in titles]
        if keys and len(keys) < len(quoted):
            keys += [k for k in fallback() if k not in keys]
        return keys

    # -- who spoke ---------------------------------------------------------------------------------------------------
    def cleaned(self, text: str) -> str:
        """The sentence (quoted titles blanked) with the names spoken for and the States aligning themselves blanked
        out (same length, so that positions hold)."""
        spans = []
        for m in self.on_behalf.finditer(text) if self.on_behalf else ():
            spans.append((m.start(), self.behalf_end(text, m)))
        for m in self.aligned.finditer(text) if self.aligned else ():
            spans.append((self.aligned_start(text, m.start()), m.end()))
        for s, e in spans:
            text = text[:s] + " " * (e - s) + text[e:]
        return text

    def behalf_end(self, text: str, m: re.Match[str]) -> int:
        """Where the names spoken for end: the closing parenthesis, the comma that closes a parenthetical phrase
        (", on behalf of X, introduced"), a clause that makes a statement of its own, or the sentence end."""
        opened = _unclosed(text, m.end())
        if opened is not None:
            closing = closing_parenthesis(text, opened)
            return len(text) if closing is None else closing
        before = text[:m.start()].rstrip()
        if before.endswith(",") or re.search(r",\s*\w+(?:\s+\w+)?\s*$", before):
            skip = self.ctx.names.skip_words
            stop = _CLAUSE.search(text, m.end())
            for c in re.finditer(r",\s*(\w+)", text[m.end():stop.start() if stop else len(text)]):
                word = c.group(1)
                if word[:1].islower() and word.lower() not in skip:
                    return m.end() + c.start()
            if stop:
                return stop.start()
        for c in _CLAUSE.finditer(text, m.end()):
            if self.made.search(text[c.end():]):
                return c.start()
        return len(text)

    def aligned_start(self, text: str, at: int) -> int:
        start = max((c.end() for c in _CLAUSE.finditer(text, 0, at)), default=0)
        opened = _unclosed(text, at)
        if opened is not None:
            start = max(start, opened)
        leads = [m.start() for m in self.aligned_lead.finditer(text, start, at)] if self.aligned_lead else []
        return max([start] + leads)

    def speakers(self, text: str, start: int, end: int, officers: bool = True) -> list[tuple[Entity, int, int]]:
        """The speakers a clause text[start:end] names, in order, with their positions in text (`officers`: the
        sentence has words of an office, so that a name may be an officer's body or nationality)."""
        located, pos = [], start
        for entity in self.ctx.names.scan(text[start:end]):
            i = text.find(entity.surface, pos, end)
            if i < 0:
                continue
            located.append((entity, i, i + len(entity.surface)))
            pos = i + len(entity.surface)
        out, dropped = [], False
        for k, (entity, s, e) in enumerate(located):
            if k and entity.code == located[k - 1][0].code and not text[located[k - 1][2]:s].strip(" ("):
                if not dropped:  # "the Global Climate Observing System (GCOS)": one mention
                    out.append((entity, s, e))
                continue
            dropped = self.is_parent(text, located, k) or (officers and self.spoke_as_officer(text, s, e))
            if not dropped:
                out.append((entity, s, e))
        if self.secretariat:
            out += [(Entity("body", "secretariat", m.group(0)), start + m.start(), start + m.end())
                    for m in self.secretariat.finditer(text[start:end])]
        return sorted(out, key=lambda x: x[1])

    def is_parent(self, text: str, located: list[tuple[Entity, int, int]], k: int) -> bool:
        """"the Intergovernmental Oceanographic Commission (IOC) of UNESCO": UNESCO is the speaker's parent."""
        if self.parent_gap is None:
            return False
        other = k - 1 if self.parent_after else k + 1
        if not 0 <= other < len(located) or located[other][0].kind in ("state", "reio"):
            return False
        first, second = sorted((located[k], located[other]), key=lambda x: x[1])
        return bool(self.parent_gap.fullmatch(text[first[2]:second[1]]))

    def spoke_as_officer(self, text: str, s: int, e: int) -> bool:
        """A name whose context makes it an officer's body or nationality, a parent organization's name used
        as an adjective ("UNFCCC constituencies"), or a State whose representative spoke in the capacity of an
        officer of another body."""
        if self.not_speaker is None:
            return False
        around = text[max(0, s - _WINDOW):s].replace(_MARK, " ") + _MARK + text[e:e + _WINDOW].replace(_MARK, " ")
        return bool(self.not_speaker.search(around))


def stacked_items(stacked: list[list[str]], later: list[str]) -> list[str]:
    """The items of heading markers met with no paragraph between them (`later`: the next marker's items)."""
    keys = [k for keys in stacked for k in keys]
    parents = {k.partition(".")[0] for k in keys}
    subs = [k for k in keys if "." in k]
    if len(subs) > 1 and len(parents) == 1 and not any(k.partition(".")[0] in parents and "." in k for k in later):
        return [parents.pop()]
    return stacked[-1]


def _unclosed(text: str, at: int) -> int | None:
    """Position of the innermost parenthesis open at `at`, or None."""
    opened = []
    for i, c in enumerate(text[:at]):
        if c in "(（":
            opened.append(i)
        elif c in ")）" and opened:
            opened.pop()
    return opened[-1] if opened else None


