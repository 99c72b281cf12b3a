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
from functools import lru_cache
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
# A qualifier names a part of one document, and the part is a document of its own with its own symbol: the
# sections of the programme budget A/77/6 (Sect. 10), the parts and volumes of a report A/77/153 (Part I),
# A/77/5 (Vol. II), a resumed meeting's record A/C.1/77/PV.25 (Resumption 1). Its words are the same in every
# language version (the symbol is), and an Add./Corr. of the part follows it: A/77/6 (Sect. 14)/Corr.1.
QUALIFIER_WORDS = ("Parts", "Part", "Sect.", "Vol.", "Resumption", "Introduction", "Income sect.", "Supp.")
_QUALIFIER_WORD = "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in QUALIFIER_WORDS)
_QUALIFIER = (rf"\s?\((?:{_QUALIFIER_WORD})(?:\s?[IVXLC0-9]+[A-Z]?(?:\s(?:and|to)\s[IVXLC0-9]+)?)?\)"
              r"(?:/(?:Add|Corr|Rev|Amend)\.\d+)*")
# A first component with a session in parentheses is another organization's numbering (IAEA: GC(66)/RES/12).
_FIRST = r"[A-Z](?<![A-Za-z0-9_/.][A-Z])[A-Z]*(?:\.[0-9]+|\([0-9]+\))?"
# The lookbehind (no letter, digit, slash or dot before) follows the first capital so that the regex engine
# scans for a capital before trying anything (a lookbehind first is tried at every position: 3x slower).
_CANDIDATE = re.compile(
    rf"({_FIRST}(?:{_COMPONENT})+(?:{_QUALIFIER})?"
    rf"(?:-[A-Z][A-Z0-9]*(?:{_COMPONENT})+(?:{_QUALIFIER})?)*)"
)
_JOINT_SPLIT = re.compile(r"-(?=[A-Z][A-Z0-9]*(?:\.[0-9]+)?/)")
# As printed, with a qualifier in its one canonical spelling: "A/77/6 (Sect. 14)/Corr.1".
UN_SYMBOL_PATTERN = (r"^[A-Z]+(\.[0-9]+|\([0-9]+\))?(/[A-Za-z0-9][A-Za-z0-9.()*-]*)+"
                     r"( \([A-Z][A-Za-z.]*( [A-Za-z0-9.]+)*\)(/[A-Za-z]+\.[0-9]+)*)?$")
_VALID = re.compile(UN_SYMBOL_PATTERN)
# base, qualifier words, what follows the qualifier ("/Corr.1"); compact ("A/77/6(Sect.10)") or spaced
_QUALIFIED = re.compile(rf"(?P<base>[^\s(]+(?:\([0-9]{{4}}\))?)\s?\((?P<q>(?:{_QUALIFIER_WORD})[^()]*)\)(?P<tail>(?:/[A-Za-z]+\.\d+)*)$")
_OTHER_ORGANIZATION = re.compile(r"^[A-Z]+\([0-9]+\)/")


def canonical_qualifier(text: str) -> str:
    """One spelling per qualified symbol: "A/77/6(Sect.10)" and "A/77/6 ( Sect.10 )" are "A/77/6 (Sect. 10)",
    "S/PV.9451(Resumption1)" is "S/PV.9451 (Resumption 1)"."""
    m = _QUALIFIED.match(text)
    if m is None:
        return text
    words = re.sub(r"\s+", " ", m.group("q")).strip()
    words = re.sub(r"(?<=[a-z.])(?=[IVXLC0-9]+[A-Z]?(?: |$))", " ", words).replace("  ", " ")
    return f"{m.group('base')} ({words}){m.group('tail')}"


def compact(symbol_text: str) -> str:
    """The symbol as the Official Document System indexes it and undocs.org takes it: without the spaces of
    a printed qualifier ("A/77/6 (Sect. 10)" -> "A/77/6(Sect.10)"), as the UN's own links print it."""
    return re.sub(r"\s+", "", symbol_text)


def un_document(symbol_text: str) -> bool:
    """A symbol of the UN's document system (on undocs.org), not another organization's printed alike."""
    return _OTHER_ORGANIZATION.match(symbol_text) is None


# PDF kerning puts spaces inside symbols: "A/77/ 450", "A /C.2/77/L.14", "A/C.2/77/L. 14".
_SPACED_SYMBOL = re.compile(
    r"([A-Z](?<![A-Za-z0-9_/.][A-Z])[A-Z]{0,5}(?:\.\d+)?(?:\s?/\s?[A-Za-z0-9][A-Za-z0-9.()-]*)+)"
)


