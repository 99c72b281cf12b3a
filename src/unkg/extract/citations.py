"""Stage `extract`: decisions and resolutions a report cites, recognised by what a citation is.

A citation is a kind word ("resolutions", "résolution", "резолюций", "القرارات", "…号决议") followed by one or
more references in UN numbering (52/250, ES-10/15, S-10/2, 242 (1967), 2625 (XXV), 2200 A (XXI), 47/1 A-B,
IPBES/1/1, IPCC/XLIII-6) joined by conjunctions, with a letter shared by the number before it ("36/87 A and B"),
and interrupted by what a run of references carries: dates ("of 17 December 1973", "от 6 мая 2004 года"), titles
("entitled “…”"), parts ("paragraph 6", "annex") and footnote marks ("of 25 September 2014, 1 30/4"). The issuing
organ may stand before, between or after ("General Assembly resolution 52/250", "резолюция Генеральной Ассамблеи
52/250", "résolution 242 (1967) du Conseil de sécurité"), or an organ directly before a reference ("General
Assembly 52/250"). The words, organs, dates, titles, parts and conjunctions of each language are data (the
lexicon's "decisions" block); the numbering is the same in every language and lives in unkg.lang.numbering.
Decisions in UNFCCC notation (1/CP.21) are read by `read_notation`.

The organ, when stated, decides whose reference it is; a short name ("Council resolutions") is the organ of that
name the paragraph named last; "its resolution" after an organ ("the Human Rights Council, in its resolution") is
that organ's; otherwise the numbering decides where it can ("242 (1967)" is the Security Council's, "2625 (XXV)"
and "ES-10/15" the General Assembly's), and a symbol is its series' (IPCC/XLIII-6). Where the text says the issuer
is another organization ("of a regional organization") or that the resolution is printed in a document
("A/56/1026-S/2002/932, annex II, resolution 14/221"), the issuer is not stated: none is invented.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from unkg.extract.context import Context
from unkg.lang import symbols
from unkg.lang.lexicon import Lexicon
from unkg.lang.numbering import REF, normalise, notation_rx, numbering_organ
from unkg.model import CitedDecision, Source


class Citation(NamedTuple):
    reference: str
    kind: str  # resolution | decision
    organ: str | None  # series of the organ stated or implied by the numbering
    adopted: bool
    own: bool  # "its resolution": the body whose text it is (the General Assembly in its own resolutions)
    unstated: bool = False  # the text says the issuer is none it names (another organization, a document's annex)
    candidates: tuple[str, ...] = ()  # a short name without antecedent ("Council resolution"): the organs it may be


def _kerned(rx: str) -> str:
    """A kind word found through the spaces PDF kerning puts in words ("Resolution s", "reso lution"): an optional
    space between two letters of the pattern (not inside an escape or a character class)."""
    out: list[str] = []
    i, in_class, after_letter = 0, False, False
    while i < len(rx):
        c = rx[i]
        if c == "\\":
            out.append(rx[i:i + 2])
            i, after_letter = i + 2, False
            continue
        in_class = (in_class or c == "[") and c != "]"
        letter = c.isalpha() and not in_class
        out.append((" ?" if letter and after_letter else "") + c)
        i, after_letter = i + 1, letter
    return "".join(out)


# A symbol and the parts of it a resolution is printed in, just before the kind word: "A/56/1026-S/2002/932, annex II,
# resolution 14/221" (the issuer is not stated).
_SYMBOL_BEFORE = r"[A-Z][A-Z0-9.()]*/\S*[\w)]"


class _Patterns:
    """One language's citation regexes, built from its lexicon."""

    def __init__(self, lex: Lexicon):
        d = lex.get("decisions", {})
        months = "|".join(sorted(map(re.escape, lex.months), key=len, reverse=True)) or r"\w+"
        date = d.get("date", "").replace("{month}", f"(?i:{months})")
        self.date = re.compile(date) if date else None
        opt_date = f"(?:{date})?" if date else ""
        self.kinds = {kind: re.compile(rx) for kind, rx in d["kinds"].items()}
        kinds = "|".join(f"(?P<k_{kind}>{_kerned(rx)})" for kind, rx in d["kinds"].items())
        self.organs = {series: re.compile(rx) for series, rx in d["organs"].items()}
        self.shorts = [(re.compile(rx), tuple(series)) for rx, series in d.get("short_organs", {}).items()]
        full = "|".join(f"(?:{rx})" for rx in d["organs"].values())
        organ = "|".join([full] + [f"(?:{rx})" for rx in d.get("short_organs", {})])  # a full name first
        self.full = re.compile(full)
        join = f"(?:{d['joiner']})"
        self.join = re.compile(join)
        pre, suf = d.get("ref_prefix", ""), d.get("ref_suffix", "")
        ref = REF.pattern
        # what a run carries between two references: dates, titles, parts, footnote marks ("2014, 1 30/4")
        self.carried = [re.compile(rx) for rx in (date, d.get("entitled"), d.get("part")) if rx]
        tail = "|".join(f"(?:{rx.pattern})" for rx in self.carried)
        tail = f"(?:{tail}|,?\\s\\d{{1,3}}(?![\\d/.]|\\s?\\())*" if tail else ""
        mark = f"(?:\\d{{1,3}}\\s+(?=(?:{ref})))?"
        self.letters = re.compile(f"(?:{join})(?P<letter>[A-Z])(?![\\w/])")
        one = f"(?:{ref})(?:{join}[A-Z](?![\\w/]))*"  # 36/87 A and B
        self.kind_last = d.get("order") == "kind-last"
        if self.kind_last:  # 大会第58/292号和第59/251号决议
            refs = f"{pre}{ref}(?:{suf}?{join}{opt_date}{pre}?{ref})*"
            self.citation = re.compile(f"(?P<refs>{refs}){suf}(?:{kinds})")
        else:
            refs = f"{one}(?>{tail}{join}{mark}{one})*"  # atomic: a date's digits never re-read as a number
            # between the kind word and the number: the organ, or (Arabic idafa) another body's name
            gap = f"|{d['after_kind']}" if d.get("after_kind") else ""
            mid = f"(?:{d['organ_after']}|\\s+)" if d.get("organ_after") else "\\s+"
            self.citation = re.compile(f"(?:{kinds})(?:{mid}(?P<mid>{organ}){gap})?\\s+(?P<refs>{refs})")
        # an organ followed directly by a General Assembly style number ("General Assembly 52/250")
        self.bare = re.compile(f"(?P<organ>{full})\\s+(?P<refs>(?:(?:ES|S)-)?\\d{{1,4}}/\\d{{1,4}})(?![\\w/])")
        self.before = re.compile(f"(?:{organ})(?:{d['organ_before']})$") if d.get("organ_before") else None
        after = d.get("organ_after")
        self.after = re.compile(f"{opt_date}(?:{after})(?P<organ>{organ})") if after else None
        self.other_issuer = re.compile(d["other_issuer"]) if d.get("other_issuer") else None
        part = d.get("part") or "(?!)"
        self.in_document = re.compile(f"{_SYMBOL_BEFORE}(?:{part})+\\s*[,،]?\\s*$")
        # a draft resolution is a document, not a resolution cited (drafts.py reads drafts)
        self.draft_before = re.compile(d["draft_before"]) if d.get("draft_before") else None
        self.draft_after = re.compile(d["draft_after"]) if d.get("draft_after") else None
        self.possessive_before = re.compile(d["possessive_before"]) if d.get("possessive_before") else None
        self.possessive_kind = re.compile(d["possessive_kind"]) if d.get("possessive_kind") else None
        self.adopted_before = re.compile(d["adopted_before"]) if d.get("adopted_before") else None
        self.adopted_list = re.compile(d["adopted_list"], re.IGNORECASE) if d.get("adopted_list") else None

    def organ_of(self, surface: str | None) -> str | tuple[str, ...] | None:
        """The series of an organ's name; the series a short name may stand for ("Council": E, S, A/HRC)."""
        if not surface:
            return None
        full = next((series for series, rx in self.organs.items() if rx.fullmatch(surface)), None)
        return full or next((series for rx, series in self.shorts if rx.fullmatch(surface)), None)

    def antecedent(self, text: str, candidates: tuple[str, ...]) -> str | None:
        """The organ among `candidates` that `text` names last ("Economic and Social Council resolution 2022/25 …
        Council resolutions 2019/15": E)."""
        named = [self.organ_of(m.group()) for m in self.full.finditer(text)]
        return next((s for s in reversed(named) if s in candidates), None)

    def possessor(self, head: str) -> str | None:
        """The organ "its" stands for when the words before it name one ("the decision of the Human Rights Council,
        in its resolution"), with no reference or kind word between them."""
        last = None
        for last in self.full.finditer(head):
            pass
        if last is None:
            return None
        gap = head[last.end():]
        if len(gap) > 40 or any(ch.isdigit() for ch in gap) or any(rx.search(gap) for rx in self.kinds.values()) \
                or self.join.fullmatch(gap):  # "… of the Security Council, and its resolutions": another item
            return None
        organ = self.organ_of(last.group())
        return organ if isinstance(organ, str) else None

    def references(self, refs: str) -> list[str]:
        """The references of a run, each letter shared with the number before it ("36/87 A and B": 36/87 A,
        36/87 B); a document symbol after numbers ("resolution 50/245 and A/50/1027") ends the run."""
        for rx in self.carried:
            refs = rx.sub(" ", refs)
        out: list[str] = []
        for r in REF.finditer(refs):
            ref = normalise(r.group(0))
            if symbols.is_symbol(ref):  # IPBES/1/1, IPCC/XLIII-6: a decision cited by its symbol, first in its run
                if "/RES/" in ref or (out and not symbols.is_symbol(out[-1])):
                    break
            out.append(ref)
            stem = re.sub(r" [A-Z]$", "", ref)
            at = r.end()
            while (letter := self.letters.match(refs, at)) is not None:
                out.append(f"{stem} {letter.group('letter')}")
                at = letter.end()
        return out


