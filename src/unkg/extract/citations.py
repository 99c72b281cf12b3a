"""Stage `extract`: decisions and resolutions a report cites, recognised by what a citation is.

A citation is a kind word ("resolutions", "résolution", "резолюций", "القرارات", "…号决议") followed by one or
more references in UN numbering (52/250, ES-10/15, S-10/2, 242 (1967), 2625 (XXV), 2200 A (XXI), 47/1 A-B,
IPBES/1/1) joined by conjunctions and interrupted by dates ("of 17 December 1973", "от 6 мая 2004 года"),
optionally with the issuing organ before, between or after ("General Assembly resolution 52/250",
"резолюция Генеральной Ассамблеи 52/250", "résolution 242 (1967) du Conseil de sécurité"), or an organ
followed directly by a reference ("General Assembly 52/250"). The words, organs, date and conjunction forms
of each language are data (the lexicon's "decisions" block); the numbering is the same in every language and
lives in unkg.lang.numbering. Decisions in UNFCCC notation (1/CP.21) are read by `read_notation`.

The organ, when stated, decides whose reference it is; otherwise the numbering does where it can
("242 (1967)" is the Security Council's, "2625 (XXV)" and "ES-10/15" the General Assembly's).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from unkg.extract.context import Context
from unkg.lang.lexicon import Lexicon
from unkg.lang.numbering import REF, normalise, notation_rx, numbering_organ
from unkg.model import CitedDecision, Source


class Citation(NamedTuple):
    reference: str
    kind: str  # resolution | decision
    organ: str | None  # series of the organ stated or implied by the numbering
    adopted: bool
    own: bool  # "its resolution": the body whose text it is (the General Assembly in its own resolutions)


class _Patterns:
    """One language's citation regexes, built from its lexicon."""

    def __init__(self, lex: Lexicon):
        d = lex.get("decisions", {})
        months = "|".join(sorted(map(re.escape, lex.months), key=len, reverse=True)) or r"\w+"
        date = d.get("date", "").replace("{month}", f"(?i:{months})")
        self.date = re.compile(date) if date else None
        opt_date = f"(?:{date})?" if date else ""
        kinds = "|".join(f"(?P<k_{kind}>{rx})" for kind, rx in d["kinds"].items())
        self.organs = {series: re.compile(rx) for series, rx in d["organs"].items()}
        organ = "|".join(f"(?:{rx})" for rx in d["organs"].values())
        join = f"(?:{d['joiner']})"
        pre, suf = d.get("ref_prefix", ""), d.get("ref_suffix", "")
        ref = REF.pattern
        if d.get("order") == "kind-last":  # 大会第58/292号和第59/251号决议
            refs = f"{pre}{ref}(?:{suf}?{join}{opt_date}{pre}?{ref})*"
            self.citation = re.compile(f"(?P<refs>{refs}){suf}(?:{kinds})")
        else:
            refs = f"{ref}(?>{opt_date}{join}{ref})*"  # atomic: a date's digits never re-read as a number
            # between the kind word and the number: the organ, or (Arabic idafa) another body's name
            gap = f"|{d['after_kind']}" if d.get("after_kind") else ""
            mid = f"(?:{d['organ_after']}|\\s+)" if d.get("organ_after") else "\\s+"
            self.citation = re.compile(f"(?:{kinds})(?:{mid}(?P<mid>{organ}){gap})?\\s+(?P<refs>{refs})")
        # an organ followed directly by a General Assembly style number ("General Assembly 52/250")
        self.bare = re.compile(f"(?P<organ>{organ})\\s+(?P<refs>(?:(?:ES|S)-)?\\d{{1,4}}/\\d{{1,4}})(?![\\w/])")
        self.before = re.compile(f"(?:{organ})(?:{d['organ_before']})$") if d.get("organ_before") else None
        after = d.get("organ_after")
        self.after = re.compile(f"{opt_date}(?:{after})(?P<organ>{organ})") if after else None
        # a draft resolution is a document, not a resolution cited (drafts.py reads drafts)
        self.draft_before = re.compile(d["draft_before"]) if d.get("draft_before") else None
        self.draft_after = re.compile(d["draft_after"]) if d.get("draft_after") else None
        self.possessive_before = re.compile(d["possessive_before"]) if d.get("possessive_before") else None
        self.possessive_kind = re.compile(d["possessive_kind"]) if d.get("possessive_kind") else None
        self.adopted_before = re.compile(d["adopted_before"]) if d.get("adopted_before") else None
        self.adopted_list = re.compile(d["adopted_list"], re.IGNORECASE) if d.get("adopted_list") else None

    def organ_of(self, surface: str | None) -> str | None:
        if not surface:
            return None
        return next((series for series, rx in self.organs.items() if rx.fullmatch(surface)), None)


_BUILT: dict[str, tuple[Lexicon, _Patterns]] = {}


def patterns(lex: Lexicon) -> _Patterns:
    """Built once per loaded lexicon (a lexicon is loaded once per language)."""
    built = _BUILT.get(lex.lang)
    if built is None or built[0] is not lex:
        built = _BUILT[lex.lang] = (lex, _Patterns(lex))
    return built[1]


def citations(text: str, lex: Lexicon) -> list[Citation]:
    """Every citation in a paragraph, in order."""
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
            organ = next((s for s, rx in p.organs.items() if rx.match(found.group(0))), None) if found else None
        if organ is None and p.after:
            found = p.after.match(text, m.end("refs"))
            organ = p.organ_of(found.group("organ")) if found else None
        adopted = listed or bool(p.adopted_before and p.adopted_before.search(head))
        own = bool((p.possessive_before and p.possessive_before.search(head))
                   or (p.possessive_kind and p.possessive_kind.search(word)))
        refs = p.date.sub(" ", m.group("refs")) if p.date else m.group("refs")
        for r in REF.finditer(refs):
            ref = normalise(r.group(0))
            out.append(Citation(ref, kind, organ or numbering_organ(ref), adopted, own and organ is None))
        taken.append(m.span())
    for m in p.bare.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            ref = normalise(m.group("refs"))
            out.append(Citation(ref, "resolution", p.organ_of(m.group("organ")), listed, False))
    return out


def read(ctx: Context) -> None:
    """Citations in every paragraph, then in the footnotes."""
    for n in ctx.groups:
        read_text(ctx, ctx.para_text(n), ctx.source(n))
    for note in ctx.seg.footnotes:
        read_text(ctx, note.text, Source(note.para, page=note.page if ctx.seg.paged else None))


def read_text(ctx: Context, text: str, source: Source) -> None:
    """Add a paragraph's citations to the report; a decision adopted outweighs the same one cited."""
    r = ctx.report
    for ref, kind, organ, adopted, own in citations(text, ctx.lex):
        same = [d for d in r.decisions if d.reference == ref and d.kind == kind]
        if any(d.action == "adopted" for d in same) or (not adopted and same):
            for d in same:
                d.organ, d.own = d.organ or organ, d.own or own
            continue
        r.decisions = [d for d in r.decisions if d not in same]
        r.decisions.append(CitedDecision(ref, kind, "adopted" if adopted else "cited", source, organ, own))


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
