"""Stage `extract`: the documents before the meeting — items with symbols under a documentation heading or after a
"had before it"-like lead-in, and documents named in running text after such a lead-in, each with its title.

A draft the body acts on ("had before it a draft resolution entitled … (A/C.2/77/L.59)") and the records of its
meetings (SR, PV) are not documents before it: the drafts are read by `drafts`, the records are references."""
from __future__ import annotations

import re

from unkg.extract import agenda, recommendations
from unkg.extract.context import END_PUNCT, SENTENCE_END, Context
from unkg.lang import symbols
from unkg.model import DocumentBefore, Source
from unkg.read.blocks import Block

# A parenthesis that may hold a qualified symbol: "(A/77/153 (Part I) and A/77/153 (Part II))".
_PARENTHESIS = re.compile(r"[(（]((?:[^()（）]|\([^()]*\))+)[)）]")
_RECORDS = {"SR", "PV"}
_QUOTED = re.compile(r"[“\"«„「《][^”\"»」》]*[”\"»」》]")


def lists_documents(ctx: Context, n: int) -> bool:
    """Paragraph n lists items holding symbols under a documentation heading or lead-in (and is neither an agenda
    nor recommendations). Items without symbols are not documents (a sub-heading "2. Conclusions" read as an item)."""
    blocks = ctx.groups[n]
    items = ctx.items(n)
    return bool(items) and not agenda.lists_agenda(ctx, n) and not recommendations.lists_recommendations(ctx, n) \
        and ("documents" in ctx.kinds(blocks[0]) or ctx.lex.mentions("documents", ctx.lead_in(blocks[0].text))) \
        and any(symbols.find_symbols(b.text) for b in items)


def read(ctx: Context) -> None:
    before_it = ctx.lex.vocab_rx("before_it")
    drafts = _drafts_named(ctx)
    for n, blocks in ctx.groups.items():
        source = ctx.source(n)
        if lists_documents(ctx, n):
            read_list(ctx, blocks, source, drafts)
            continue
        # a paragraph that adopts the agenda may first name the document that proposed it; a paragraph on an
        # item says in one of its sentences what the body had before it ("It had before it documents X and Y")
        if before_it is None or "/" not in ctx.para_text(n) or not before_it.search(ctx.para_text(n)):
            continue
        for block in blocks:
            if before_it.search(block.text):
                read_text(ctx, block.text, source, drafts)


def read_list(ctx: Context, blocks: list[Block], source: Source, drafts: set[str]) -> None:
    """Documents before the meeting listed as items, one symbol (or joint symbols) each."""
    for block in blocks[1:]:
        if block.kind == "item":
            document(ctx, block.text, source, drafts)


def _statement(text: str, start: int) -> str:
    """The text from `start` to the end of its sentence; clauses joined by semicolons are one statement ("had
    before it for sub-item (a) documents X; for sub-item (c) documents Y")."""
    end = start
    while (m := SENTENCE_END.search(text, end)) is not None:
        end = m.end()
        if m.group() not in ";；؛":
            return text[start:end]
    return text[start:]


def read_text(ctx: Context, text: str, source: Source, drafts: set[str]) -> None:
    """Documents named in running text after a "had before it"-like lead-in: each title runs to
    the symbol in parentheses after it ("the annotated provisional agenda (X/1) and a note … (X/2)")."""
    for lead in ctx.lex.vocab_rx("before_it").finditer(text):
        sentence = _statement(text, lead.end())  # not the records cited after it
        start = 0
        for m in _PARENTHESIS.finditer(sentence):
            if symbols.find_symbols(m.group(1)):
                document(ctx, sentence[start:m.end()], source, drafts)
                start = m.end()
        if start == 0:  # symbols without titles: "It had before it documents X/1 and X/2."
            starts = [m.start() for m in _SYMBOL_START.finditer(sentence)] + [len(sentence)]
            for i, (at, upto) in enumerate(zip(starts, starts[1:])):
                described = sentence[starts[i - 1] if i else 0:at]  # "… and draft resolution" before it
                if not _is_draft(ctx, described):
                    for parts in symbols.find_symbols(sentence[at:upto]):
                        add(ctx, parts, None, source, drafts)


# Where a symbol starts (not the second part of a joint symbol, not a modifier written alone).
_SYMBOL_START = re.compile(r"(?<![\w/.\-])[A-Z][A-Z0-9.()]*/")


def _drafts_named(ctx: Context) -> set[str]:
    """The symbols the report calls drafts anywhere ("draft resolution A/C.1/77/L.2"): a draft is never a document
    before the meeting, whatever sentence names it ("explanations of vote before the vote on A/C.1/77/L.2")."""
    kinds = [ctx.lex.rx(f"drafts.kinds.{kind}") for kind in ctx.lex.get("drafts.kinds", {})]
    named: set[str] = set()
    for n in ctx.groups:
        text = ctx.para_text(n)
        if "/" not in text:
            continue
        for rx in kinds:
            for m in rx.finditer(text):
                window = text[m.end():m.end() + 60]
                if _SYMBOL_START.match(window.lstrip()):
                    named.update(next(iter(symbols.find_symbols(window)), []))
    return named


def _is_draft(ctx: Context, described: str) -> bool:
    """The words before a symbol call it a draft ("a draft resolution entitled “…”", "le projet de décision")."""
    described = _QUOTED.sub(" ", described)
    return any(ctx.lex.rx(f"drafts.kinds.{kind}").search(described) for kind in ctx.lex.get("drafts.kinds", {}))


def document(ctx: Context, text: str, source: Source, drafts: set[str]) -> None:
    found = symbols.find_symbols(text)
    first = _SYMBOL_START.search(text)
    if not found or _is_draft(ctx, text[:first.start()] if first else text):
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
        add(ctx, parts, title, source, drafts)


def add(ctx: Context, parts: list[str], title: str | None, source: Source, drafts: set[str]) -> None:
    """A document before the meeting, once; never a record of the meetings nor a draft."""
    parts = [p for p in parts if symbols.parse(p).special not in _RECORDS and p not in drafts]
    if parts and not any(d.symbols == parts for d in ctx.report.documents):
        ctx.report.documents.append(DocumentBefore(parts, title, source))