_BUILT: dict[str, tuple[Lexicon, _Patterns]] = {}


def patterns(lex: Lexicon) -> _Patterns:
    """Built once per loaded lexicon (a lexicon is loaded once per language)."""
    built = _BUILT.get(lex.lang)
    if built is None or built[0] is not lex:
        built = _BUILT[lex.lang] = (lex, _Patterns(lex))
    return built[1]


def citations(text: str, lex: Lexicon) -> list[Citation]:
    """Every citation in a paragraph, in order."""
    if "/" not in text and "(" not in text and "（" not in text:
        return []  # every reference has one: 52/250, 242 (1967)
    p = patterns(lex)
    listed = bool(p.adopted_list and p.adopted_list.search(text))
    out: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for m in p.citation.finditer(text):
        kind, word = next((k[2:], v) for k, v in m.groupdict().items() if k.startswith("k_") and v)
        organ = p.organ_of(m.groupdict().get("mid"))
        head = text[max(0, m.start() - 120):m.start()]
        if (p.draft_before and p.draft_before.search(head)) or (p.draft_after and p.draft_after.match(text, m.end())):
            continue
        if organ is None and p.before:
            found = p.before.search(head)
            if found:  # the organ's name, or a short name: "Council resolutions 2019/15"
                organ = next((s for s, rx in p.organs.items() if rx.match(found.group(0))), None) \
                    or next((series for rx, series in p.shorts if rx.match(found.group(0))), None)
        if organ is None and p.after:
            found = p.after.match(text, m.end("refs"))
            organ = p.organ_of(found.group("organ")) if found else None
        candidates: tuple[str, ...] = ()
        if isinstance(organ, tuple):
            candidates, organ = organ, p.antecedent(text[:m.start()], organ)
        adopted = listed or bool(p.adopted_before and p.adopted_before.search(head))
        possessive = p.possessive_before.search(head) if p.possessive_before else None
        own = bool(possessive or (p.possessive_kind and p.possessive_kind.search(word)))
        if own and organ is None and (possessor := p.possessor(head[:possessive.start()] if possessive else head)):
            organ, own = possessor, False
        unstated = organ is None and not candidates and _not_stated(p, text, head, m)
        for ref in p.references(m.group("refs")):
            ref_organ = organ or numbering_organ(ref) or (symbols.parse(ref).series if symbols.is_symbol(ref) else None)
            out.append(Citation(ref, kind, ref_organ, adopted, own and organ is None, unstated and ref_organ is None,
                                candidates if ref_organ is None else ()))
        taken.append(m.span())
    for m in p.bare.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            ref = normalise(m.group("refs"))
            out.append(Citation(ref, "resolution", p.organ_of(m.group("organ")), listed, False))
    return out


