"""Stage `extract`: drafts considered by a committee — who submitted and who joined in sponsoring
each, what was done with it (adopted, rejected, withdrawn, no action; with or
without a vote), the recorded vote, and the drafts recommended to the parent
body (General Assembly Main Committee reports).

A draft is recognised by what it is, not by one sentence: a limited-distribution
symbol (special component L) next to a "draft resolution/decision" word of the
lexicon, or that word alone for the draft last named.  Sponsors are the States
a sentence about a draft names next to a sponsoring verb; a recorded vote is the
States listed under the vote headings.  All wording comes from the lexicon's
"drafts" table.
"""
from __future__ import annotations

import re
from unkg.extract import officers
from unkg.extract.context import Context
from unkg.lang import symbols
from unkg.lang.lexicon import Lexicon
from unkg.model import AgendaItem, DocumentBefore, Draft, Entity, Reference, Source, Sponsorship, Vote

_RECORD_SPECIALS = {"SR", "PV"}  # summary and verbatim records
_SHORT_L = re.compile(r"(?<![A-Za-z0-9_/.])(L\.\d+(?:/Rev\.\d+)?)(?![A-Za-z0-9_/])")
_QUOTED = re.compile(r"[“\"«„「『][^”\"»“」』]*[”\"»」』]")


class DraftReader:
    def __init__(self, ctx: Context):
        self.ctx, self.r, self.lex = ctx, ctx.report, ctx.lex
        self.table = self.lex.get("drafts", {})
        self.current: Draft | None = None
        self.by_symbol: dict[str, Draft] = {}
        self.voted_on_page: list[tuple[set, Draft, Source]] = []  # (pages, draft, source) of each vote list
        self.kind_rx = [(kind, re.compile(pattern, re.IGNORECASE))
                        for kind, pattern in self.table.get("kinds", {}).items()]

    def rx(self, key: str) -> re.Pattern[str] | None:
        return self.lex.rx(f"drafts.{key}")

    # -- the stages --------------------------------------------------------
    def run(self) -> None:
        officers.read_masthead(self.ctx)
        texts = {n: self.ctx.para_text(n) for n in self.ctx.groups}
        # most reports name no draft at all: one look at the whole text spares the sentence by sentence reading
        whole = " ".join(texts.values())
        if self.table and ("L." in whole or any(rx.search(whole) for _, rx in self.kind_rx)):
            last_section = None
            for n, blocks in self.ctx.groups.items():
                section = blocks[0].section
                if section != last_section:
                    last_section = section
                    self.sentence(section or "", Source(n), heading=True)
                text = texts[n]
                recommends = self.rx("recommends")
                for sentence in self.sentences(text):
                    # "recommends … to adopt (通过) the following draft resolutions" is no action on a draft
                    if not (recommends and recommends.search(sentence)):
                        self.sentence(sentence, Source(n))
                if self.vote_lists(text, Source(n)):
                    self.voted_on_page.append(({b.page for b in blocks}, self.current, Source(n)))
                self.intended(text, Source(n), self.current)
                self.recommendation(text, Source(n))
            self.footnotes()
        # A draft is a document acted on here, not a decision the report cites.
        self.r.decisions = [d for d in self.r.decisions if d.reference not in self.by_symbol]
        self.meeting_records()
        if self.committee():
            # the records of the discussion are the committee's own (A/C.2/77/SR.19), not others cited
            self.r.meeting_records = [m for m in self.r.meeting_records
                                      if symbols.parse(m.symbol).series == self.r.body_series]
            self.committee_meeting()
            self.masthead_item()
            self.documents_before()
        else:
            self.r.meeting_records = []
        self.check_counts()

    def sentences(self, text: str) -> list[str]:
        """Sentences of a paragraph; an abbreviation ("para.", "Mr.") does not end one."""
        abbreviations = {a.lower() for a in self.table.get("abbreviations", [])}
        out, start = [], 0
        for m in re.finditer(r"(?:\.\s+|。\s*)(?=[^\W\d_])", text):
            word = text[:m.start() + 1].rsplit(None, 1)[-1].lower()
            if word in abbreviations or text[m.end()].islower():
                continue
            out.append(text[start:m.end()].strip())
            start = m.end()
        out.append(text[start:].strip())
        return [s for s in out if s]

    def mentions(self, sentence: str) -> list[tuple[str, str]]:
        """(symbol, kind) of the drafts a sentence names, in order."""
        words = sorted((m.start(), m.end(), kind) for kind, rx in self.kind_rx for m in rx.finditer(sentence))
        if not words and "L." not in sentence:
            return []
        found: list[tuple[int, str]] = []
        for parts in symbols.find_symbols(sentence) if "L." in sentence else ():
            for sym in parts:
                if symbols.parse(sym).special == "L" and sym != self.r.symbol.text:
                    found.append((sentence.find(sym), sym))
        base = found[0][1].rsplit("/L.", 1)[0] if found else (
            self.current.symbol.rsplit("/L.", 1)[0] if self.current else None)
        if base and "L." in sentence:  # "draft resolutions A/C.1/77/L.5 and L.6"
            for m in _SHORT_L.finditer(sentence):
                if not any(s <= m.start() < s + len(sym) for s, sym in found):
                    found.append((m.start(), f"{base}/{m.group(1)}"))
        found.sort()
        out = []
        for pos, sym in found:
            near = [kind for start, end, kind in words if end <= pos and self.close(sentence[end:pos])]
            known = self.by_symbol.get(sym)
            kind = near[-1] if near else (known.kind if known else None)
            if kind is not None:  # else a limited document that is not said to be a draft
                out.append((sym, kind))
        return out

    @staticmethod
    def close(gap: str) -> bool:
        """A symbol belongs to the "draft resolution" before it when at most two words stand between
        them once quoted titles and other symbols are left out ("draft resolution entitled “…” (L.14)",
        "draft resolutions L.5 and L.6"), not "draft decision text … contained in document L.11"."""
        gap = _QUOTED.sub(" ", gap)
        gap = _SHORT_L.sub(" ", " ".join(" " if symbols.find_symbols(w) else w for w in gap.split()))
        return len(re.findall(r"\w+", gap)) <= 2

    def draft(self, symbol: str, kind: str, source: Source) -> Draft:
        if symbol not in self.by_symbol:
            self.by_symbol[symbol] = Draft(symbol, kind, source)
            self.r.drafts.append(self.by_symbol[symbol])
        return self.by_symbol[symbol]

    def sentence(self, sentence: str, source: Source, heading: bool = False) -> None:
        named = [self.draft(sym, kind, source) for sym, kind in self.mentions(sentence)]
        if named:
            self.current = named[-1]
        if heading:
            return
        if not named:  # "the draft resolution": the draft last named, if it is of that kind
            if self.current is None or not any(rx.search(sentence) for kind, rx in self.kind_rx
                                               if kind == self.current.kind):
                return
            named = [self.current]
        title = self.rx("title")
        m = title.search(sentence) if title else None
        if m and len(named) == 1 and named[0].title is None:
            named[0].title = " ".join(m.group("title").split())
        self.sponsors(sentence, named, source)
        self.action(sentence, named, source)

    def named(self, text: str) -> list[Entity]:
        """States and organizations named in text, outside quoted titles and group names
        ("on behalf of the Group of 77 and China" names no sponsor and no speaker)."""
        text = _QUOTED.sub(" ", text)
        elision = self.rx("elision")  # "l'Égypte": the article is written onto the name
        if elision:
            text = elision.sub("", text)
        for pattern in self.table.get("groups", []):
            text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
        return self.ctx.names.scan(text)

    def states(self, sentence: str) -> list[Entity]:
        return [e for e in self.named(sentence) if e.kind in ("state", "reio")]

    def sponsors(self, sentence: str, drafts: list[Draft], source: Source) -> None:
        joined, submitted = self.rx("joined"), self.rx("submitted")
        how = "joined" if joined and joined.search(sentence) else (
            "submitted" if submitted and submitted.search(sentence) else None)
        if how is None:
            return
        for entity in self.states(sentence):
            for d in drafts:
                if any(s.entity.code == entity.code for s in d.sponsors):
                    continue
                d.sponsors.append(Sponsorship(entity, how, source))

    def action(self, sentence: str, drafts: list[Draft], source: Source) -> None:
        action = self._classify("actions", sentence)
        if action is None:
            return
        method = self._classify("methods", sentence)
        counts = stated_counts(self.lex, sentence)
        if counts:
            method = method or "vote"
        sitting = self.lex.rx("sitting").search(sentence) if self.lex.rx("sitting") else None
        for d in drafts:
            d.action, d.method, d.action_source = action, method, source
            if counts and len(drafts) == 1:
                d.stated_counts = counts
            if sitting:
                d.sitting = self.lex.number(sitting.group("n"), "ordinals")

    def _classify(self, group: str, text: str) -> str | None:
        for key, pattern in self.table.get(group, {}).items():
            if re.search(pattern, text, re.IGNORECASE):
                return key
        return None

    def vote_lists(self, text: str, source: Source) -> bool:
        """ "In favour: A, B. Against: C. Abstaining: D." for the draft last acted on."""
        headings = self.table.get("vote_headings", {})
        if not headings or self.current is None:
            return False
        colons = "|".join(map(re.escape, self.lex.get("list.colons", [":"])))
        heading = re.compile("|".join(f"(?P<{key.replace('-', '_')}>{pattern})\\s*(?:{colons})"
                                      for key, pattern in headings.items()))
        hits = list(heading.finditer(text))
        if not hits:
            return False
        draft = self.current
        for i, m in enumerate(hits):
            vote = next(k for k, v in m.groupdict().items() if v)
            end = hits[i + 1].start() if i + 1 < len(hits) else len(text)
            listed = text[m.end():end].strip()
            if i + 1 == len(hits):  # the last list ends with its sentence
                cut = re.search(r"[.。](?:\s|$)", listed)
                listed = listed[:cut.start()] if cut else listed
            for entity in self.ctx.resolve_list(listed, source):
                draft.votes.append(Vote(entity, vote, source))
        if draft.method is None:
            draft.method = "recorded-vote"
        return True

    def footnotes(self) -> None:
        """A footnote saying who would have voted how belongs to the vote on its page (else the only vote)."""
        for note in getattr(self.ctx.seg, "footnotes", []):
            on_page = [(d, src) for pages, d, src in self.voted_on_page if note.page in pages]
            if not on_page and len(self.voted_on_page) == 1:
                on_page = [self.voted_on_page[0][1:]]
            if len(on_page) == 1:
                self.intended(note.text, on_page[0][1], on_page[0][0])

    def intended(self, text: str, source: Source, draft: Draft | None) -> None:
        """ "A, B and C subsequently indicated that they would have voted in favour": after a recorded vote."""
        rx = self.rx("intended")
        if rx is None or draft is None or not any(not v.intended for v in draft.votes):
            return
        for sentence in self.sentences(text):
            m = rx.search(sentence)
            if not m:
                continue
            # the lexicon may need two groups for one vote ("abstain", "abstain2")
            vote = next((k.rstrip("0123456789") for k, v in m.groupdict().items() if v), None)
            clause = re.split(r"[;；؛]", sentence[:m.start()])[-1]
            for entity in self.states(clause):
                if not any(v.intended and v.entity.code == entity.code for v in draft.votes):
                    draft.votes.append(Vote(entity, vote, source, intended=True))

    def recommendation(self, text: str, source: Source) -> None:
        """"The Committee recommends to the General Assembly the adoption of the following draft resolution(s)"."""
        rx = self.rx("recommends")
        if rx is None or not rx.search(text):
            return
        kinds = {kind for kind, pattern in self.table.get("kinds", {}).items()
                 if re.search(pattern, text, re.IGNORECASE)}
        for d in self.r.drafts:
            if d.kind in kinds and d.action == "adopted" and not d.recommended:
                d.recommended, d.recommended_source = True, source

    def meeting_records(self) -> None:
        """Summary and verbatim records cited: where the discussion is recorded."""
        for ref in self.r.references:
            try:
                parsed = symbols.parse(ref.symbol)
            except ValueError:
                continue
            if parsed.special in _RECORD_SPECIALS and all(m.symbol != ref.symbol for m in self.r.meeting_records):
                self.r.meeting_records.append(Reference(ref.symbol, ref.source))

    def committee(self) -> bool:
        """A report whose drafts and records are a committee's (A/C.2/77/L.14, A/C.2/77/SR.19) is
        that committee's report to its parent (A): the committee is the body that met."""
        own = self.r.symbol.series
        series = {symbols.parse(d.symbol).series for d in self.r.drafts}
        series |= {symbols.parse(m.symbol).series for m in self.r.meeting_records}
        children = {s for s in series if symbols.parent_series(s) == own}
        if len(children) != 1:
            return False
        self.r.body_series = children.pop()
        self.r.parent_series = own
        return True

    def committee_meeting(self) -> None:
        """A committee report's meeting is the committee's consideration of the item at the session:
        the session's number from the masthead ("Seventy-seventh session"), and the first and last
        dates of the committee's meetings stated in the introduction (plenary meetings of the parent
        body left out)."""
        r, ctx = self.r, self.ctx
        session = self.rx("session")  # "Nonagésimo quinto período de sesiones": every word counts (90 + 5)
        for line in ctx.seg.front if session else ():
            m = session.search(line.strip())
            value = self.lex.number(m.group("ordinal"), "ordinals") if m else None
            if value:
                r.meeting_number, r.meeting_kind = value, "session"
                break
        plenary = self.rx("plenary")
        days, first = [], None
        for n, blocks in ctx.groups.items():
            if "introduction" not in ctx.kinds(blocks[0]):
                continue
            text = ctx.para_text(n)
            if plenary and plenary.search(text):
                continue
            found = [d for pair in self.lex.dates(text) for d in pair]
            if found:
                days += found
                first = first or n
        if days:
            r.start_date, r.end_date = min(days), max(days)
            r.meeting_source = Source(first)

    def masthead_item(self) -> None:
        """"Agenda item 56" on the masthead, its title on the lines down to the report's title: the one
        item a committee reports on."""
        rx, title_rx = self.lex.rx("masthead.agenda_item"), self.lex.rx("report_title")
        if rx is None or self.r.agenda:
            return
        front = [line.strip() for line in self.ctx.seg.front]
        for i, line in enumerate(front):
            m = rx.search(line)
            if not m:
                continue
            item = re.fullmatch(r"(\d+)\s*(?:\(([a-z])\))?", m.group("value").strip())
            if item is None:  # several items: the report does not say which facts belong to which
                return
            title = []
            for cell in front[i + 1:]:
                if title_rx and title_rx.search(cell):
                    break
                title.append(cell)
            if title:
                self.r.agenda.append(AgendaItem(int(item.group(1)), item.group(2), " ".join(" ".join(title).split()),
                                                Source(None)))
            return

    def documents_before(self) -> None:
        """"The Committee had before it a note … (A/77/90-E/2022/66)": the documents a paragraph with the
        lexicon's "before it" words cites, drafts and records left out."""
        rx = self.rx("before_it")
        if rx is None:
            return
        known = {s for d in self.r.documents for s in d.symbols}
        for n in self.ctx.groups:
            text = self.ctx.para_text(n)
            if not rx.search(text):
                continue
            for parts in symbols.find_symbols(text):
                parts = [p for p in parts if p not in self.by_symbol and p not in known
                         and symbols.parse(p).special not in _RECORD_SPECIALS | {"L"}]
                if parts:
                    known.update(parts)
                    self.r.documents.append(DocumentBefore(parts, None, Source(n)))

    def check_counts(self) -> None:
        """A stated count that differs from its list is reported, never corrected."""
        for d in self.r.drafts:
            listed = [v for v in d.votes if not v.intended]
            if not listed or not d.stated_counts:
                continue
            for key, stated in d.stated_counts.items():
                n = sum(1 for v in listed if v.vote == key)
                if n != stated:
                    self.r.warn(f"{d.symbol}: the text states {stated} '{key}' votes but lists {n}",
                                d.action_source or d.source)


def stated_counts(lex: Lexicon, sentence: str) -> dict[str, int]:
    """The counts of a vote a sentence states ("by a vote of 12 to none, with 4 abstentions", "12 صوتا مقابل
    لا شيء"): in favour and against, abstentions 0 when not stated; {} when it states no count."""
    rx = lex.rx("drafts.counts")
    m = rx.search(sentence) if rx else None
    if not m:
        return {}
    zero = {" ".join(w.lower().split()) for w in lex.get("drafts.zero_words", [])}
    counts = {}
    for key in ("yes", "no", "abstain"):
        raw = m.groupdict().get(key)
        if raw is None:
            continue
        value = 0 if " ".join(raw.lower().split()) in zero else lex.number(raw, "cardinals")
        if value is not None:
            counts[key] = value
    if "yes" not in counts or "no" not in counts:
        return {}
    counts.setdefault("abstain", 0)
    return counts


def read(ctx: Context) -> None:
    DraftReader(ctx).run()
