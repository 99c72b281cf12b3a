"""Stage `lang`: UN document symbols — find them in text, parse them by the UN rules.

A symbol is a series of components separated by "/": the parent organ and
subsidiary bodies (CTOC/COP/WG.3), a year or session (2024, 78), a special
component telling the nature of the document (L. limited, CRP. conference room
paper, INF/ information, WP. working paper, R. restricted, PV./SR. records,
RES/ resolutions), the document number, and modifiers (Add., Corr., Rev.,
Amend.).  Reference: ST/LIB/SER.B/5/Rev.5, "United Nations Document Series
Symbols".
"""
from __future__ import annotations

import re
from urllib.parse import quote

from unkg.model import Symbol

# Special components: "L.1" (dotted, number attached) or "INF/16" (slash, number next).
SPECIAL_DOTTED = {"L", "CRP", "WP", "R", "PV", "SR", "AC", "NGO", "PET"}
SPECIAL_SLASHED = {"INF", "RES", "PRST", "DEC", "NGO", "PET"}
MODIFIERS = {"Add", "Corr", "Rev", "Amend", "Summary"}
# Subsidiary-body components: WG.3, C.1, AC.254, CN.15, CONF.1, GC.1, SC.2, Sub.2.
_BODY_COMPONENT = re.compile(r"^(?:WG|C|AC|CN|CONF|GC|SC|Sub|PC|EG|SBI|SBSTA|COP|CMP|MOP)(?:\.\d+)?$")
_SERIES_COMPONENT = re.compile(r"^[A-Z][A-Za-z]*(?:\.\d+)?$")

# A candidate symbol in running text: starts with a capital, at least one "/".
# A component may hold a hyphen before digits: the emergency special session of A/ES-10/273.
_COMPONENT = r"/[A-Za-z0-9][A-Za-z0-9.()*]*(?:-[0-9][A-Za-z0-9.()*]*)*"
# The lookbehind (no letter, digit, slash or dot before) follows the first capital so that the regex engine
# scans for a capital before trying anything (a lookbehind first is tried at every position: 3x slower).
_CANDIDATE = re.compile(
    rf"([A-Z](?<![A-Za-z0-9_/.][A-Z])[A-Z]*(?:\.[0-9]+)?(?:{_COMPONENT})+"
    rf"(?:-[A-Z][A-Z0-9]*(?:{_COMPONENT})+)*)"
)
_JOINT_SPLIT = re.compile(r"-(?=[A-Z][A-Z0-9]*/)")
UN_SYMBOL_PATTERN = r"^[A-Z]+(\.[0-9]+)?(/[A-Za-z0-9][A-Za-z0-9.()*-]*)+$"
_VALID = re.compile(UN_SYMBOL_PATTERN)


# PDF kerning puts spaces inside symbols: "A/77/ 450", "A /C.2/77/L.14", "A/C.2/77/L. 14".
_SPACED_SYMBOL = re.compile(
    r"([A-Z](?<![A-Za-z0-9_/.][A-Z])[A-Z]{0,5}(?:\.\d+)?(?:\s?/\s?[A-Za-z0-9][A-Za-z0-9.()-]*)+)"
)


_SPACED_NUMBER = re.compile(r"(?<=/)((?:L|CRP|WP|R|PV|SR|Add|Corr|Rev)\.)\s(?=\d)")


def despace_symbols(text: str) -> str:
    """Remove spurious spaces inside symbols; a space is removed only where the result is a
    symbol and both sides are parts of it (a slash on one side, a symbol component on the other)."""
    if "/" not in text or (" /" not in text and "/ " not in text and ". " not in text):
        return text  # every symbol has a slash

    def fix(m: re.Match) -> str:
        raw = m.group(1)
        joined = re.sub(r"\s", "", raw)
        return joined if is_symbol(joined.rstrip(".")) else raw

    text = _SPACED_SYMBOL.sub(fix, text)
    # "L. 14": a special component split from its number
    return _SPACED_NUMBER.sub(r"\1", text)


def is_symbol(text: str) -> bool:
    return bool(_VALID.match(text)) and _has_document_part(text)


def own_part(text: str) -> str:
    """The part of a joint symbol that is the reporting body's own: the one of the deepest series
    ("E/2031/26-E/CN.5/2031/9": the Commission's E/CN.5/2031/9, not the Council's E/2031/26); a symbol
    that is not joint is returned as it is."""
    parts = [p for p in _JOINT_SPLIT.split(text) if is_symbol(p)]
    if len(parts) < 2:
        return text
    return max(reversed(parts), key=lambda p: len(parse(p).series.split("/")))


def _has_document_part(text: str) -> bool:
    """A real symbol has a number somewhere (year, session or document number)."""
    return any(ch.isdigit() for ch in text)


# A slash dropped between a body and the year ("FCCC/SBI2014/4" for FCCC/SBI/2014/4): no series component
# ends in a year.
_GLUED_YEAR = re.compile(r"/([A-Z]{2,})((?:19|20)\d{2})/")


def find_symbols(text: str) -> list[list[str]]:
    """Symbols in text, in order; a joint symbol (A-B) comes as one list of its parts."""
    found = []
    text = despace_symbols(text)  # "A/CONF.232/ 2023/5" from PDF kerning, in any text
    for match in _CANDIDATE.finditer(text):
        raw = match.group(1)
        # Trailing dots end sentences; a closing parenthesis belongs to the
        # symbol only when balanced, as in S/RES/2235(2015).
        while raw and (raw[-1] == "." or (raw[-1] == ")" and raw.count("(") < raw.count(")"))):
            raw = raw[:-1]
        end = match.start(1) + len(raw)
        parts = [_GLUED_YEAR.sub(r"/\1/\2/", p.rstrip(".")) for p in _JOINT_SPLIT.split(raw)]
        parts = [p for p in parts if is_symbol(p)]
        if parts:
            found.append(parts)
            if len(parts) == 1:
                found.extend([s] for s in _named_after(parts[0], text, end))
    return found


