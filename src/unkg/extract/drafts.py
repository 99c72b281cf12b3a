"""Stage `extract`: drafts considered by a committee — who submitted and who joined in sponsoring
each, what was done with it (adopted, rejected, withdrawn, no action; with or without a vote; as orally
revised), the recorded vote on it as a whole and the separate votes on its parts, amendments to it (each a draft
of its own), and the drafts recommended to the parent body (General Assembly Main Committee reports).

A draft is recognised by what it is, not by one sentence: a limited-distribution symbol (special component L)
next to a "draft resolution/decision/amendment" word of the lexicon, or that word alone for the draft of that
kind last named; a draft without a symbol of its own by the document that holds it and its label ("draft
resolution I contained in … (A/99/23)"), an oral amendment by the State that proposed it. A sentence acts on the
amendments it names if it names any, else on the drafts it names; what a context clause names ("in the light of
the adoption of draft resolution L.59, …") is not acted on. Once the Committee recommends its drafts, the rest of
the section is their text, not the Committee's acts. Sponsors: `sponsors`; votes: `votes`. All wording comes
from the lexicon's "drafts" table.
"""
from __future__ import annotations

import re

from unkg.extract import adoption, agenda, meeting, officers, sponsors, votes
from unkg.extract.context import Context
from unkg.extract.draft_text import blank_context, held_drafts, oral_proposers, sentences
from unkg.extract.votes import stated_counts
from unkg.lang import symbols
from unkg.model import DocumentBefore, Draft, PartVote, Reference, Source, Sponsorship, Vote

__all__ = ["read", "stated_counts"]

_RECORD_SPECIALS = {"SR", "PV"}  # summary and verbatim records
_SHORT_L = re.compile(r"(?<![A-Za-z0-9_/.])(L\.\d+(?:/Rev\.\d+)?)(?![A-Za-z0-9_/])")
_QUOTED = re.compile(r"[“\"«„「『][^”\"»“」』]*[”\"»」』]")
_PART_ONLY = {"retained", "deleted"}  # actions only a part of a draft undergoes


