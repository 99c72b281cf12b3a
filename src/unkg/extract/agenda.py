"""Stage `extract`: the agenda — numbered items (and lettered sub-items) listed after a lead-in that adopts an
agenda, whatever its verb and word order ("adopted the following agenda", "l'ordre du jour suivant a été adopté"),
with the act of adopting it; and the items a committee report is on, from its masthead ("Agenda items 136 and 148"
and their titles) and the sub-items its introduction names."""
from __future__ import annotations

import re
from itertools import combinations

from unkg.extract import sittings
from unkg.extract.context import END_PUNCT, Context
from unkg.lang import symbols
from unkg.model import Act, AgendaItem, Source
from unkg.read.blocks import Block
from unkg.read.masthead import title_index

_ITEM = re.compile(r"(\d+)(?:\s*\(?([^\W\d_])\))?")
_FOOTNOTE_MARK = re.compile(r"\s*[*∗†‡]+$")  # "Koronivia joint work on agriculture.*": a note's mark, not the title
_QUOTED = re.compile(r"[“\"«„「『]([^”\"»“」』]+)[”\"»“」』]")
# "(a) Role of …;", "a) Rapport …;" after an item's title and its colon: a sub-item the introduction names with its title
_SUB_ITEM = re.compile(r"[\s“\"«„「『]*[(（]?(?P<letter>[^\W\d_])[)）]\s*(?P<title>[^;؛；”\"»」』]+)")

MARKS = "*†‡ "  # footnote marks after an item's title


def lists_agenda(ctx: Context, n: int) -> bool:
    """Paragraph n lists numbered items after a lead-in where an adoption verb and the agenda word stand close,
    or that ends in a colon."""
    def test() -> bool:
        blocks = ctx.groups[n]
        items, lead = ctx.items(n), ctx.lead_in(blocks[0].text)
        return bool(items) and any(b.label.isdigit() for b in items) and (ctx.near("adopt", "agenda", lead) or bool(
            ctx.lex.split_at_colon(blocks[0].text) and ctx.lex.mentions("adopt", lead)
            and ctx.lex.mentions("agenda", lead)))
    return ctx.once(("agenda", n), test)


def read(ctx: Context) -> None:
    for n, blocks in ctx.groups.items():
        if lists_agenda(ctx, n):
            read_list(ctx, blocks, ctx.source(n))


def read_list(ctx: Context, blocks: list[Block], source: Source) -> None:
    """Numbered items after a lead-in that adopts an agenda, whatever its verb and word order."""
    lead = blocks[0].text
    method = "consensus" if ctx.lex.mentions("consensus", lead) else None
    sitting = next(sittings.sittings_in(ctx, lead), None)
    number = sitting[0] if sitting else sittings.same_sitting(ctx, lead, source)
    ctx.report.acts.append(Act("adoption-of-agenda", number, sittings.sitting_date(ctx, number), method, [], source))
    current = None
    items = [b for b in blocks[1:] if b.kind == "item"]
    letters = ctx.letters([b.label for b in items if not b.label.isdigit()])
    letter_iter = iter(letters)
    for block in items:
        # "Koronivia joint work on agriculture.*": the star marks an item taken up jointly with another body
        title = _FOOTNOTE_MARK.sub("", block.text.strip()).rstrip(MARKS).strip().rstrip(END_PUNCT).strip()
        if block.label.isdigit():
            current = int(block.label)
            ctx.report.agenda.append(AgendaItem(current, None, title, source))
        elif current is not None:
            ctx.report.agenda.append(AgendaItem(current, next(letter_iter), title, source))


def read_masthead(ctx: Context) -> None:
    """The items a committee report is on: "Agenda item 56" (or "Agenda items 136 and 148") on the masthead, the
    titles on the lines down to the report's own title, and the sub-items the introduction names under the item
    ("the item entitled: “Globalization and interdependence: “(a) …; “(b) …”")."""
    rx = ctx.lex.rx("masthead.agenda_item")
    if rx is None or ctx.report.agenda:
        return
    cells = [c.strip() for c in ctx.seg.front if c.strip() and not symbols.is_symbol(c.strip())]
    at = next((i for i, c in enumerate(cells) if rx.search(c)), None)
    if at is None:
        return
    letters = ctx.lex.get("list_letters", {})
    items = [(int(n), letters.get(sub, sub) if sub else None) for n, sub in _ITEM.findall(rx.search(cells[at])
                                                                                          .group("value"))]
    end = title_index(cells, ctx.lex)
    lines = cells[at + 1:end if end is not None and end > at else len(cells)]
    titles = split_titles(ctx, lines, len(items))
    for (number, sub), title in zip(items, titles):
        ctx.report.agenda.append(AgendaItem(number, sub, title, Source(None)))
    if len(items) == 1 and items[0][1] is None and titles:
        sub_items(ctx, items[0][0], titles[0])


def _squeezed(text: str) -> str:
    """Text without spaces and punctuation, lower case: titles compared through PDF kerning spaces and line breaks."""
    return re.sub(r"[\W_]+", "", text).lower()


def split_titles(ctx: Context, lines: list[str], count: int) -> list[str]:
    """The masthead's title lines as one title per item. Several titles are cut where each part is a title the
    text quotes ("the items entitled “Review of …” and “Report on …”"); failing that, one line per item."""
    if not lines or count < 1:
        return []
    if count == 1:
        return [" ".join(" ".join(lines).split())]
    quoted = {_squeezed(q) for n in ctx.groups for q in _QUOTED.findall(ctx.para_text(n))}
    for cuts in combinations(range(1, len(lines)), count - 1):
        parts = [" ".join(lines[a:b]) for a, b in zip((0,) + cuts, cuts + (len(lines),))]
        if all(_squeezed(p) in quoted for p in parts):
            return [" ".join(p.split()) for p in parts]
    return [" ".join(line.split()) for line in lines] if len(lines) == count else []


def sub_items(ctx: Context, number: int, title: str) -> None:
    """Sub-items named after the item's title and its colon where the text quotes it, when the report treats them
    apart: it names them with the item's number elsewhere ("Item 20 (a)", "under item 20 (a)"). A report that
    quotes the sub-items only in the item's title treats the item as a whole."""
    words = re.findall(r"\w+", title)
    if not words:
        return
    found = re.compile(r"\W+".join(map(re.escape, words)) + r"\W*[:：]", re.IGNORECASE)
    # the list's labels kept: a sub-item printed at the start of a line is a list item of the paragraph
    texts = {n: " ".join(f"({b.label}) {b.text}" if b.kind == "item" and b.label else b.text for b in blocks)
             for n, blocks in ctx.groups.items()}
    for n, text in texts.items():
        m = found.search(text)
        if not m:
            continue
        pos, subs = m.end(), []
        while (step := _SUB_ITEM.match(text, pos)) is not None:
            subs.append((step.group("letter"), step.group("title").strip().rstrip(END_PUNCT).strip()))
            pos = step.end() + 1
        whole = " ".join(texts.values())
        for (printed, sub_title), letter in zip(subs, ctx.letters([printed for printed, _ in subs])):
            if re.search(rf"(?<!\d){number}\s*[(（]?\s*{re.escape(printed)}\s*[)）]", whole):
                ctx.report.agenda.append(AgendaItem(number, letter, sub_title, ctx.source(n)))
        if subs:
            return
