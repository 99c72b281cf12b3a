"""Stage `extract`: recommendations — lettered items after a lead-in naming recommendations, each with its
addressee (States parties, the secretariat, the Conference) from the lexicon's addressee formulae."""
from __future__ import annotations

from dataclasses import replace

from unkg.extract import agenda
from unkg.extract.context import Context
from unkg.model import Recommendation, Source
from unkg.read.blocks import Block


def lists_recommendations(ctx: Context, n: int) -> bool:
    """Paragraph n lists lettered items after a lead-in that names recommendations (and is not an agenda)."""
    def test() -> bool:
        blocks = ctx.groups[n]
        items, lead = ctx.items(n), ctx.lead_in(blocks[0].text)
        return bool(items) and not agenda.lists_agenda(ctx, n) and ctx.lex.mentions("recommendation", lead) and (
            "recommendations" in ctx.kinds(blocks[0]) or ctx.lex.mentions("adopt", lead)) \
            and not any(b.label.isdigit() for b in items)
    return ctx.once(("recommendations", n), test)


def read(ctx: Context) -> None:
    for n, blocks in ctx.groups.items():
        if lists_recommendations(ctx, n):
            read_list(ctx, blocks, ctx.source(n))


def read_list(ctx: Context, blocks: list[Block], source: Source) -> None:
    if ctx.lex.mentions("endorse", blocks[0].text):
        ctx.report.endorsement_by_parent = True
    items = [b for b in blocks[1:] if b.kind == "item"]
    letters = iter(ctx.letters([b.label for b in items]))
    topic = None
    for block in blocks[1:]:
        if block.kind == "text":
            topic = block.text.strip()
        elif block.kind == "item":
            letter = next(letters)
            addressee = ctx.lex.earliest("addressees", block.text) or "other"
            ctx.report.recommendations.append(
                Recommendation(letter, block.text.strip(), addressee, topic, replace(source, sub=letter)))
