"""Stage `extract`: statements — who spoke on which agenda item: a sentence with a statement word and agenda item
numbers, in any order, naming States, organizations or the secretariat ("L'observateur de l'Union européenne … ont
également fait des déclarations au titre du point 2")."""
from __future__ import annotations

import re

from unkg.extract.context import Context
from unkg.model import Source, Statement


def states_speakers(ctx: Context, n: int) -> bool:
    """Paragraph n says who made statements on numbered agenda items."""
    first = ctx.groups[n][0]
    return ("statements" in ctx.kinds(first) or ctx.lex.mentions("statement", first.text)) \
        and bool(item_numbers(ctx, first.text))


def read(ctx: Context) -> None:
    for n, blocks in ctx.groups.items():
        if states_speakers(ctx, n):
            read_paragraph(ctx, blocks[0].text, ctx.source(n))


def item_numbers(ctx: Context, text: str) -> list[str]:
    """Agenda items a sentence names ("under agenda items 2 and 3 (b)", "议程项目2和3") as "2", "3.b"."""
    m = ctx.lex.rx("item_numbers").search(text) if ctx.lex.rx("item_numbers") else None
    if not m:
        return []
    keys = []
    for item in re.findall(r"\d+(?:\s*[(（]?[a-z][)）])?", m.group("items")):
        num = re.match(r"\d+", item).group(0)
        sub = re.search(r"([a-z])[)）]", item)
        keys.append(f"{num}.{sub.group(1)}" if sub else num)
    return keys


def read_paragraph(ctx: Context, text: str, source: Source) -> None:
    keys = item_numbers(ctx, text)
    introductory = ctx.lex.mentions("introductory", text)
    speakers = [e for e in ctx.entities_in(text, source) if e.kind != "unresolved"]
    if not speakers:
        ctx.report.warn(f"{ctx.where(source)}: statements without a recognised speaker", source)
    for entity in speakers:
        for key in keys:
            ctx.report.statements.append(Statement(entity, key, source, introductory))
