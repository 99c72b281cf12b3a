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

from . import citations, outcomes, symbols
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
# A sentence ends at a full stop that is not an initial or a title ("M.", "Mr.", "Sra."), or at a semicolon.
# An adoption verb and its object ("report", "agenda") stand this close in a sentence that adopts it
# ("adopted the present report", "Le présent rapport a été adopté"), not in one that mentions it further on.
_NEAR = 45
_MENTION_REACH = 240  # how far past its noun a meeting mention may run ("... meeting of the Working Group")
_LOOKAHEAD_REACH = 80
_ORGANIZATIONS = ("igo", "ngo", "un-entity")
_PARENTHESIS = re.compile(r"[(（]([^()（）]+)[)）]")
# A full stop (not after an initial or a title: "U.N.", "Mr.") or a stop of another script. The stop is
# matched first and the lookbehinds checked after it, so that the engine scans for stops: a lookbehind
# tried at every position made this 16 times slower.
_SENTENCE_END = re.compile(r"[.。；;؛!?](?:(?<!\.)|(?<![A-Z]\.)(?<!Mr\.)(?<!Ms\.)(?<!Mrs\.)(?<!Dr\.)(?<!Sr\.)(?<!Sra\.)"
                           r"(?=\s|$))")


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
    seg = segment(text, symbol_hint=symbol or symbol_hint, headings=lex.get("headings"), footnotes=footnotes,
                  stopwords=lex.get("stopwords", ()))
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
        self.last_attendance_role: str | None = None  # the capacity of the last list of participants
        self.resumed_sitting_dates: dict[int, object] = {}  # a resumed sitting's own day
        self.last_sitting_named: dict[int, int] = {}  # paragraph -> the last sitting it names ("at its 1st meeting")
        self.last_attendance: tuple | None = None  # the last paragraph read as a list of participants, with its headings
        self.has_adoption_section = any(
            "adoption" in self.kinds(blocks[0]) for blocks in self.groups.values())

    @staticmethod
    def _place_of(n: int, blocks: list[Block]) -> tuple:
        """Paragraph n under the headings of `blocks` (the same chapter and section)."""
        return n, blocks[0].section, blocks[0].subsection

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
        """The participants a sentence names: the list after a colon (to the end of its sentence),
        else every name in it."""
        parts = self.lex.split_at_colon(text)
        if parts:
            listed = parts[1]
            end = _SENTENCE_END.search(listed.rstrip().rstrip(".。"))
            return self.resolve_list(listed[:end.start()] if end else listed, source)
        return self.names.scan(text) + self.names.scan_bodies(text)

    def resolve_list(self, listed: str, source: Source) -> list[Entity]:
        """A list's names, longest known names first (a conjunction may sit inside a name)."""
        if _CUT.search(listed):
            self.r.warn(f"{self.where(source)}: list cut short in the source ([…])", source)
        listed = _CUT.sub(" ", listed).strip().rstrip(_END_PUNCT).strip()
        out = self.names.split_list(listed)
        for entity in out:
            if entity.kind == "unresolved":
                self.r.warn(f"{self.where(source)}: unresolved name {entity.surface!r}", source)
        return out

    def lead_in(self, text: str) -> str:
        """The words that introduce a list: up to its colon, else the whole text."""
        parts = self.lex.split_at_colon(text)
        return parts[0] if parts else text

    def sentence_around(self, text: str, start: int, end: int) -> str:
        """The sentence of text that holds text[start:end]."""
        left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
        m = _SENTENCE_END.search(text, end)
        return text[left:m.start() + 1 if m else len(text)]

    def near(self, verb: str, noun: str, text: str) -> bool:
        """A word of vocabulary `verb` and one of `noun` close together in a sentence, in either order
        ("adopted the following agenda", "l'ordre du jour a été adopté", "通过了本报告")."""
        verbs, nouns = self.lex.vocab_rx(verb), self.lex.vocab_rx(noun)
        for sentence in self.sentences(text):
            starts = [m.start() for m in verbs.finditer(sentence)]
            if any(abs(v - m.start()) <= _NEAR for v in starts for m in nouns.finditer(sentence)):
                return True
        return False

    def sentences(self, text: str) -> list[str]:
        out, start = [], 0
        for m in _SENTENCE_END.finditer(text):
            out.append(text[start:m.end()])
            start = m.end()
        if text[start:].strip():
            out.append(text[start:])
        return out

    def sittings_in(self, text: str):
        """(number, date or None, match) for each sitting the text names ("at its 3rd sitting",
        "à sa troisième séance", "на своем третьем заседании", "第3次会议", "الجلسة الثالثة"); the date is
        the one nearest to it in its sentence."""
        for m in self.lex.rx("sitting").finditer(text):
            number = self.lex.number(m.group("n"), "ordinals")
            if number is None:
                continue
            # "twelfth meeting", "第十二次会议": an ordinal in words before a noun that also names the
            # meeting is the meeting itself, and no sitting is numbered beyond the sittings held.
            if not m.group("n")[:1].isdigit() and (number == self.r.meeting_number or (
                    self.r.sitting_count and number > self.r.sitting_count)):
                continue
            sentence_start = max((x.end() for x in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
            sentence = self.sentence_around(text, m.start(), m.end())
            found = [(abs(sentence_start + pos - m.start()), d) for pos, d in self.lex.dated(sentence)]
            yield number, (min(found)[1] if found else self._day_of_sitting(text, m, sentence_start, sentence)), m

    def _day_of_sitting(self, text: str, m: re.Match, sentence_start: int, sentence: str):
        """A day written without its year right after the sitting it dates ("at its 3rd meeting, on 11 June",
        "resumed 2nd meeting, held on 15 June"): no other sitting named between them, and within the
        meeting's dates, whose year it takes."""
        start, end = self.r.start_date, self.r.end_date
        if start is None:
            return None
        end = end or start
        for year in sorted({start.year, end.year}):
            for pos, day in self.lex.dated_without_year(sentence, year):
                at = sentence_start + pos
                if at < m.end() or not start <= day <= end:
                    continue
                if any(m.end() <= other.start() < at for other in self.lex.rx("sitting").finditer(text, m.end(), at)):
                    break
                return day
        return None

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
        # Sittings first, from every paragraph: a sitting's date may be stated after the
        # paragraph that cites it (paragraphs reordered within a section).
        # A resolution's text names the meetings it convenes or recalls, none of them a sitting of its session.
        for n, blocks in {} if self.resolution else self.groups.items():
            # The introduction may recall earlier meetings ("since its first meeting"): there only
            # sittings written in digits ("at its 19th meeting") are this meeting's.
            self.sittings(self.para_text(n), self.source(n), words="introduction" not in self.kinds(blocks[0]))
        for n, blocks in self.groups.items():
            kinds = self.kinds(blocks[0])
            text = self.para_text(n)
            lead = self.lead_in(blocks[0].text)
            items = [b for b in blocks[1:] if b.kind == "item"]
            source = self.source(n)
            if kinds & {"duration", "officers", "opening", "organization"}:
                self.officers(text, source)
            listed = False
            if items and any(b.label.isdigit() for b in items) and (self.near("adopt", "agenda", lead) or (
                    self.lex.split_at_colon(blocks[0].text) and self.lex.mentions("adopt", lead)
                    and self.lex.mentions("agenda", lead))):
                self.agenda(blocks, source)
            elif items and self.lex.mentions("recommendation", lead) and (
                    "recommendations" in kinds or self.lex.mentions("adopt", lead)) \
                    and not any(b.label.isdigit() for b in items):
                self.recommendations(blocks, source)
            elif items and ("documents" in kinds or self.lex.mentions("documents", lead)) \
                    and any(symbols.find_symbols(b.text) for b in items):
                self.documents(blocks, source)
                listed = True
            # Items that hold no symbol are not the documents (a sub-heading "2. Conclusions" read as an item),
            # and a paragraph that adopts the agenda may first name the document that proposed it.
            if not listed and self.lex.mentions("before_it", lead):
                self.documents_in_text(blocks[0].text, source)
            if ("statements" in kinds or self.lex.mentions("statement", blocks[0].text)) \
                    and self.item_numbers(blocks[0].text):
                self.statements(blocks[0].text, source)
            elif "attendance" in kinds or (self.lex.mentions("attend", lead) and self.lex.role_in(lead) and (
                    self.lex.split_at_colon(blocks[0].text) or (
                        self.seg.positions != "line" and self.last_attendance == self._place_of(n - 1, blocks)))):
                # a list after a colon, or a numbered paragraph that continues the one before it in prose ("The
                # session was also attended by observers from the Holy See"); in a text without numbered
                # paragraphs the line before is only the sentence before
                self.attendance(blocks[0].text, source)
                self.last_attendance = self._place_of(n, blocks)
            self.decisions(text, source)
            # The adoption of the report is read in its own section where the report
            # has one ("Adoption of the report" is also an agenda item title).
            if "adoption" in kinds or not self.has_adoption_section:
                self.adoption(" ".join(b.text for b in blocks if b.kind != "item"), source)
            self.references(blocks, source)
        self.references([b for b in self.seg.blocks if b.kind == "annex"], Source(None))
        for note in self.seg.footnotes:
            self.references([note], Source(note.para, page=note.page if self.seg.paged else None))
            self.decisions(note.text, Source(note.para, page=note.page if self.seg.paged else None))
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
        """The masthead's title, without the part and contents headings run into it, and in the body's
        case when printed in capitals ("REPORT OF the MEETING OF THE PARTIES ON ITS Fifth session")."""
        title = masthead_title(self.seg.front, self.lex)
        marker = self.lex.rx("report_title")
        if self.resolution and title and not (marker and marker.search(title)):
            return None  # its first front cell is the Organization's name ("United Nations"), not a title
        end = self.lex.rx("masthead.title_end", ignore_case=False)
        m = end.search(title) if title and end else None
        if m and m.start() > 0:
            title = title[:m.start()].strip()
        return self.recased(title) if title else title

    def recased(self, title: str) -> str:
        """Each word of a title printed in capitals as the body writes it most often (acronyms stay
        capitals); a title with fewer than two such words is left alone."""
        if sum(1 for w in re.findall(r"\w+", title) if len(w) > 1 and w.isupper()) < 2:
            return title  # most titles: no need to read the body
        in_title = {w.lower() for w in re.findall(r"\w+", title)}
        forms: Counter[str] = Counter()
        for n in self.groups:
            forms.update(w for w in re.findall(r"\w+", self.para_text(n)) if w.lower() in in_title)
        by_lower: dict[str, str] = {}
        for form, _ in forms.most_common():
            by_lower.setdefault(form.lower(), form)
        words = re.findall(r"\w+", title)
        shouting = [w for w in words if len(w) > 1 and w.isupper() and not by_lower.get(w.lower(), w).isupper()]
        if len(shouting) < 2:
            return title
        out = re.sub(r"\w+", lambda w: by_lower.get(w.group(0).lower(), w.group(0)), title)
        return out[:1].upper() + out[1:]

    @property
    def resolution(self) -> bool:
        """The text is a resolution of a numbered session (A/RES/78/272), not the report of a meeting."""
        return self.r.symbol.special == "RES" and self.r.symbol.session is not None

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
        if self.resolution:
            # A resolution is numbered by the session of the organ that adopted it (A/RES/78/272: the
            # seventy-eighth); the meetings its text names are others, which it convenes or recalls.
            r.meeting_number, r.meeting_kind, candidates = r.symbol.session, "session", []
        for n, text in candidates:
            for m in self._meeting_mentions(text, anchor):
                value = self.lex.number(m.group("ordinal").split()[-1], "ordinals")
                words = m.group("ordinal").split()
                if len(words) > 1:
                    both = self.lex.number(" ".join(words), "ordinals")
                    value = both if both and value and both > value else value
                if value:
                    numbers[value] += 1
                    if first is None:  # the mention that numbers the meeting also says what it is
                        first = value
                        r.meeting_kind = next((k for stem, k in nouns.items()
                                               if m.group("noun").startswith(stem)), "meeting")
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
        # The paragraph saying the meeting was held ("held", "s'est tenue", "состоялось", "举行")
        # gives its dates, and the number of sittings where it states one ("three sittings",
        # "quatre séances", "из четырех заседаний", "三次会议").
        for n in order:
            text = self.para_text(n)
            held = self.lex.vocab_rx("held").search(text)
            if not held:
                continue
            ranges = self.lex.dates(text[max(0, held.start() - 80):])
            if not ranges:
                continue
            r.start_date, r.end_date = ranges[0]
            r.sitting_count = self.sitting_count_in(text)
            place = self.lex.rx("meeting.place")
            m = place.search(text) if place else None
            if m:
                r.place = self.lex.place(m.group("place"))
            r.meeting_source = self.source(n)
            break
        else:
            # No paragraph says when the meeting was held: a subtitle of the masthead may ("Held at the Palais
            # des Nations, Geneva, from 28 February to 4 March 2031").
            for cell in self.seg.front:
                held = self.lex.vocab_rx("held").search(cell)
                ranges = self.lex.dates(cell[held.start():]) if held else None
                if ranges:
                    r.start_date, r.end_date = ranges[0]
                    break
        if r.sitting_count is None:  # "The Board held six plenary meetings" apart from the dates, where the
            # session's organization is told
            r.sitting_count = next((
                count for n in order if self.kinds(self.groups[n][0]) & {"duration", "opening", "organization"}
                and self.lex.vocab_rx("held").search(self.para_text(n))
                for count in [self.sitting_count_in(self.para_text(n))] if count), None)

    def sitting_count_in(self, text: str) -> int | None:
        """The number of sittings a text states, in digits or words ("three sittings", "quatre séances",
        "из четырех заседаний", "三次会议"); "1st sitting" is a sitting, not a count."""
        for m in self.lex.rx("sitting_count").finditer(text):
            count = m.group("count")
            value = int(count) if count.isdigit() else (
                None if count[:1].isdigit() else self.lex.number(count, "cardinals"))
            if value:
                return value
        return None

    def _meeting_mentions(self, text: str, anchor):
        """Matches of the meeting-number pattern, tried only around the nouns
        ("совещание", "session"): the pattern is costly at every position."""
        pattern = self.lex.rx("meeting.number")
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

    def names_own_body(self, scope: re.Match) -> bool:
        """Whether the part of a meeting a role is scoped to (group `part` of `officers.scoped_to`) is the
        body whose report this is: every word of it stands in the report's title (by its first letters,
        so that case endings and attached articles do not matter; as a substring where words are not spaced)."""
        part = (scope.groupdict().get("part") or scope.group(0)).lower()
        title = (self.r.title or "").lower()
        if not title:
            return False
        if self.lex.unsegmented:
            return part in title
        return all(any(word[:5] in t for t in re.findall(r"\w+", title)) for word in re.findall(r"\w+", part))

    def sittings(self, text: str, source: Source, words: bool = True) -> None:
        for number, when, m in self.sittings_in(text):
            if not words and not m.group("n")[:1].isdigit():
                continue
            self.last_sitting_named[source.paragraph] = number
            if m.groupdict().get("resumed"):
                # A resumed sitting sits on a later day than the sitting it resumes: its day is its own.
                if when is not None:
                    self.resumed_sitting_dates.setdefault(number, when)
                when = None
            existing = next((s for s in self.r.sittings if s.number == number), None)
            if existing is None:
                self.r.sittings.append(Sitting(number, when, source))
            elif existing.date is None and when is not None:
                existing.date, existing.source = when, source

    def officers(self, text: str, source: Source) -> None:
        """A person followed by a State in parentheses, with the role word nearest to it: the last one
        before ("Co-Chairs, A (Mexico) and B (Poland)"), else the first one after it in the same
        sentence ("A (Mexique) et B (Pologne) ont assuré la coprésidence")."""
        roles = self.lex.get("officers.roles", {})
        role_spans: list[tuple[int, int, str]] = []
        # Roles are tried in the lexicon's order; a role whose name sits inside an
        # earlier one ("Vice-Chair" in "Alternate to Vice-Chair") is not counted.
        # A role of a part of the meeting ("the Chair of the high-level segment", "高级别部分主席") is nobody's
        # role here, but still the role nearest to the person it names: the words that scope it follow the
        # role (`officers.scoped_to`) or, in languages that put them first, precede it (`officers.scoped_by`).
        # A group that names the body whose report this is ("Chair of the Working Group" in the report of
        # a working group) scopes nothing: that is the meeting's own Chair.
        scoped_to, scoped_by = self.lex.rx("officers.scoped_to"), self.lex.rx("officers.scoped_by")
        for role, pattern in roles.items():
            for m in re.finditer(pattern, text):
                if not any(s <= m.start() < e for s, e, _ in role_spans):
                    scope = (scoped_to.search(text[m.end():m.end() + 80]) if scoped_to else None) or (
                        scoped_by.search(text[max(0, m.start() - 80):m.start()]) if scoped_by else None)
                    part_of = scope is not None and not self.names_own_body(scope)
                    # the span runs to the end of the word ("Председател|я:"), where a label's colon stands
                    role_spans.append((m.start(), _word_end(text, m.end()), "" if part_of else role))
        role_spans.sort()
        role_spans = self._joint_roles(text, role_spans)
        ignored = set(self.lex.get("officers.ignore", []))
        people = list(self.lex.rx("officers.person_state", ignore_case=False).finditer(text))
        # The role right after each person, before the next one ("X (Tajikistan) as Vice-Chair"), unless it
        # labels what follows ("Rapporteur: Y"); persons joined before one role share it ("A (Mexique) et
        # B (Pologne) ont assuré la coprésidence").
        colons = tuple(self.lex.get("list.colons", [":"]))  # "Rapporteur:", "报告员："
        own_after: list[tuple[int, str] | None] = []
        for k, m in enumerate(people):
            end = people[k + 1].start() if k + 1 < len(people) else len(text)
            own_after.append(next(((s, role) for s, e, role in role_spans
                                   if m.end() <= s < end and not text[e:e + 2].strip().startswith(colons)), None))
        for k, m in enumerate(people):
            state = self.names.resolve(m.group("state"))
            if state.kind not in ("state", "reio"):
                continue
            # at equal distance the role after wins: in a list "A (Italy), Chair; B (Czechia), Vice-Chair" the
            # role before B is A's
            before = [(m.start() - e, 1, role) for s, e, role in role_spans if e <= m.start()]
            sentence_end = _SENTENCE_END.search(text, m.end())
            limit = sentence_end.start() if sentence_end else len(text)
            shared = next((own_after[j] for j in range(k, len(people)) if own_after[j]), None)
            after = [(shared[0] - m.end(), 0, shared[1])] if shared and shared[0] < limit else []
            nearest = [c for c in (before[-1] if before else None, after[0] if after else None) if c]
            role = min(nearest)[2] if nearest else None
            for one in (role or "").split("+"):  # "Vice-Chair-cum-Rapporteur": both posts
                if one and one not in ignored:
                    self.r.officers.append(Officer(self.person_name(m.group("name")), one, state, source))
        # "X was appointed Rapporteur", "Докладчиком был назначен X": a formula for each word order; the role
        # is the first of the lexicon's roles that the words start with ("Докладчиком", "Vice-Chair").
        appointed = [m for rx in self.lex.rx_all("officers.appointed", ignore_case=False) for m in rx.finditer(text)]
        for m in sorted(appointed, key=lambda m: m.start()):
            role = next((r for r, pattern in roles.items() if re.match(pattern, m.group("role"))), None)
            if role is None or role in ignored:
                continue
            name = self.person_name(m.group("name"))
            known = next((o.state for o in self.r.officers if o.name == name), None)
            self.r.officers.append(Officer(name, role, known, source))

    def _joint_roles(self, text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Two role words joined into one post ("Vice-Chair-cum-Rapporteur", "Vice-Président et Rapporteur")
        as one span holding both roles ("vice-chair+rapporteur")."""
        joiner = self.lex.rx("officers.role_joiner")
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

    def person_name(self, raw: str) -> str:
        name = raw.strip()
        for title in self.lex.get("officers.honorifics", []):
            if name.startswith(title + " "):
                name = name[len(title) + 1:]
        return name.strip()

    def agenda(self, blocks: list[Block], source: Source) -> None:
        """Numbered items after a lead-in that adopts an agenda, whatever its verb and word order."""
        lead = blocks[0].text
        method = "consensus" if self.lex.mentions("consensus", lead) else None
        sitting = next(self.sittings_in(lead), None)
        number = sitting[0] if sitting else self.same_sitting(lead, source)
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

    def same_sitting(self, text: str, source: Source) -> int | None:
        """"At the same meeting", "À la même séance": the last sitting named in the paragraphs before."""
        same = self.lex.rx("sitting_same")
        if same is None or source.paragraph is None or not same.search(text):
            return None
        return next((self.last_sitting_named[n] for n in range(source.paragraph - 1, 0, -1)
                     if n in self.last_sitting_named), None)

    def _sitting_date(self, number: int | None, resumed: bool = False):
        if resumed:
            return self.resumed_sitting_dates.get(number)
        for s in self.r.sittings:
            if s.number == number:
                return s.date
        return None

    def recommendations(self, blocks: list[Block], source: Source) -> None:
        if self.lex.mentions("endorse", blocks[0].text):
            self.r.endorsement_by_parent = True
        items = [b for b in blocks[1:] if b.kind == "item"]
        letters = iter(self.letters([b.label for b in items]))
        topic = None
        for block in blocks[1:]:
            if block.kind == "text":
                topic = block.text.strip()
            elif block.kind == "item":
                letter = next(letters)
                addressee = self.lex.earliest("addressees", block.text) or "other"
                self.r.recommendations.append(
                    Recommendation(letter, block.text.strip(), addressee, topic, replace(source, sub=letter)))

    def item_numbers(self, text: str) -> list[str]:
        """Agenda items a sentence names ("under agenda items 2 and 3 (b)", "议程项目2和3") as "2", "3.b"."""
        m = self.lex.rx("item_numbers").search(text) if self.lex.rx("item_numbers") else None
        if not m:
            return []
        keys = []
        for item in re.findall(r"\d+(?:\s*[(（]?[a-z][)）])?", m.group("items")):
            num = re.match(r"\d+", item).group(0)
            sub = re.search(r"([a-z])[)）]", item)
            keys.append(f"{num}.{sub.group(1)}" if sub else num)
        return keys

    def statements(self, text: str, source: Source) -> None:
        keys = self.item_numbers(text)
        introductory = self.lex.mentions("introductory", text)
        speakers = [e for e in self.entities_in(text, source) if e.kind != "unresolved"]
        if not speakers:
            self.r.warn(f"{self.where(source)}: statements without a recognised speaker", source)
        for entity in speakers:
            for key in keys:
                self.r.statements.append(Statement(entity, key, source, introductory))

    def attendance(self, text: str, source: Source) -> None:
        """Lists of participants, a sentence at a time; the capacity from the role words of the
        sentence's lead-in, else of the paragraph's first sentence or its heading."""
        block = self.groups[source.paragraph][0]
        sentences = self.sentences(text) if not self.lex.split_at_colon(text) else self._list_sentences(text)
        default = self.lex.role_in(self.lead_in(sentences[0])) or self.lex.role_in(block.subsection or "")
        for sentence in sentences:
            role = self.lex.role_in(self.lead_in(sentence)) or default
            # "The Commission and the Council of the European Union were also represented": no role word
            # of its own, the capacity of the list it adds to.
            if role is None and self.lex.mentions("also", sentence):
                role = self.last_attendance_role
            self.last_attendance_role = role or self.last_attendance_role
            # Without a role word ("Representatives of FAO, UNDP … were present") organizations still
            # attend in the capacity their kind gives them; States do not, their capacity being unknown.
            if role is not None or self.lex.mentions("attend", sentence):
                self._participants(sentence, role, source)
        # A list in lettered items under its lead-in, each item headed by its capacity ("(a) Intergovernmental
        # organizations: …"); items without one are not lists of participants.
        for item in self.groups[source.paragraph][1:]:
            role = self.lex.role_in(self.lead_in(item.text)) if item.kind == "item" else None
            if role and self.lex.split_at_colon(item.text):
                self._participants(item.text, role, source)

    def _list_sentences(self, text: str) -> list[str]:
        """The sentence holding a list after a colon (whose names may hold full stops only at its end),
        then the sentences after it."""
        head, tail = self.lex.split_at_colon(text)
        end = _SENTENCE_END.search(tail.rstrip().rstrip(".。"))
        if not end:
            return [text]
        return [head + ":" + tail[:end.end()]] + self.sentences(tail[end.end():])

    def _participants(self, text: str, role: str | None, source: Source) -> None:
        lead = self.lead_in(text)
        entities = self.entities_in(text, source)
        count_rx = self.lex.rx("attendance_count")
        stated = count_rx.search(lead) if count_rx else None
        if stated:
            expected = self.lex.number(stated.group("count"), "cardinals")
            if expected is not None and expected != len(entities):
                self.r.warn(f"{self.where(source)}: the text states {expected} but lists {len(entities)}",
                            source)
        for entity in entities:
            if entity.kind == "body" or (role is None and entity.kind not in _ORGANIZATIONS):
                continue
            if role == "focal-point":
                self.r.focal_points.append(FocalPoint(entity, source))
            elif entity.kind in _ORGANIZATIONS:
                self.r.participations.append(Participation(entity, entity.kind, source))
            elif entity.kind == "unresolved" and role in _ORGANIZATIONS:  # a name not in the tables
                self.r.participations.append(Participation(entity, role, source))
            else:  # a State in a list of organizations attends as an observer
                state_role = role if role in ("party", "member", "signatory", "observer") else "observer"
                self.r.participations.append(Participation(entity, state_role, source))

    def documents(self, blocks: list[Block], source: Source) -> None:
        """Documents before the meeting listed as items, one symbol (or joint symbols) each."""
        for block in blocks[1:]:
            if block.kind == "item":
                self._document(block.text, source)

    def documents_in_text(self, text: str, source: Source) -> None:
        """Documents named in running text after a "had before it"-like lead-in: each title runs to
        the symbol in parentheses after it ("the annotated provisional agenda (X/1) and a note … (X/2)")."""
        for lead in self.lex.vocab_rx("before_it").finditer(text):
            sentence = self.sentence_around(text, lead.start(), lead.end())  # not the records cited after it
            start = begin = sentence.index(text[lead.start():lead.end()]) + lead.end() - lead.start()
            for m in _PARENTHESIS.finditer(sentence, start):
                if symbols.find_symbols(m.group(1)):
                    self._document(sentence[start:m.end()], source)
                    start = m.end()
            if start == begin:  # symbols without titles: "It had before it documents X/1 and X/2."
                for parts in symbols.find_symbols(sentence[begin:]):
                    if not any(d.symbols == parts for d in self.r.documents):
                        self.r.documents.append(DocumentBefore(parts, None, source))

    def _document(self, text: str, source: Source) -> None:
        found = symbols.find_symbols(text)
        if not found:
            return
        m = self.lex.rx("documents.title").search(text) if self.lex.rx("documents.title") else None
        if m:
            title = m.group("title")
        else:
            words = re.split(r"[(（]", text)[0].strip(" " + _END_PUNCT)
            skip = self.names.skip_words
            while words.split(" ", 1)[0].lower() in skip and " " in words:  # "and a note …", "the …"
                words = words.split(" ", 1)[1]
            title = words
        for parts in found:
            self.r.documents.append(DocumentBefore(parts, title, source))

    def decisions(self, text: str, source: Source) -> None:
        citations.read(self, text, source)  # kind word + references in UN numbering, issuing organ

    def adoption(self, text: str, source: Source) -> None:
        """The report adopted: an adoption verb and the word "report" in one clause, whatever their
        order ("adopted the present report", "Le présent rapport a été adopté"), with the chapters
        it names in any script ("chapters I, II and IV", "第一、二和四章", "الفصول الأول والثاني")."""
        chapters_rx = self.lex.rx("adoption.chapters")
        for sentence in self.sentences(text):
            if not self.near("adopt", "report", chapters_rx.sub(" ", sentence) if chapters_rx else sentence) \
                    and not self._adopts_around_when(sentence):
                continue
            chapters_m = chapters_rx.search(sentence) if chapters_rx else None
            chapters = []
            if chapters_m:
                split = self.lex.get("adoption.chapter_split")
                chapters = [self.chapter(c) for c in re.split(split, chapters_m.group("chapters")) if c.strip()]
            sitting = next(self.sittings_in(text), None)
            number, when = (sitting[0], sitting[1]) if sitting else (self.same_sitting(sentence, source), None)
            resumed = bool(sitting and sitting[2].groupdict().get("resumed"))
            if when is None:
                found = self.lex.dates(sentence) or self.lex.dates(text)
                when = found[0][0] if found else self._sitting_date(number, resumed)
            self.r.acts.append(Act("adoption-of-report", number, when, None, chapters, source))
            return

    def _adopts_around_when(self, sentence: str) -> bool:
        """The verb and "report" set apart by when it happened ("اعتمدت اللجنة، في جلستها الثانية عشرة المعقودة
        في 21 آذار/مارس 2031، مشروع التقرير"): close once the sitting and its date are left out. Tried only for a
        sentence holding both words."""
        if not (self.lex.mentions("adopt", sentence) and self.lex.mentions("report", sentence)):
            return False
        bare = self.lex.rx("sitting").sub(" ", sentence)
        for pattern in self.lex.date_patterns:
            bare = pattern.sub(" ", bare)
        return self.near("adopt", "report", re.sub(r"[\s,،、，]+", " ", bare))

    def chapter(self, label: str) -> str:
        """A chapter number as a roman numeral, whatever the script ("四", "IV", "الرابع")."""
        label = label.strip()
        value = numeral_value(label)
        if value is None:
            value = self.lex.number(label, "ordinals")
        return to_roman(value) if value else label

    def references(self, blocks: list[Block], source: Source) -> None:
        for block in blocks:
            for parts in symbols.find_symbols(block.text):
                for sym in parts:
                    self.add_reference(sym, source)

    def add_reference(self, sym: str, source: Source) -> None:
        if sym == self.r.symbol.text or any(ref.symbol == sym for ref in self.r.references):
            return
        self.r.references.append(Reference(sym, source))


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")  # scripts without spaces


def _word_end(text: str, at: int) -> int:
    """Where the word that a match ends inside of ends: its inflected ending ("Председател|я", "الرئيس|ة");
    a capital (共同主席María) or a script written without spaces ends it at once."""
    while at < len(text) and text[at].isalpha() and not text[at].isupper() and not _UNSPACED.match(text[at]):
        at += 1
    return at


def to_roman(value: int) -> str:
    out = ""
    for number, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                            (4, "IV"), (1, "I")):
        while value >= number:
            out += letters
            value -= number
    return out
