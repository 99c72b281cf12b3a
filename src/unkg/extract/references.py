"""Stage `extract`: the documents a report cites — every UN document symbol in its paragraphs, annexes, footnotes
and links (never its own symbol), each once with the first place it is cited; and the report's own addenda and
corrigenda wherever they are printed (the contents or the front matter: "Addendum – X/Add.1"), which are other
documents. A decision cited by its symbol is a decision where it is cited so ("IPCC decisions IPCC/XLIII-6"), a
document where it is cited as one ("the provisional agenda (IPBES/1/1)")."""
from __future__ import annotations

from unkg.extract import citations
from unkg.extract.context import Context
from unkg.lang import symbols
from unkg.model import Reference, Source
from unkg.read.blocks import Block


def read(ctx: Context) -> None:
    # a decision cited by its symbol ("IPCC decisions IPCC/XLIII-6") is not a document cited there
    decided = [d.reference for d in ctx.report.decisions if symbols.is_symbol(d.reference)]
    for n, blocks in ctx.groups.items():
        read_blocks(ctx, blocks, ctx.source(n), decided)
    read_blocks(ctx, [b for b in ctx.seg.blocks if b.kind == "annex"], Source(None), decided)
    for note in ctx.seg.footnotes:
        read_blocks(ctx, [note], Source(note.para, page=note.page if ctx.seg.paged else None), decided)
    for link in ctx.seg.links:
        for parts in symbols.find_symbols(link.split("undocs.org/", 1)[-1]):
            for sym in parts:
                add(ctx, sym, Source(None))
    own = ctx.report.symbol.text + "/"
    for block in ctx.seg.blocks:
        if own in block.text:
            for sym in (s for parts in symbols.find_symbols(block.text) for s in parts if s.startswith(own)):
                add(ctx, sym, Source(block.para))


def read_blocks(ctx: Context, blocks: list[Block], source: Source, decided: list[str]) -> None:
    for block in blocks:
        text = block.text
        if decided and any(ref in text for ref in decided):
            text = citations.without_decision_symbols(text, ctx.lex)
        for parts in symbols.find_symbols(text):
            for sym in parts:
                add(ctx, sym, source)


def add(ctx: Context, sym: str, source: Source) -> None:
    if sym == ctx.report.symbol.text or any(ref.symbol == sym for ref in ctx.report.references):
        return
    ctx.report.references.append(Reference(sym, source))