def _not_stated(p: _Patterns, text: str, head: str, m: re.Match) -> bool:
    """The text says the issuer is another organization or a document the resolution is printed in."""
    if p.in_document.search(head):
        return True
    if p.other_issuer is None:
        return False
    return bool(p.other_issuer.search(head) if p.kind_last else p.other_issuer.match(text, m.end("refs")))


def without_decision_symbols(text: str, lex: Lexicon) -> str:
    """The text with the decisions cited by their symbol blanked ("IPCC decisions IPCC/XLIII-6 and IPCC/XLIII-7"):
    a decision is not a document the text cites, though its reference looks like a symbol."""
    p = patterns(lex)
    for m in p.citation.finditer(text):
        if any(symbols.is_symbol(ref) for ref in p.references(m.group("refs"))):
            start, end = m.span("refs")
            run = "".join(" " * len(s) if symbols.is_symbol(s.rstrip(".,;")) else s
                          for s in re.split(r"(\s+)", text[start:end]))
            text = text[:start] + run + text[end:]
    return text


def read(ctx: Context) -> None:
    """Citations in every paragraph, then in the footnotes."""
    for n in ctx.groups:
        read_text(ctx, ctx.para_text(n), ctx.source(n))
    for note in ctx.seg.footnotes:
        read_text(ctx, note.text, Source(note.para, page=note.page if ctx.seg.paged else None))