# "X and Add.1", "X et Corr.1", "X y Add.1 y 2", "X和Add.1": a modifier written alone after a symbol is that
# symbol's ("and Add.1 and 2" its first and second addenda). The connector between them is any short word
# or punctuation, so the form reads the same in every language.
_CONNECTOR = r"(?:\s*(?:[,，、;]\s*)?(?:\w{1,3}(?=\s|(?:%s)\.|\d)\s*)?)"
_MODIFIER_ALONE = re.compile(
    rf"{_CONNECTOR}(?<![A-Za-z0-9/.])(?P<kind>{'|'.join(sorted(MODIFIERS))})\.(?P<n>\d+)(?![\w/])"
    % "|".join(sorted(MODIFIERS)))
_MORE_NUMBERS = re.compile(rf"{_CONNECTOR}(?P<n>\d{{1,2}})(?![\w/]|\.\d)" % "|".join(sorted(MODIFIERS)))


def _named_after(base: str, text: str, end: int) -> list[str]:
    """The modifiers written alone right after the symbol `base` ending at `end`, as full symbols."""
    out = []
    while (m := _MODIFIER_ALONE.match(text, end)) is not None:
        kind, numbers, end = m.group("kind"), [m.group("n")], m.end()
        while (more := _MORE_NUMBERS.match(text, end)) is not None:
            numbers.append(more.group("n"))
            end = more.end()
        # "X/Add.1 and Add.2": the second addendum of X, not an addendum of X/Add.1
        stem = base.rsplit("/", 1)[0] if base.rsplit("/", 1)[-1].split(".")[0] == kind else base
        out.extend(f"{stem}/{kind}.{n}" for n in numbers)
    return out


def parse(text: str) -> Symbol:
    """Parse a symbol into its parts.  Raises ValueError if it is not one."""
    if not is_symbol(text):
        raise ValueError(f"not a UN document symbol: {text!r}")
    comps = text.split("/")
    series: list[str] = []
    year = session = None
    special = number = None
    modifiers: list[tuple[str, str]] = []
    i = 0
    while i < len(comps) and _SERIES_COMPONENT.match(comps[i]) and not _is_special(comps[i], comps, i) \
            and comps[i].split(".")[0] not in MODIFIERS:
        series.append(comps[i])
        i += 1
    if not series:
        raise ValueError(f"not a UN document symbol: {text!r}")
    while i < len(comps):
        comp = comps[i]
        head, _, tail = comp.partition(".")
        if head in MODIFIERS:
            modifiers.append((head, tail))
        elif special is None and head in SPECIAL_DOTTED and tail:
            special, number = head, tail
        elif special is None and comp in SPECIAL_SLASHED:
            special = comp
            rest = comps[i + 1:]
            if len(rest) >= 2 and rest[0].isdigit() and rest[1].isdigit():
                session = int(rest[0])  # A/RES/78/1: session 78, number 1
                i += 1
            if i + 1 < len(comps) and comps[i + 1].split(".")[0] not in MODIFIERS:
                number = comps[i + 1]
                i += 1
        elif re.fullmatch(r"\d{4}", comp) and year is None and session is None and number is None:
            year = int(comp)
        elif comp.isdigit() and session is None and year is None and number is None \
                and i + 1 < len(comps) and comps[i + 1].split(".")[0] not in MODIFIERS:
            session = int(comp)
        else:
            number = comp if number is None else f"{number}/{comp}"
        i += 1
    return Symbol(text=text, series="/".join(series), components=comps, year=year, session=session,
                  special=special, number=number, modifiers=modifiers)


def _is_special(comp: str, comps: list[str], i: int) -> bool:
    head, _, tail = comp.partition(".")
    if head in SPECIAL_DOTTED and tail.isdigit() and not _BODY_COMPONENT.match(comp):
        return True
    return comp in SPECIAL_SLASHED and i > 0


def body_series(symbol: Symbol) -> str:
    return symbol.series


def parent_series(series: str) -> str | None:
    """CTOC/COP/WG.3 -> CTOC/COP; a series of one component has no parent."""
    if "/" not in series:
        return None
    return series.rsplit("/", 1)[0]


def path_segment(symbol_text: str) -> str:
    """The symbol as an IRI path: slashes kept, everything else unsafe escaped."""
    return quote(symbol_text, safe="/.-")


def undocs_url(symbol_text: str, lang: str | None = None) -> str:
    path = path_segment(symbol_text)
    return f"https://undocs.org/{lang}/{path}" if lang else f"https://undocs.org/{path}"


_AKN_TOKEN = re.compile(r"\b([A-Z][A-Z0-9.]*(?:-[A-Za-z0-9.]+)+)\b")


def recover_from_akn(front_lines: list[str], cited: list[str]) -> str | None:
    """The UN symbol from its Akoma Ntoso form ("IPBES-1-12" -> "IPBES/1/12").

    AKN writes "/" as "-", which is not reversible in general (A/RES/S-8/1), so a
    candidate is accepted only when documents the report cites share its series
    and session or year: IPBES/1/12 is confirmed by IPBES/1/1, IPBES/1/INF/16.
    """
    for line in front_lines:
        for token in _AKN_TOKEN.findall(line):
            candidate = token.replace("-", "/")
            if not is_symbol(candidate):
                continue
            stem = candidate.rsplit("/", 1)[0] + "/"
            if any(c.startswith(stem) for c in cited if c != candidate):
                return candidate
    return None
