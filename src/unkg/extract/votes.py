"""Stage `extract`: votes on drafts — the counts a sentence states, the lists of States under the vote headings
("In favour: …", "Against: …", "Abstaining: …") read in their place among the sentences, the part of a draft a
separate vote is taken on ("the fifth preambular paragraph", "operative paragraph 5 (b)"), and the votes States
said afterwards they had intended to cast.

A vote list printed across a page break carries what the page left in it — a footnote mark after a name, the
running header (the report's symbol, the job number, "3/14") — none of which is a voter: they are taken out
before the names are read, so that the number of names equals the stated count. All wording comes from the
lexicon's "drafts" table.
"""
from __future__ import annotations

import re

from unkg.extract.context import Context
from unkg.extract.draft_text import named, sentences
from unkg.lang.lexicon import Lexicon
from unkg.model import Entity, Report, Source

_HEADINGS: dict[str, re.Pattern[str] | None] = {}
_LIST_END = re.compile(r"[.。](?:\s|$)")
# What a page leaves inside a list: a job number ("22-27453 (E)"), a page number ("3/14"), a symbol (any word
# with a slash), a footnote mark standing alone ("2", "*") or written onto a name ("Republic2").
_FURNITURE = re.compile(r"\b\d{2}-\d{5}\b(?:\s*\([A-Z]\))?\*?|\S*\w/\S*|(?<![\w(])\d{1,3}(?![\w)])|\*+"
                        r"|(?<=[^\W\d_])\d{1,2}\b")


def heading_rx(lex: Lexicon) -> re.Pattern[str] | None:
    """The vote headings of a language, each followed by its colon: one regex with a group per vote."""
    if lex.lang not in _HEADINGS:
        headings = lex.get("drafts.vote_headings", {})
        colons = "|".join(map(re.escape, lex.get("list.colons", [":"])))
        _HEADINGS[lex.lang] = re.compile("|".join(
            f"(?P<{key.replace('-', '_')}>{pattern})\\s*(?:{colons})" for key, pattern in headings.items())) \
            if headings else None
    return _HEADINGS[lex.lang]


def runs(lex: Lexicon, text: str) -> list[tuple[str | None, str]]:
    """A text as it reads: stretches of prose (vote None) and vote lists (vote "yes", "no", "abstain"), in order.
    A list runs to the next heading, or to its full stop where prose follows it."""
    rx = heading_rx(lex)
    hits = list(rx.finditer(text)) if rx else []
    if not hits:
        return [(None, text)]
    out: list[tuple[str | None, str]] = []
    pos = 0
    for i, m in enumerate(hits):
        if m.start() > pos:
            out.append((None, text[pos:m.start()]))
        vote = next(k for k, v in m.groupdict().items() if v)
        end = hits[i + 1].start() if i + 1 < len(hits) else len(text)
        cut = _LIST_END.search(text, m.end(), end)
        out.append((vote, text[m.end():cut.start() if cut else end]))
        pos = cut.end() if cut else end
    if pos < len(text):
        out.append((None, text[pos:]))
    return out


def read_list(ctx: Context, listed: str, source: Source) -> list[Entity]:
    """The States of one vote list, with what a page break left in it taken out."""
    return ctx.resolve_list(" ".join(_FURNITURE.sub(" ", listed).split()), source)


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


def part_label(lex: Lexicon, sentence: str) -> tuple[str, int] | None:
    """The part of a draft a sentence names and where: ("preambular 5", pos) for "the fifth preambular
    paragraph", ("operative 5 (b)", pos) for "operative paragraph 5 (b)"."""
    best = None
    for kind in ("preambular", "operative"):
        for rx in lex.rx_all(f"drafts.parts.{kind}"):
            m = rx.search(sentence)
            if not m or (best and best[1] <= m.start()):
                continue
            groups = m.groupdict()
            number = int(groups["num"]) if groups.get("num") else lex.number(groups.get("ord") or "", "ordinals")
            if number is None:
                continue
            sub = groups.get("sub")
            best = (f"{kind} {number}" + (f" ({sub.lower()})" if sub else ""), m.start())
    return best


def intended(ctx: Context, text: str) -> list[tuple[Entity, str]]:
    """(State, vote) for each State a text says would have voted, or had intended to vote, otherwise than the
    lists show ("Liechtenstein … had intended to vote against and … Ethiopia … to vote in favour"): each
    statement takes the States named between the one before it and itself."""
    rx = ctx.lex.rx("drafts.intended")
    if rx is None or not rx.search(text):
        return []
    out = []
    for sentence in sentences(ctx.lex, text):
        prev = 0
        for m in rx.finditer(sentence):
            # the lexicon may need two groups for one vote ("abstain", "abstain2")
            vote = next((k.rstrip("0123456789") for k, v in m.groupdict().items() if v), None)
            clause = re.split(r"[;；؛]", sentence[prev:m.start()])[-1]
            prev = m.end()
            out += [(e, vote) for e in named(ctx, clause) if e.kind in ("state", "reio") and vote]
    return out


def marked(text: str, label: str) -> bool:
    """Whether the lists of a vote and the sentence that announces them (no counts stand there) carry the footnote
    mark `label`: after a colon, a stop or a bracket ("as follows: 2 In favour"), or after a name ("Kenya 3,",
    "Republic2") — not inside a symbol ("L.2")."""
    if not label or not label.isdigit():
        return False
    rx = re.compile(rf"(?:(?<=[:.;)”])\s*|(?<=[^\W\d_])\s?)(?<![\w/.-]\.){label}(?=\s+[^\W\d_(]|\s*$|[.,;:])")
    return bool(rx.search(text))


def check_counts(report: Report) -> None:
    """A stated count that differs from its list is reported, never corrected."""
    for d in report.drafts:
        for name, unit, source in [(d.symbol, d, d.action_source or d.source)] + \
                [(f"{d.symbol} {p.part}", p, p.source) for p in d.parts]:
            listed = [v for v in unit.votes if not v.intended]
            if not listed or not unit.stated_counts:
                continue
            for key, stated in unit.stated_counts.items():
                n = sum(1 for v in listed if v.vote == key)
                if n != stated:
                    report.warn(f"{name}: the text states {stated} '{key}' votes but lists {n}", source)