def read_text(ctx: Context, text: str, source: Source) -> None:
    """Add a paragraph's citations to the report; a decision adopted outweighs the same one cited; one decision per
    reference and organ (a mention without an organ is the same as one with it)."""
    r = ctx.report
    for c in citations(text, ctx.lex):
        organ, unstated = c.organ, c.unstated
        if organ is None and c.candidates:  # "Council resolution" in a report of the Council's own commission
            organ = next((s for s in (r.parent_series, r.body_series) if s in c.candidates), None)
            unstated = organ is None
        same = [d for d in r.decisions if d.reference == c.reference and d.kind == c.kind
                and (d.organ is None or organ is None or d.organ == organ)]
        if any(d.action == "adopted" for d in same) or (not c.adopted and same):
            for d in same:
                d.organ, d.own = d.organ or organ, d.own or c.own
                # where one mention says the issuer is not stated (a document's annex), a bare one does not contradict it
                d.unstated = (d.unstated or unstated) and d.organ is None and not d.own
            continue
        r.decisions = [d for d in r.decisions if d not in same]
        r.decisions.append(CitedDecision(c.reference, c.kind, "adopted" if c.adopted else "cited", source, organ,
                                         c.own, unstated))


def read_notation(ctx: Context) -> None:
    """Decisions cited as 1/CP.19, 2/CMP.8, 18/CMA.1, and ranges "2/CMP.7 to 4/CMP.7"."""
    r, lex = ctx.report, ctx.lex
    range_rx = lex.rx("outcomes.decision_range")
    known = {d.reference for d in r.decisions}
    for block in ctx.seg.blocks:
        text = block.text
        if "/" not in text:
            continue
        source = Source(block.para if block.kind != "annex" else None)
        matches = list(notation_rx().finditer(text))
        refs = [m.group(0) for m in matches]
        for a, b in zip(matches, matches[1:]):
            between = text[a.end():b.start()]
            if range_rx and range_rx.fullmatch(between) and a.group("body", "session") == b.group("body", "session"):
                body, session = a.group("body", "session")
                refs += [f"{i}/{body}.{session}" for i in range(int(a.group("n")) + 1, int(b.group("n")))]
        for ref in refs:
            if ref not in known:
                known.add(ref)
                r.decisions.append(CitedDecision(ref, "decision", "cited", source))
