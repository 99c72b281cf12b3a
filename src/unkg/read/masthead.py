"""Stage `read`: the masthead of a report: its own symbol, issue date, distribution, original
language, body, session, agenda item and title, read from the front matter in
any layout (one item a line, Word table cells, -layout columns), and the symbol
from the file name when the text does not print it.

The front matter arrives as `segment`'s front cells; the words ("Distr.",
"Original:", "Agenda item") come from the lexicon's "masthead" table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from unkg.lang import symbols
from unkg.lang.lexicon import Lexicon, available_languages, load
from unkg.read.blocks import Segmented

_MASTHEAD_CELLS = 14  # the symbol stands in the first cells of the first page
_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".md", ".akn")


@dataclass
class Masthead:
    symbol: str | None = None  # a candidate that `extract.own_symbol` weighs against the other sources
    date: date | None = None
    distribution: str | None = None  # General, Limited, Restricted (as printed)
    original_language: str | None = None  # as printed ("English")
    body: str | None = None  # "General Assembly", "Subsidiary Body for Implementation"
    session: str | None = None  # "Seventy-seventh session"
    agenda_item: str | None = None  # "56", "3 (a)"


def masthead_symbol(front: list[str]) -> str | None:
    """The report's own symbol among the first front cells: a cell that is a symbol (spurious
    spaces from PDF kerning removed), else a symbol at the start or end of a cell."""
    cells = front[:_MASTHEAD_CELLS]
    for cell in cells:
        text = cell.strip().rstrip("*")  # "A/78/L.102*": the star marks a reissue, not the symbol
        if symbols.is_symbol(text):
            return text
        squeezed = re.sub(r"\s*([/.])\s*", r"\1", text)
        if " " not in squeezed and symbols.is_symbol(squeezed):
            return squeezed
    for cell in cells:
        found = symbols.find_symbols(cell)
        for parts in found[:1] + found[-1:]:
            sym = parts[0]
            if cell.strip().startswith(sym) or cell.strip().rstrip(".*").endswith(sym.rstrip("*")):
                return sym.rstrip("*")
    return None


def symbol_from_filename(path: str | Path) -> str | None:
    """ECE_MP.WAT_29.en.txt -> ECE/MP.WAT/29; A-77-441-EN.pdf -> A/77/441; the names `unkg fetch`
    writes ("/" as "_", then the language)."""
    name = Path(path).name
    lang_suffix = re.compile(rf"[._-](?:{'|'.join(available_languages())})$", re.IGNORECASE)
    stripped = True
    while stripped:  # "x.en.akn.html.md": every known suffix, the language among them
        stripped = False
        for suffix in _SUFFIXES:
            if name.lower().endswith(suffix):
                name, stripped = name[: -len(suffix)], True
        if lang_suffix.search(name):
            name, stripped = lang_suffix.sub("", name), True
    candidates = [name.replace("_", "/")]
    if "_" not in name:
        candidates.append(name.replace("-", "/"))
    for candidate in candidates:
        if "/" in candidate and symbols.is_symbol(candidate):
            return candidate
    return None


def read_masthead(seg: Segmented, lex: Lexicon) -> Masthead:
    """The masthead from the front matter; its symbol is a candidate that `extract` weighs against
    the running header and the file name."""
    front = seg.front
    symbol = masthead_symbol(front) or seg.masthead_symbol
    m = Masthead(symbol=symbols.own_part(symbol) if symbol else None)  # a joint symbol: the body's own part
    cells = [c.strip() for c in front if c.strip()]
    # Russian, Chinese and Arabic mastheads print the issue date in English ("6 December 2022")
    date_language = lex.get("masthead.date_language")
    for cell in cells[:30]:
        m.distribution = m.distribution or _value(lex, "masthead.distribution", cell)
        m.original_language = m.original_language or _value(lex, "masthead.original", cell)
        m.agenda_item = m.agenda_item or _value(lex, "masthead.agenda_item", cell)
        m.session = m.session or _value(lex, "masthead.session", cell)
        if m.date is None:
            m.date = _issue_date(cell, lex) or (_issue_date(cell, load(date_language))
                                                 if date_language and date_language != lex.lang else None)
    m.body = _body(cells[:_MASTHEAD_CELLS], lex)
    return m


def masthead_title(front: list[str], lex: Lexicon) -> str | None:
    """The report's title: the front cell the lexicon's report_title marks ("Report of …"), else the first."""
    marker = lex.rx("report_title")
    titles = [c.strip() for c in front if c.strip() and not symbols.is_symbol(c.strip())]
    at = next((k for k, c in enumerate(titles) if marker and marker.search(c)), None)
    if at is None:
        return titles[0] if titles else None
    return _title_run_on(titles, at, lex)


def _title_run_on(cells: list[str], at: int, lex: Lexicon) -> str:
    """The title cell and the lines it runs on to: a title broken over lines ("… on the first part of its
    forty-eighth session, held in Bonn from" / "30 April to 10 May 2018") continues while it ends with a word
    that cannot end it (`masthead.title_runs_on`: "and", "from", "de"). A line in lower case is not enough: a
    rendering's metadata line ("meeting report IPBES-1-12 of 2013") may follow a complete title."""
    runs_on = lex.rx("masthead.title_runs_on")
    title = cells[at]
    for cell in cells[at + 1:]:
        if not (runs_on and runs_on.search(title)):
            break
        title = f"{title} {cell}"
    return title


def _body(cells: list[str], lex: Lexicon) -> str | None:
    """The body's name: a cell of its own, or run into the distribution or the symbol (pdftotext -raw,
    the UN Parallel Corpus: "General Assembly Distr.: General", "Economic and Social Council Distr.")."""
    bodies, distribution = lex.rx("masthead.body"), lex.rx("masthead.distribution")
    for cell in cells if bodies else ():
        found = bodies.match(cell)
        if not found:
            continue
        rest = cell[found.end():].strip()
        if not rest or re.fullmatch(r"Distr\.?", rest) or (distribution and distribution.match(rest)) \
                or symbols.is_symbol(rest):
            return found.group(0).strip()
    return None


def _value(lex: Lexicon, key: str, cell: str) -> str | None:
    rx = lex.rx(key)
    found = rx.search(cell) if rx else None
    return re.sub(r"\s+", " ", found.group("value")).strip() if found else None


def _issue_date(cell: str, lex: Lexicon) -> date | None:
    """A single day standing with the distribution ("Distr.: General 18 July 2014  Original: English")
    or alone: never a range (the meeting's dates "10 - 12 November 2009")."""
    rest = cell
    for key in ("masthead.distribution", "masthead.original"):
        rx = lex.rx(key)
        if rx:
            rest = rx.sub(" ", rest)
    rest = rest.strip(" ,;")
    front_date = lex.rx("front_date")
    found = lex.dates(rest)
    if len(found) != 1 or found[0][0] != found[0][1]:
        return None
    m = front_date.search(rest) if front_date else None
    if m is None or lex.dates(m.group("date")) != found:
        return None
    if len(re.sub(re.escape(m.group("date")), "", rest).split()) > 2:
        return None  # a date inside a sentence or a place line, not the issue date
    return found[0][0]
