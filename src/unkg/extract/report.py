"""Stage `extract`: a report's file or text to its facts.

The entry points read the file (`unkg.read`), segment it, find the report's own symbol and masthead, then run the
fact readers in order over one reading context. The order is the genre knowledge that is not data: the meeting and
its sittings first (acts are dated by their sittings), then the facts of each paragraph, then the readers of whole
genres (a committee's drafts, a subsidiary body's outcomes) that build on them.
"""
from __future__ import annotations

from pathlib import Path

from unkg.errors import InputError
from unkg.extract import (adoption, agenda, attendance, citations, documents, drafts, meeting, officers, outcomes,
                          quality, recommendations, references, sessions, sittings, statements)
from unkg.extract.context import Context
from unkg.lang import symbols
from unkg.lang.lexicon import Lexicon, available_languages, detect_language, load
from unkg.lang.names import known_words, resolver
from unkg.model import Report
from unkg.read.akn import is_akn, parse_akn
from unkg.read.blocks import Segmented
from unkg.read.document import read_document
from unkg.read.masthead import read_masthead, symbol_from_filename
from unkg.read.segment import segment

# The fact readers, in the order they run. Each takes the reading context and adds to its report.
READERS = (
    meeting.read,  # job number, title, paragraphs, the meeting's number, dates, place and sittings held
    sessions.read,  # the session the title names, its part, or the sessions a report covers (sittings take its dates)
    sittings.read,  # every sitting named, before the acts dated by their sitting
    officers.read,
    agenda.read,
    recommendations.read,
    documents.read,
    attendance.read,
    citations.read,
    adoption.read,
    references.read,
    drafts.read,  # a committee's drafts, sponsors and votes (General Assembly Main Committees)
    statements.read,  # after the agenda is complete: a committee report's one item comes from its masthead
    officers.read_named,  # a Chair named in a sentence, a Bureau elected as a list
    citations.read_notation,  # decisions in UNFCCC notation (1/CP.19)
    outcomes.read,  # outcomes per agenda item, by designation, or section by section
    quality.read,  # last: what the facts found hold and lack, for the report's genre
)


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
    ctx = Context(report, seg, lex, resolver(lex.lang))
    for reader in READERS:
        reader(ctx)
    if report.meeting_number is None:
        report.warn("no meeting or session number found")
    if report.start_date is None:
        report.warn("no meeting dates found")
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
                  stopwords=lex.get("stopwords", ()), words=known_words(lex.lang))
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
