"""Stage `extract`: the documents before the meeting — items with symbols under a documentation heading or after a
"had before it"-like lead-in, and documents named in running text after such a lead-in, each with its title."""
from __future__ import annotations

import re

from unkg.extract import agenda, recommendations
from unkg.extract.context import END_PUNCT, PARENTHESIS, Context
from unkg.lang import symbols
from unkg.model import DocumentBefore, Source
from unkg.read.blocks import Block


def lists_documents(ctx: Context, n: int) -> bool:
    """Paragraph n lists items holding symbols under a documentation heading or lead-in (and is neither an agenda
    nor recommendations). Items without symbols are not documents (a sub-heading "2. Conclusions" read as an item)."""
    blocks = ctx.groups[n]
    items = ctx.items(n)
    return bool(items) and not agenda.lists_agenda(ctx, n) and not recommendations.lists_recommendations(ctx, n) \
        and ("documents" in ctx.kinds(blocks[0]) or ctx.lex.mentions("documents", ctx.lead_in(blocks[0].text))) \
        and any(symbols.find_symbols(b.text) for b in items)


def read(ctx: Context) -> None:
    for n, blocks in ctx.groups.items():
        source = ctx.source(n)
        if lists_documents(ctx, n):
            read_list(ctx, blocks, source)
        # a paragraph that adopts the agenda may first name the document that proposed it
        elif ctx.lex.mentions("before_it", ctx.lead_in(blocks[0].text)):
            read_text(ctx, blocks[0].text, source)


def read_list(ctx: Context, blocks: list[Block], source: Source) -> None:
    """Documents before the meeting listed as items, one symbol (or joint symbols) each."""
    for block in blocks[1:]:
        if block.kind == "item":
            document(ctx, block.text, source)


def read_text(ctx: Context, text: str, source: Source) -> None:
    """Documents named in running text after a "had before it"-like lead-in: each title runs to
    the symbol in parentheses after it ("the annotated provisional agenda (X/1) and a note … (X/2)")."""
    for lead in ctx.lex.vocab_rx("before_it").finditer(text):
        sentence = ctx.sentence_around(text, lead.start(), lead.end())  # not the records cited after it
        start = begin = sentence.index(text[lead.start():lead.end()]) + lead.end() - lead.start()
        for m in PARENTHESIS.finditer(sentence, start):
            if symbols.find_symbols(m.group(1)):
                document(ctx, sentence[start:m.end()], source)
                start = m.end()
        if start == begin:  # symbols without titles: "It had before it documents X/1 and X/2."
            for parts in symbols.find_symbols(sentence[begin:]):
                if not any(d.symbols == parts for d in ctx.report.documents):
                    ctx.report.documents.append(DocumentBefore(parts, None, source))


def document(ctx: Context, text: str, source: Source) -> None:
    found = symbols.find_symbols(text)
    if not found:
        return
    m = ctx.lex.rx("documents.title").search(text) if ctx.lex.rx("documents.title") else None
    if m:
        title = m.group("title")
    else:
        words = re.split(r"[(（]", text)[0].strip(" " + END_PUNCT)
        skip = ctx.names.skip_words
        while words.split(" ", 1)[0].lower() in skip and " " in words:  # "and a note …", "the …"
            words = words.split(" ", 1)[1]
        title = words
    for parts in found:
        ctx.report.documents.append(DocumentBefore(parts, title, source))