_SPACED_NUMBER = re.compile(r"(?<=/)((?:L|CRP|WP|R|PV|SR|Add|Corr|Rev)\.)\s(?=\d)")
# Kerning inside one component, each repaired only where the joined form is the only reading: a year split
# in two ("E/FFDF/202 2/3", "E/20 12/48": a year is never followed by another number across a space), a
# special component or modifier split in its letters ("E/CN.16/2018/C RP. 3"), the hyphen of a joint symbol
# cut from its second part ("A/67/65/Corr.1- E/2012/48/Corr.1").
_SPLIT_YEAR = re.compile(r"/(\d{1,3}) (\d{1,3})(?=/)")
_SPLIT_SPECIAL = re.compile(r"/([A-Za-z]{1,4}) ([A-Za-z]{1,4})(?=\.\s?\d)")
_SPLIT_JOINT = re.compile(r"- (?=[A-Z][A-Z0-9]*(?:\.\d+)?/)")
_SPECIAL_WORDS = SPECIAL_DOTTED | MODIFIERS


_SYMBOL_SO_FAR = re.compile(r"[A-Za-z0-9./()-]{1,40}$")


def _in_symbol(m: re.Match) -> bool:
    """The text before the match is the start of a symbol ("E/FFDF"), not a number ("1/20 12/3")."""
    so_far = _SYMBOL_SO_FAR.search(m.string, max(0, m.start() - 40), m.start())
    return bool(so_far and so_far.group()[0].isupper())


def _join_year(m: re.Match) -> str:
    joined = m.group(1) + m.group(2)
    ok = len(joined) == 4 and joined[:2] in ("19", "20") and _in_symbol(m)
    return "/" + joined if ok else m.group(0)


def _join_special(m: re.Match) -> str:
    joined = m.group(1) + m.group(2)
    return "/" + joined if joined in _SPECIAL_WORDS and _in_symbol(m) else m.group(0)


def _join_joint(m: re.Match) -> str:
    return "-" if m.string[max(0, m.start() - 1):m.start()].isdigit() else m.group(0)


def despace_symbols(text: str) -> str:
    """Remove spurious spaces inside symbols; a space is removed only where the result is a
    symbol and both sides are parts of it (a slash on one side, a symbol component on the other)."""
    if "/" not in text or " " not in text:
        return text  # every symbol has a slash

    def fix(m: re.Match) -> str:
        raw = m.group(1)
        joined = re.sub(r"\s", "", raw)
        return joined if is_symbol(joined.rstrip(".")) else raw

    if "- " in text:
        text = _SPLIT_JOINT.sub(_join_joint, text)
    text = _SPLIT_SPECIAL.sub(_join_special, _SPLIT_YEAR.sub(_join_year, text))
    if " /" in text or "/ " in text:
        text = _SPACED_SYMBOL.sub(fix, text)
    # "L. 14": a special component split from its number
    return _SPACED_NUMBER.sub(r"\1", text) if ". " in text else text


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


_DIGIT = re.compile(r"\d")


def _has_document_part(text: str) -> bool:
    """A real symbol has a number somewhere (year, session or document number)."""
    return _DIGIT.search(text) is not None


# A slash dropped between a body and the year ("FCCC/SBI2014/4" for FCCC/SBI/2014/4): no series component
# ends in a year.
_GLUED_YEAR = re.compile(r"/([A-Z]{2,})((?:19|20)\d{2})/")


# A footnote mark glued to a symbol by the PDF's text layer ("A/AC.999/2025/1a"): no UN symbol ends in a
# number followed by small letters.
_GLUED_MARK = re.compile(r"(?<=\d)[a-z]{1,2}$")
# A number and the letters of a series in one component: a joint symbol hyphenated across a line and joined by
# a PDF tool ("CTOC/COP/WG.2/2024/4-" + "CTOC/COP/WG.3/2024/4" -> ".../2024/4CTOC/COP/...").
_GLUED_JOINT = re.compile(r"/(\d+)([A-Z]{2,}(?:\.\d+)?/)")
# A slash printed as a dot after a body component ("A/C.2.77/SR.22"): no body component carries two numbers,
# so "C.2.77" followed by a records, limited or paper component can only be the Second Committee (C.2) and its
# seventy-seventh session (77).
_DOTTED_SESSION = re.compile(r"/((?:WG|C|AC|CN|CONF|GC|SC|Sub|PC|EG)\.\d+)\.(\d{2}|(?:19|20)\d{2})"
                             r"(?=/(?:SR|PV|L|CRP|WP|R|INF)[./])")
_MODIFIER_RANGE = re.compile(r"/(Add|Corr|Rev)\.(\d+)-(\d+)$")


