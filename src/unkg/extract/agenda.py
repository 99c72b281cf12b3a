"""Stage `extract`: the agenda — numbered items (and lettered sub-items) listed after a lead-in that adopts an
agenda, whatever its verb and word order ("adopted the following agenda", "l'ordre du jour suivant a été adopté"),
with the act of adopting it."""
from __future__ import annotations

from unkg.extract import sittings
from unkg.extract.context import END_PUNCT, Context
from unkg.model import Act, AgendaItem, Source
from unkg.read.blocks import Block

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
        title = block.text.strip().rstrip(MARKS).strip().rstrip(END_PUNCT).strip()
        if block.label.isdigit():
            current = int(block.label)
            ctx.report.agenda.append(AgendaItem(current, None, title, source))
        elif current is not None:
            ctx.report.agenda.append(AgendaItem(current, next(letter_iter), title, source))
