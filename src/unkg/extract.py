"""Extract the facts a report states from its segmented text.

Everything language-specific comes from the lexicon; this module only knows
the genre: where in a report each kind of fact is stated and how lists are
written.  Each fact keeps the paragraph it came from.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from . import outcomes, symbols
from .errors import InputError
from .lexicon import Lexicon, available_languages, detect_language, load
from .model import (Act, AgendaItem, CitedDecision, DocumentBefore, Entity, FocalPoint, Officer, Participation,
                    Recommendation, Reference, Report, Sitting, Source, Statement)
from .names import NameResolver, resolver
from .drafts import read_drafts
from .akn import is_akn, parse_akn
from .masthead import masthead_title, read_masthead, symbol_from_filename
from .readers import read_document
from .segment import Block, Segmented, normalise_letters, numeral_value, segment

_CUT = re.compile(r"\s*\[(?:…|\.\.\.)\]\s*")
_END_PUNCT = ".;:,。；：，、؛،"


def extract_file(path: str | Path, lang: str | None = None, symbol: str | None = None, **read_options) -> Report:
    """`read_options` go to the reader (PDF: ocr, max_pages)."""
    doc = read_document(path, lang=lang, **read_options)
    text = doc.text
    if is_akn(text):
        return extract_akn(text, str(path), lang=lang, symbol=symbol or doc.symbol_hint)
    report = extract_text(text, str(path), lang=lang, symbol=symbol, footnotes=doc.footnotes,
                          symbol_hint=doc.symbol_hint, symbol_origin=doc.symbol_origin, pages=doc.pages)
    if report.job_number is None and doc.job_number:  # a PDF's job number left with its page furniture
        report.job_number = doc.job_number
    return report


def extract_akn(text: str, path: str = "<akn>", lang: str | None = None, symbol: str | None = None) -> Report:
    """An Akoma Ntoso (AKN4UN) HTML rendering: structure from the markup, facts as for text."""
    doc = parse_akn(text)
    lang = lang or doc.language or detect_language(" ".join(b.text for b in doc.seg.blocks[:200]))[0]
    lex = _lexicon(path, lang)
    own = symbol or symbols.recover_from_akn([doc.akn_symbol or ""], _cited(doc.seg))
    if own is None:
        raise InputError(path, "no UN document symbol in the AKN FRBR URI that the cited documents confirm; "
                               "pass --symbol")
    report = _run(doc.seg, path, lex, own)
    report.symbol_origin = "given" if symbol else "AKN form"
    if doc.date and report.date is None:
        report.date = doc.date
    return report


def _cited(seg: Segmented) -> list[str]:
    """Every symbol the text cites (to confirm a symbol recovered from its AKN form)."""
    return [sym for block in seg.blocks for parts in symbols.find_symbols(block.text) for sym in parts]


def _lexicon(path: str, lang: str | None) -> Lexicon:
    if lang is None:
        raise InputError(path, "unknown language: the text is in none of "
                               f"{', '.join(available_languages())} (use --lang to force one)")
    try:
        return load(lang)
    except KeyError:
        raise InputError(path, f"unsupported language {lang!r}; supported: {', '.join(available_languages())}") \
            from None


def _run(seg: Segmented, path: str, lex: Lexicon, own: str) -> Report:
    if not seg.paragraphs():
        raise InputError(path, "no paragraphs (numbered, or one sentence a line): this does not look like a "
                               "meeting report")
    parsed = symbols.parse(own)
    report = Report(path=path, symbol=parsed, language=lex.lang, body_series=parsed.series,
                    parent_series=symbols.parent_series(parsed.series), positions=seg.positions)
    _Extractor(report, seg, lex, resolver(lex.lang)).run()
    if not any(report.recognised().values()):
        raise InputError(path, f"nothing recognised: {lex.data.get('name', lex.lang)} text with symbol "
                               f"{own} and {len(seg.paragraphs())} numbered paragraphs, but no meeting, dates, "
                               "participants, agenda, decisions or adoption that unkg knows how to read")
    return report


def extract_text(text: str, path: str = "<text>", lang: str | None = None, symbol: str | None = None,
                 footnotes: list | None = None, symbol_hint: str | None = None, symbol_origin: str | None = None,
                 pages: int | None = None) -> Report:
    """`symbol` is the user's (--symbol); `symbol_hint` one a reader found outside the text; `pages` the
    page count of a paged format."""
    if lang is None:
        lang, _scores = detect_language(text)
    lex = _lexicon(path, lang)
    if symbol is not None and not symbols.is_symbol(symbol):
        raise InputError(path, f"--symbol {symbol!r} is not a UN document symbol")
    seg = segment(text, symbol_hint=symbol or symbol_hint, headings=lex.get("headings"), footnotes=footnotes)
    seg.paged = seg.paged or bool(pages)  # a reader of a paged format (PDF) knows pages even for one
    masthead = read_masthead(seg, lex)
    own, origin = own_symbol(seg, masthead.symbol, path, symbol, symbol_hint, symbol_origin)
    report = _run(seg, path, lex, own)
    report.symbol_origin = origin
    report.distribution, report.original_language = masthead.distribution, masthead.original_language
    report.masthead_body, report.masthead_session = masthead.body, masthead.session
    report.masthead_agenda_item = masthead.agenda_item
    report.date = masthead.date
    return report


def own_symbol(seg: Segmented, in_masthead: str | None, path: str, given: str | None, hint: str | None,
                hint_origin: str | None) -> tuple[str, str]:
    """The report's own symbol and where it came from, most explicit source first. A running
    header repeated on several pages outweighs a masthead cell that disagrees with it."""
    if given:
        return given, "given"
    if hint:
        return hint, hint_origin or "reader"
    header, repeats = seg.header_symbols.most_common(1)[0] if seg.header_symbols else (None, 0)
    if in_masthead and (header is None or header == in_masthead or repeats < 2):
        return in_masthead, "masthead"
    if header:
        return header, "running header"
    recovered = symbols.recover_from_akn(seg.front, _cited(seg))
    if recovered:
        return recovered, "AKN form"
    named = symbol_from_filename(path)
    if named:
        return named, "file name"
    raise InputError(path, "no UN document symbol found (not in the masthead, no running header with the "
                           "symbol, no AKN form such as IPBES-1-12, not in the file name); pass --symbol")


class _Extractor:
    def __init__(self, report: Report, seg: Segmented, lex: Lexicon, names: NameResolver):
        self.r, self.seg, self.lex, self.names = report, seg, lex, names
        self.groups = seg.paragraphs()
        self._kinds: dict[tuple, set[str]] = {}
        self._texts: dict[int, str] = {}
        self.has_adoption_section = any(
            "adoption" in self.kinds(blocks[0]) for blocks in self.groups.values())

    def where(self, source: Source) -> str:
        """"paragraph 14", or "line 43" in a text that numbers no paragraphs."""
        return f"{'line' if self.seg.positions == 'line' else 'paragraph'} {source.paragraph}"

    def source(self, n: int | None) -> Source:
        """Where paragraph (or line) n stands, with the page it starts on."""
        blocks = self.groups.get(n) if n is not None else None
        return Source(n, page=blocks[0].page if blocks and self.seg.paged else None)

    # -- helpers -----------------------------------------------------------
    def kinds(self, block: Block) -> set[str]:
        key = (block.section, block.subsection)
        if key not in self._kinds:
            out = set()
            for title in key:
                if title:
                    kind = self.lex.classify("sections", title)
                    if kind:
                        out.add(kind)
            self._kinds[key] = out
        return self._kinds[key]

    def letters(self, labels: list[str]) -> list[str]:
        """List letters as Latin letters: Cyrillic look-alikes, or the lexicon's map (أ -> a)."""
        table = self.lex.get("list_letters", {})
        return normalise_letters([table.get(label, label) for label in labels])

    def para_text(self, n: int) -> str:
        if n not in self._texts:
            self._texts[n] = " ".join(b.text for b in self.groups[n])
        return self._texts[n]

    def entities_in(self, text: str, source: Source) -> list[Entity]:
        """The participants a sentence names: the list after a colon, else a scan."""
        parts = self.lex.split_at_colon(text)
        if parts:
            return self.resolve_list(parts[1], source)
        return self.names.scan(text) + self.names.scan_bodies(text)

    def resolve_list(self, listed: str, source: Source) -> list[Entity]:
        if _CUT.search(listed):
            self.r.warn(f"{self.where(source)}: list cut short in the source ([…])", source)
        listed = _CUT.sub(" ", listed).strip().rstrip(_END_PUNCT).strip()
        out: list[Entity] = []
        items = self.lex.split_list(listed)
        i = 0
        while i < len(items):
            item = items[i]
            # A name may itself hold a comma ("United Nations Educational, Scientific and
            # Cultural Organization"): join with the next piece when that resolves.
            if self.names.resolve(item).kind == "unresolved":
                for j in range(i + 1, min(i + 4, len(items))):
                    joined = ", ".join(items[i:j + 1])
                    if self.names.resolve(joined).kind != "unresolved":
                        item, i = joined, j
                        break
            out.extend(self._resolve_item(item, source))
            i += 1
        return out

    def _resolve_item(self, item: str, source: Source) -> list[Entity]:
        entity = self.names.resolve(item)
        if entity.kind != "unresolved":
            return [entity]
        for left, right in self.lex.conjunction_splits(item):
            a, b = self.names.resolve(left), self.names.resolve(right)
            if a.kind != "unresolved" and b.kind != "unresolved":
                return [a, b]
        for left, right in self.lex.conjunction_splits(item):
            a, b = self.names.resolve(left), self.names.resolve(right)
            if a.kind != "unresolved" or b.kind != "unresolved":
                for e in (a, b):
                    if e.kind == "unresolved":
                        self.r.warn(f"{self.where(source)}: unresolved name {e.surface!r}", source)
                return [a, b]
        self.r.warn(f"{self.where(source)}: unresolved name {item!r}", source)
        return [entity]

    # -- the stages --------------------------------------------------------
    def run(self) -> None:
        r = self.r
        if self.seg.job_numbers:
            r.job_number = self.seg.job_numbers.most_common(1)[0][0]
        r.title = self.title()
        r.body_labels = dict(self.lex.get("body_labels", {}))
        for n, blocks in self.groups.items():
            r.paragraphs[n] = self.para_text(n)
        self.meeting()
        for n, blocks in self.groups.items():
            kinds = self.kinds(blocks[0])
            text = self.para_text(n)
            source = self.source(n)
            self.sittings(text, source)
            if kinds & {"duration", "officers", "opening", "organization"}:
                self.officers(text, source)
            if self.lex.rx("agenda.adopted").search(blocks[0].text):
                self.agenda(blocks, source)
            if self.lex.rx("recommendations.intro").search(blocks[0].text):
                self.recommendations(blocks, source)
            if "statements" in kinds and self.lex.rx("statements.items").search(blocks[0].text):
                self.statements(blocks[0].text, source)
            if "attendance" in kinds:
                self.attendance(blocks[0].text, source)
            if self.lex.rx("documents.intro").search(blocks[0].text):
                self.documents(blocks, source)
            self.decisions(text, source)
            # The adoption of the report is read in its own section where the report
            # has one ("Adoption of the report" is also an agenda item title).
            if "adoption" in kinds or not self.has_adoption_section:
                self.adoption(" ".join(b.text for b in blocks if b.kind != "item"), source)
            self.references(blocks, source)
        self.references([b for b in self.seg.blocks if b.kind == "annex"], Source(None))
        for note in self.seg.footnotes:
            self.references([note], Source(note.para, page=note.page if self.seg.paged else None))
        for link in self.seg.links:
            for parts in symbols.find_symbols(link.split("undocs.org/", 1)[-1]):
                for sym in parts:
                    self.add_reference(sym, Source(None))
        read_drafts(self)  # drafts, sponsors, votes (General Assembly committee reports)
        outcomes.read(self)  # outcomes per agenda item, session parts, decisions in UNFCCC notation
        if r.meeting_number is None:
            r.warn("no meeting or session number found")
        if r.start_date is None:
            r.warn("no meeting dates found")

    def title(self) -> str | None:
        return masthead_title(self.seg.front, self.lex)

    def meeting(self) -> None:
        r = self.r
        numbers: Counter[int] = Counter()
        first = None
        nouns = self.lex.get("meeting.nouns", {})
        candidates = [(None, r.title or "")] + [
            (n, self.para_text(n)) for n, blocks in self.groups.items()
            # the introduction recalls earlier meetings
            if "introduction" not in self.kinds(blocks[0])]
        anchor = re.compile("|".join(map(re.escape, nouns)), re.IGNORECASE) if nouns else None
        for n, text in candidates:
            for m in self._meeting_mentions(text, anchor):
                value = self.lex.number(m.group("ordinal").split()[-1], "ordinals")
                words = m.group("ordinal").split()
                if len(words) > 1:
                    both = self.lex.number(" ".join(words), "ordinals")
                    value = both if both and value and both > value else value
                if value:
                    numbers[value] += 1
                    first = value if first is None else first
                    r.meeting_kind = next((k for stem, k in nouns.items() if m.group("noun").startswith(stem)),
                                          "meeting")
                    if r.meeting_source.paragraph is None and n is not None:
                        r.meeting_source = self.source(n)
        # The title names the meeting when it names one; otherwise the first mention
        # outside the introduction (later paragraphs plan the next session).
        if first is not None:
            r.meeting_number = first
        # Dates: the introduction recalls earlier meetings; the duration or opening
        # section, where there is one, is where the meeting's own dates stand.
        order = sorted((n for n, b in self.groups.items() if "introduction" not in self.kinds(b[0])),
                       key=lambda n: (not self.kinds(self.groups[n][0]) & {"duration", "opening"}, n))
        for n in order:
            text = self.para_text(n)
            m = self.lex.rx("meeting.held").search(text) or self.lex.rx("meeting.dates_held").search(text)
            if not m:
                continue
            ranges = self.lex.dates(m.group("dates"))
            if not ranges:
                continue
            r.start_date, r.end_date = ranges[0]
            groups = m.groupdict()
            if groups.get("count"):
                r.sitting_count = self.lex.number(groups["count"], "cardinals")
            if groups.get("place"):
                r.place = groups["place"]
            r.meeting_source = self.source(n)
            break

    def _meeting_mentions(self, text: str, anchor):
        """Matches of the meeting-number pattern, tried only around the nouns
        ("совещание", "session"): the pattern is costly at every position."""
        pattern = self.lex.rx("meeting.number")
        if anchor is None:
            yield from pattern.finditer(text)
            return
        seen = set()
        for hit in anchor.finditer(text):
            for m in pattern.finditer(text, max(0, hit.start() - 60)):
                if m.start() > hit.start():
                    break
                if hit.start() < m.end() and m.span() not in seen:
                    seen.add(m.span())
                    yield m

    def sittings(self, text: str, source: Source) -> None:
        for m in self.lex.rx("sitting").finditer(text):
            number = self.lex.number(m.group("n"), "ordinals")
            if number is None:
                continue
            when = None
            if m.group("date"):
                found = self.lex.dates(m.group("date"))
                when = found[0][0] if found else None
            existing = next((s for s in self.r.sittings if s.number == number), None)
            if existing is None:
                self.r.sittings.append(Sitting(number, when, source))
            elif existing.date is None and when is not None:
                existing.date, existing.source = when, source

    def officers(self, text: str, source: Source) -> None:
        roles = self.lex.get("officers.roles", {})
        role_spans: list[tuple[int, int, str]] = []
        # Roles are tried in the lexicon's order; a role whose name sits inside an
        # earlier one ("Vice-Chair" in "Alternate to Vice-Chair") is not counted.
        for role, pattern in roles.items():
            for m in re.finditer(pattern, text):
                if not any(s <= m.start() < e for s, e, _ in role_spans):
                    role_spans.append((m.start(), m.end(), role))
        role_spans.sort()
        ignored = set(self.lex.get("officers.ignore", []))
        for m in self.lex.rx("officers.person_state", ignore_case=False).finditer(text):
            state = self.names.resolve(m.group("state"))
            if state.kind not in ("state", "reio"):
                continue
            before = [role for s, e, role in role_spans if e <= m.start()]
            if not before or before[-1] in ignored:
                continue
            self.r.officers.append(Officer(self.person_name(m.group("name")), before[-1], state, source))
        appointed = self.lex.rx("officers.appointed", ignore_case=False)
        for m in appointed.finditer(text) if appointed else ():
            role = next((r for r, pattern in roles.items() if re.fullmatch(pattern, m.group("role"))), None)
            if role is None or role in ignored:
                continue
            name = self.person_name(m.group("name"))
            known = next((o.state for o in self.r.officers if o.name == name), None)
            self.r.officers.append(Officer(name, role, known, source))

    def person_name(self, raw: str) -> str:
        name = raw.strip()
        for title in self.lex.get("officers.honorifics", []):
            if name.startswith(title + " "):
                name = name[len(title) + 1:]
        return name.strip()

    def agenda(self, blocks: list[Block], source: Source) -> None:
        m = self.lex.rx("agenda.adopted").search(blocks[0].text)
        method = "consensus" if m and m.group("method") else None
        sitting = self.lex.rx("sitting").search(blocks[0].text)
        number = self.lex.number(sitting.group("n"), "ordinals") if sitting else None
        self.r.acts.append(Act("adoption-of-agenda", number, self._sitting_date(number), method, [], source))
        current = None
        items = [b for b in blocks[1:] if b.kind == "item"]
        letters = self.letters([b.label for b in items if not b.label.isdigit()])
        letter_iter = iter(letters)
        for block in items:
            title = block.text.strip().rstrip(_END_PUNCT).strip()
            if block.label.isdigit():
                current = int(block.label)
                self.r.agenda.append(AgendaItem(current, None, title, source))
            elif current is not None:
                self.r.agenda.append(AgendaItem(current, next(letter_iter), title, source))

    def _sitting_date(self, number: int | None):
        for s in self.r.sittings:
            if s.number == number:
                return s.date
        return None

    def recommendations(self, blocks: list[Block], source: Source) -> None:
        if self.lex.rx("recommendations.endorsement").search(blocks[0].text):
            self.r.endorsement_by_parent = True
        items = [b for b in blocks[1:] if b.kind == "item"]
        letters = iter(self.letters([b.label for b in items]))
        topic = None
        for block in blocks[1:]:
            if block.kind == "text":
                topic = block.text.strip()
            elif block.kind == "item":
                letter = next(letters)
                addressee = self.lex.classify("addressees", block.text) or "other"
                self.r.recommendations.append(
                    Recommendation(letter, block.text.strip(), addressee, topic, replace(source, sub=letter)))

    def statements(self, text: str, source: Source) -> None:
        m = self.lex.rx("statements.items").search(text)
        keys = []
        for item in re.findall(r"\d+(?:\s*[a-z]\))?", m.group("items")):
            num = re.match(r"\d+", item).group(0)
            sub = re.search(r"([a-z])\)", item)
            keys.append(f"{num}.{sub.group(1)}" if sub else num)
        introductory = bool(self.lex.rx("statements.introductory").search(text))
        speakers = self.entities_in(text, source)
        if not speakers:
            self.r.warn(f"{self.where(source)}: statements without a recognised speaker", source)
        for entity in speakers:
            for key in keys:
                self.r.statements.append(Statement(entity, key, source, introductory))

    def attendance(self, text: str, source: Source) -> None:
        role = self.lex.classify("attendance", text)
        if role is None:
            return
        entities = self.entities_in(text, source)
        count_rx = self.lex.rx("attendance_count")
        stated = count_rx.search(text.split(":", 1)[0]) if count_rx else None
        if stated:
            expected = self.lex.number(stated.group("count"), "cardinals")
            if expected is not None and expected != len(entities):
                self.r.warn(f"{self.where(source)}: the text states {expected} but lists {len(entities)}",
                            source)
        for entity in entities:
            if entity.kind == "body":
                continue
            if role == "focal-point":
                self.r.focal_points.append(FocalPoint(entity, source))
            else:
                if role in ("party", "member", "observer") and entity.kind in ("igo", "ngo", "un-entity"):
                    entity_role = entity.kind
                else:
                    entity_role = role
                self.r.participations.append(Participation(entity, entity_role, source))

    def documents(self, blocks: list[Block], source: Source) -> None:
        title_rx = self.lex.rx("documents.title")
        for block in blocks[1:]:
            if block.kind != "item":
                continue
            found = symbols.find_symbols(block.text)
            if not found:
                continue
            m = title_rx.search(block.text) if title_rx else None
            if m:
                title = m.group("title")
            else:
                title = re.split(r"[(（]", block.text)[0].strip().rstrip(_END_PUNCT + " ")
            for parts in found:
                self.r.documents.append(DocumentBefore(parts, title, source))

    def decisions(self, text: str, source: Source) -> None:
        kinds = self.lex.get("decisions.kinds", {})
        adopted_refs = {d.reference for d in self.r.decisions if d.action == "adopted"}
        list_rx = self.lex.rx("decisions.adopted_list")
        # (pattern, action): after "the following decisions were adopted" every decision named is adopted.
        passes = [("cited" if list_rx and list_rx.search(text) else "adopted", "adopted"), ("cited", "cited")]
        for pattern_key, action in passes:
            for m in self.lex.rx(f"decisions.{pattern_key}").finditer(text):
                kind = next((v for stem, v in kinds.items() if m.group("kind").lower().startswith(stem)), "decision")
                for ref in re.split(r"\s*,\s*|\s+\w{1,3}\s+", m.group("refs")):
                    ref = ref.strip().rstrip(".")
                    if not ref or ref in adopted_refs:
                        continue
                    if action == "adopted":
                        adopted_refs.add(ref)
                        self.r.decisions = [d for d in self.r.decisions if d.reference != ref]
                    if any(d.reference == ref and d.action == action for d in self.r.decisions):
                        continue
                    self.r.decisions.append(CitedDecision(ref, kind, action, source))

    def adoption(self, text: str, source: Source) -> None:
        m = self.lex.rx("adoption.report").search(text)
        if not m:
            return
        chapters = []
        if m.groupdict().get("chapters"):
            chapters = [to_roman(c) for c in re.split(self.lex.get("adoption.chapter_split"), m.group("chapters")) if c]
        sitting = self.lex.rx("sitting").search(text)
        number = self.lex.number(sitting.group("n"), "ordinals") if sitting else None
        when = None
        if sitting and sitting.group("date"):
            found = self.lex.dates(sitting.group("date"))
            when = found[0][0] if found else None
        if when is None:
            found = self.lex.dates(text)
            when = found[0][0] if found else self._sitting_date(number)
        self.r.acts.append(Act("adoption-of-report", number, when, None, chapters, source))

    def references(self, blocks: list[Block], source: Source) -> None:
        for block in blocks:
            for parts in symbols.find_symbols(block.text):
                for sym in parts:
                    self.add_reference(sym, source)

    def add_reference(self, sym: str, source: Source) -> None:
        if sym == self.r.symbol.text or any(ref.symbol == sym for ref in self.r.references):
            return
        self.r.references.append(Reference(sym, source))


def to_roman(label: str) -> str:
    """Chapter numbers as roman numerals whatever the script ("四" -> "IV")."""
    value = numeral_value(label.strip())
    if value is None:
        return label.strip()
    out = ""
    for number, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                            (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out