class DraftReader:
    def __init__(self, ctx: Context):
        self.ctx, self.r, self.lex = ctx, ctx.report, ctx.lex
        self.table = self.lex.get("drafts", {})
        self.current: Draft | None = None  # the draft last named
        self.main: Draft | None = None  # the draft (not an amendment) last named: what an amendment amends
        self.last_of_kind: dict[str, Draft] = {}  # "the draft resolution": the draft resolution last named
        self.target: Draft | PartVote | None = None  # what the vote lists that follow are the lists of
        self.by_symbol: dict[str, Draft] = {}
        self.texts_follow = False  # the Committee's recommendation has begun: the text of its drafts follows
        self.voted: list[tuple[set, Draft | PartVote, str, Source]] = []  # pages, vote, lists and lead, source
        self.kind_rx = [(kind, re.compile(pattern, re.IGNORECASE))
                        for kind, pattern in self.table.get("kinds", {}).items()]
        self.tables = {group: [(key, re.compile(pattern, re.IGNORECASE)) for key, pattern in
                               self.table.get(group, {}).items()] for group in ("actions", "methods", "part_actions")}

    def rx(self, key: str) -> re.Pattern[str] | None:
        return self.lex.rx(f"drafts.{key}")

    # -- the stages --------------------------------------------------------
    def run(self) -> None:
        officers.read_masthead(self.ctx)
        texts = {n: self.ctx.para_text(n) for n in self.ctx.groups}
        # most reports name no draft at all: one look at the whole text spares the sentence by sentence reading
        whole = " ".join(texts.values())
        if self.table and ("L." in whole or any(rx.search(whole) for _, rx in self.kind_rx)):
            self.read_paragraphs(texts)
            self.footnotes()
            # a draft with no symbol of its own is a fact where the Committee acted on it, not where it is cited
            self.r.drafts = [d for d in self.r.drafts if d.own_symbol or d.action or d.votes]
        drafts = {d.symbol for d in self.r.drafts}
        # A draft is a document acted on here, not a decision the report cites nor a document before the meeting.
        self.r.decisions = [d for d in self.r.decisions if d.reference not in drafts]
        for doc in self.r.documents:
            doc.symbols = [s for s in doc.symbols if s not in drafts]
        self.r.documents = [doc for doc in self.r.documents if doc.symbols]
        self.meeting_records()
        if self.committee():
            # the records of the discussion are the committee's own (A/C.2/77/SR.19), not others cited
            self.r.meeting_records = [m for m in self.r.meeting_records
                                      if symbols.parse(m.symbol).series == self.r.body_series]
            agenda.read_masthead(self.ctx)  # the item's number goes with the meeting's dates
            meeting.committee_meeting(self.ctx)
            adoption.committee_report(self.ctx)
            officers.read_committee(self.ctx)
            self.documents_before()
        else:
            self.r.meeting_records = []
        votes.check_counts(self.r)

    def read_paragraphs(self, texts: dict[int, str]) -> None:
        last_section = None
        for n, blocks in self.ctx.groups.items():
            section, source = blocks[0].section, Source(n)
            if section != last_section:
                last_section = section
                self.sentence(section or "", source, heading=True)
                if self.texts_follow and self.mentions(section or ""):
                    self.texts_follow = False  # the consideration of another draft
            for block in blocks:
                if not self.texts_follow:
                    self.block(block.text, {b.page for b in blocks}, source)
            self.recommendation(texts[n], source)

    def block(self, text: str, pages: set, source: Source) -> None:
        """One paragraph or list item: its sentences and vote lists in the order they are printed. What follows
        "recommends … the adoption of the following draft resolutions" is their text, not the Committee's acts."""
        recommends = self.rx("recommends")
        lead = ""  # the sentence that announces the lists ("The voting was as follows: 2"), for footnote marks
        for vote, chunk in votes.runs(self.lex, text):
            if vote is None:
                said = sentences(self.lex, chunk)
                for sentence in said:
                    if recommends and recommends.search(sentence):
                        self.texts_follow = True
                        return
                    self.sentence(sentence, source)
                lead = said[-1] if said else ""
                continue
            target = self.target or self.current
            if target is None:
                continue
            for entity in votes.read_list(self.ctx, chunk, source):
                target.votes.append(Vote(entity, vote, source))
            if target.method is None:
                target.method = "recorded-vote"
            if not self.voted or self.voted[-1][1] is not target:
                self.voted.append((pages, target, f"{lead} {chunk}", source))
            else:
                last = self.voted[-1]
                self.voted[-1] = (last[0] | pages, target, f"{last[2]} {lead} {chunk}", last[3])
            lead = ""
        if self.voted and self.voted[-1][1] is (self.target or self.current):
            self.intended(text, source, self.voted[-1][1])

    def kind_words(self, sentence: str) -> list[tuple[int, int, str]]:
        """(start, end, kind) of the words "draft resolution", "amendment", … in a sentence, in order."""
        return sorted((m.start(), m.end(), kind) for kind, rx in self.kind_rx for m in rx.finditer(sentence))

    def mentions(self, sentence: str, words: list[tuple[int, int, str]] | None = None) -> list[tuple[str, str]]:
        """(symbol, kind) of the drafts a sentence names, in order; a symbol joined to the one before it by a
        conjunction ("amendments contained in L.51 and L.52") is of the same kind."""
        words = self.kind_words(sentence) if words is None else words
        if not words and "L." not in sentence:
            return []
        found: list[tuple[int, str]] = []
        for parts in symbols.find_symbols(sentence) if "L." in sentence else ():
            for sym in parts:
                if symbols.parse(sym).special == "L" and sym != self.r.symbol.text:
                    found.append((sentence.find(sym), sym))
        base = found[0][1].rsplit("/L.", 1)[0] if found else (
            self.current.symbol.rsplit("/L.", 1)[0] if self.current and self.current.own_symbol else None)
        if base and "L." in sentence:  # "draft resolutions A/C.1/77/L.5 and L.6"
            for m in _SHORT_L.finditer(sentence):
                if not any(s <= m.start() < s + len(sym) for s, sym in found):
                    found.append((m.start(), f"{base}/{m.group(1)}"))
        found.sort()
        out: list[tuple[str, str]] = []
        previous_end = None
        for pos, sym in found:
            near = [kind for start, end, kind in words if end <= pos and self.close(sentence[end:pos])]
            known = self.by_symbol.get(sym)
            kind = near[-1] if near else (known.kind if known else None)
            if out and previous_end is not None and self.joined(sentence[previous_end:pos]):
                kind = out[-1][1]
            if kind is not None:  # else a limited document that is not said to be a draft
                out.append((sym, kind))
            previous_end = pos + len(sym)
        return out

    def joined(self, gap: str) -> bool:
        """Two symbols of one enumeration: only a separator or a conjunction between them."""
        conjunctions = {c.lower() for c in self.lex.get("list.conjunctions", [])}
        rest = [w for w in re.findall(r"[^\W\d_]+", gap.lower()) if w not in conjunctions]
        return not rest and not re.search(r"[()]", gap)

    def close(self, gap: str) -> bool:
        """A symbol belongs to the "draft resolution" before it when at most two words stand between
        them once quoted titles, other symbols, articles and the word "document" are left out ("draft resolution
        entitled “…” (L.14)", "draft resolutions L.5 and L.6", "the amendment contained in document L.51"),
        not "draft decision text … contained in the annex to document L.11"."""
        gap = _QUOTED.sub(" ", gap)
        document = self.rx("document_word")
        gap = document.sub(" ", gap) if document else gap
        gap = _SHORT_L.sub(" ", " ".join(" " if symbols.find_symbols(w) else w for w in gap.split()))
        articles = {a.lower() for a in self.lex.get("articles", [])}
        return len([w for w in re.findall(r"\w+", gap) if w.lower() not in articles]) <= 2

    def draft(self, symbol: str, kind: str, source: Source, **designation) -> Draft:
        if symbol not in self.by_symbol:
            self.by_symbol[symbol] = Draft(symbol, kind, source, **designation)
            self.r.drafts.append(self.by_symbol[symbol])
        return self.by_symbol[symbol]

    def note(self, d: Draft, others: list[Draft]) -> None:
        """A draft named: the one "the draft resolution" refers to next; an amendment amends the draft the
        sentence names with it, else the draft last named."""
        self.current = self.last_of_kind[d.kind] = d
        if d.kind != "amendment":
            self.main = d
        elif d.amends is None:
            target = next((o for o in reversed(others) if o.kind != "amendment"), None) or self.main
            d.amends = target.symbol if target else None

    def sentence(self, sentence: str, source: Source, heading: bool = False) -> None:
        if "L." not in sentence and not any(rx.search(sentence) for _, rx in self.kind_rx):
            if not heading:  # no draft named: at most a separate vote ("(a) The fifth preambular paragraph …")
                self.part_vote(sentence, self.main, source)
            return
        text = blank_context(self.lex, sentence)
        words = self.kind_words(text)
        kinds = {kind for _, _, kind in words}
        named_here = [self.draft(sym, kind, source) for sym, kind in self.mentions(text, words)]
        named_here += self.held(text, source) if words else []
        oral = None if heading or "amendment" not in kinds else self.oral_amendment(text, source)
        named_here += [oral] if oral else []
        for d in named_here:
            self.note(d, named_here)
        if heading:
            return
        if not named_here:  # "the draft resolution": the draft of that kind last named
            referred = self.referred(kinds)
            if referred is None:
                self.part_vote(text, self.main, source)  # "(a) The fifth preambular paragraph was …"
                return
            named_here = [referred]
            self.current = referred
        amendments = [d for d in named_here if d.kind == "amendment"]
        subjects = amendments or named_here
        revised = self.rx("orally_revised")
        if revised and revised.search(text):
            for d in subjects:
                d.orally_revised = True
        if not amendments and self.part_vote(text, subjects[-1], source, named_in_text=True):
            return
        self.target = subjects[-1]
        title = self.rx("title")
        m = title.search(text) if title else None
        if m and len(subjects) == 1 and subjects[0].title is None:
            subjects[0].title = " ".join(m.group("title").split())
        sponsors.read(self.ctx, text, subjects, source)
        self.action(text, subjects, source)

    def referred(self, kinds: set[str]) -> Draft | None:
        """The draft a sentence refers to by the kinds of draft it names only; an amendment first ("the
        amendment to the draft resolution")."""
        for kind in sorted(kinds, key=lambda k: (k != "amendment", k)):
            if kind in self.last_of_kind:
                return self.last_of_kind[kind]
        return None

    def held(self, text: str, source: Source) -> list[Draft]:
        """Drafts without a symbol of their own: "draft resolution I contained in chapter XIII of the report of
        the Special Committee (A/99/23)", designated by the document that holds them and their label."""
        return [self.draft(designation, kind, source, holder=holder, number=number)
                for designation, kind, holder, number in held_drafts(self.lex, text, self.kind_rx,
                                                                     self.r.symbol.text)]

    def oral_amendment(self, text: str, source: Source) -> Draft | None:
        """An amendment a State proposes orally: a draft of its own, "oral amendment <proposer> <n>"."""
        proposers = oral_proposers(self.ctx, text)
        if not proposers:
            return None
        code = proposers[0].code
        n = 1 + sum(1 for d in self.r.drafts if d.oral and d.sponsors and d.sponsors[0].entity.code == code)
        d = self.draft(f"oral amendment {code} {n}", "amendment", source, oral=True)
        d.sponsors = [Sponsorship(e, "submitted", source) for e in proposers]
        return d

    def part_vote(self, text: str, draft: Draft | None, source: Source, named_in_text: bool = False) -> bool:
        """A separate vote on a part of the draft ("The fifth preambular paragraph was retained by a recorded
        vote of …"): a vote of its own, which the vote lists that follow are the lists of. The part is named
        before the draft (else the draft is the sentence's subject), or its action is one only a part
        undergoes."""
        if draft is None:
            return False
        action, counts = self._classify("part_actions", text), stated_counts(self.lex, text)
        found = votes.part_label(self.lex, text) if action or counts else None
        if found is None:
            return False
        if named_in_text and action not in _PART_ONLY:
            mentioned = [m.start() for _, rx in self.kind_rx for m in rx.finditer(text)] + \
                [m.start() for m in re.finditer(r"L\.\d", text)]
            if min(mentioned, default=found[1]) < found[1]:
                return False
        method = self._classify("methods", text) or ("vote" if counts else None)
        part = PartVote(found[0], action, method, source, counts)
        draft.parts.append(part)
        self.current, self.target = draft, part
        return True

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
        return next((key for key, rx in self.tables[group] if rx.search(text)), None)

    def intended(self, text: str, source: Source, vote: Draft | PartVote) -> None:
        """ "A, B and C subsequently indicated that they would have voted in favour": after a recorded vote."""
        if not any(not v.intended for v in vote.votes):
            return
        for entity, cast in votes.intended(self.ctx, text):
            if not any(v.intended and v.entity.code == entity.code for v in vote.votes):
                vote.votes.append(Vote(entity, cast, source, intended=True))

    def footnotes(self) -> None:
        """A footnote saying who would have voted how belongs to the vote that carries its mark, else to the vote
        on its page (else the only vote); one saying a State sponsored a draft in error takes it off that draft."""
        said = self.rx("intended")
        for note in getattr(self.ctx.seg, "footnotes", []):
            error = sponsors.withdrawn_in_error(self.ctx, note.text)
            if error:
                sponsors.withdraw_in_error(self.ctx, self.r.drafts, error, note.page)
                continue
            if said is None or not said.search(note.text):
                continue
            on_page = [(v, src) for _, v, text, src in self.voted if votes.marked(text, note.label)] or \
                [(v, src) for pages, v, _, src in self.voted if note.page in pages]
            if not on_page and len(self.voted) == 1:
                on_page = [(self.voted[0][1], self.voted[0][3])]
            if len(on_page) == 1:
                self.intended(note.text, on_page[0][1], on_page[0][0])

    def recommendation(self, text: str, source: Source) -> None:
        """"The Committee recommends to the General Assembly the adoption of the following draft resolution(s)"."""
        rx = self.rx("recommends")
        if rx is None or not rx.search(text):
            return
        kinds = {kind for kind, pattern in self.table.get("kinds", {}).items()
                 if re.search(pattern, text, re.IGNORECASE)} - {"amendment"}
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
        series = {symbols.parse(d.symbol).series for d in self.r.drafts if d.own_symbol}
        series |= {symbols.parse(m.symbol).series for m in self.r.meeting_records}
        children = {s for s in series if symbols.parent_series(s) == own}
        if len(children) != 1:
            return False
        self.r.body_series = children.pop()
        self.r.parent_series = own
        return True


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


def read(ctx: Context) -> None:
    DraftReader(ctx).run()