def _repaired(raw: str) -> list[str]:
    """The parts of a candidate symbol, with what PDF text layers do to symbols undone."""
    if raw.count(".") > 1:
        raw = _DOTTED_SESSION.sub(r"/\1/\2", raw)
    parts = []
    for p in _JOINT_SPLIT.split(raw) if "-" in raw else (raw,):
        p = _GLUED_YEAR.sub(r"/\1/\2/", p.rstrip("."))
        if p[-1:].islower() and not _QUALIFIED.match(p):
            p = _GLUED_MARK.sub("", p)
        glued = _GLUED_JOINT.search(p)
        if glued and is_symbol(p[:glued.start(2)].rstrip("/")) and is_symbol(p[glued.start(2):]):
            parts += [p[:glued.start(2)], p[glued.start(2):]]
            continue
        ranged = _MODIFIER_RANGE.search(p) if "-" in p else None  # "X/Add.1-2": the first and second addenda
        if ranged and int(ranged.group(2)) < int(ranged.group(3)) <= int(ranged.group(2)) + 20:
            stem, kind = p[:ranged.start()], ranged.group(1)
            parts += [f"{stem}/{kind}.{n}" for n in range(int(ranged.group(2)), int(ranged.group(3)) + 1)]
            continue
        parts.append(canonical_qualifier(p) if "(" in p else p)
    return [p for p in parts if is_symbol(p)]


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
        parts = _repaired(raw)
        if parts and _MODIFIER_RANGE.search(raw):  # an addendum range is several documents, not a joint one
            found.extend([p] for p in parts)
        elif parts:
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


# The end of a range of modifiers: "Add.1–3", "Add.1 to 3", "Add.1 à 3", "Add.1 a 3", "Add.1至3", "Add.1 إلى 3" (the
# same few words in every language's UN texts).
_RANGE_END = re.compile(r"(?:\s?[–-]\s?|\s?(?:to|à|a|al|至|إلى)\s?)(?P<to>\d{1,2})(?![\w/]|\.\d)")


def _named_after(base: str, text: str, end: int) -> list[str]:
    """The modifiers written alone right after the symbol `base` ending at `end`, as full symbols; a range
    ("and Add.1–3", "X/Add.1–2") names each of them."""
    out = []
    last = base.rsplit("/", 1)[-1].split(".")
    if last[0] in MODIFIERS and last[-1].isdigit() and (to := _RANGE_END.match(text, end)):
        out += [f"{base.rsplit('/', 1)[0]}/{last[0]}.{n}" for n in _upto(int(last[-1]), to.group("to"))]
        end = to.end()
    while (m := _MODIFIER_ALONE.match(text, end)) is not None:
        kind, numbers, end = m.group("kind"), [m.group("n")], m.end()
        if (to := _RANGE_END.match(text, end)) is not None:
            numbers += [str(n) for n in _upto(int(m.group("n")), to.group("to"))]
            end = to.end()
        while (more := _MORE_NUMBERS.match(text, end)) is not None:
            numbers.append(more.group("n"))
            end = more.end()
        # "X/Add.1 and Add.2": the second addendum of X, not an addendum of X/Add.1
        stem = base.rsplit("/", 1)[0] if base.rsplit("/", 1)[-1].split(".")[0] == kind else base
        out.extend(f"{stem}/{kind}.{n}" for n in numbers)
    return out


def _upto(first: int, last: str) -> range:
    """The numbers after `first` up to `last` ("Add.1–3": 2, 3); none where the range runs backwards."""
    return range(first + 1, int(last) + 1) if first < int(last) <= first + 20 else range(0)


def parse(text: str) -> Symbol:
    """Parse a symbol into its parts.  Raises ValueError if it is not one."""
    if not is_symbol(text):
        raise ValueError(f"not a UN document symbol: {text!r}")
    qualified = _QUALIFIED.match(text)  # A/77/6 (Sect. 14)/Corr.1: the part of A/77/6, corrected
    comps = (qualified.group("base") + qualified.group("tail") if qualified else text).split("/")
    series: list[str] = []
    year = session = None
    if other := re.fullmatch(r"([A-Z]+)\((\d+)\)", comps[0]):  # GC(66)/RES/12: the 66th session's
        comps[0], session = other.group(1), int(other.group(2))
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


@lru_cache(maxsize=8192)  # the builder names the same few documents and bodies many times a report
def path_segment(symbol_text: str) -> str:
    """The symbol as an IRI path: slashes kept, everything else unsafe escaped; a qualified symbol in its
    compact form ("A/77/6 (Sect. 10)" -> "A/77/6%28Sect.10%29"), so that every spelling is one IRI."""
    if " (" in symbol_text and _QUALIFIED.match(symbol_text):
        symbol_text = compact(symbol_text)
    return quote(symbol_text, safe="/.-")


@lru_cache(maxsize=8192)
def undocs_url(symbol_text: str, lang: str | None = None) -> str | None:
    """The document at undocs.org, which takes the symbol in its compact form with parentheses as they are
    (https://undocs.org/A/77/6(Sect.10), https://undocs.org/S/RES/2235(2015)), as UN documents print their
    links; None for another organization's symbol (GC(66)/RES/12), which undocs.org does not hold."""
    if "(" in symbol_text and not un_document(symbol_text):
        return None
    path = quote(compact(symbol_text) if " " in symbol_text else symbol_text, safe="/.-()")
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
