"""Stage `extract`: attendance — which States and organizations attended, and in what capacity (party, member,
signatory, observer, igo, ngo, un-entity, focal point).

A list of States or organizations is read wherever it stands in the attendance section (or after a lead-in with an
attending verb and a role word), a sentence at a time; its capacity is the first role whose words its lead-in or
heading holds; an organization takes its own kind from the reference tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from unkg.extract import statements
from unkg.extract.context import SENTENCE_END, Context
from unkg.model import FocalPoint, Participation, Source
from unkg.read.blocks import Block

ORGANIZATIONS = ("igo", "ngo", "un-entity")


@dataclass
class _State:
    role: str | None = None  # the capacity of the last list of participants
    place: tuple | None = None  # the last paragraph read as a list of participants, with its headings


def read(ctx: Context) -> None:
    state = _State()
    for n, blocks in ctx.groups.items():
        if statements.states_speakers(ctx, n):
            continue
        lead = ctx.lead_in(blocks[0].text)
        if "attendance" in ctx.kinds(blocks[0]) or (ctx.lex.mentions("attend", lead) and ctx.lex.role_in(lead) and (
                ctx.lex.split_at_colon(blocks[0].text) or (
                    ctx.seg.positions != "line" and state.place == place_of(n - 1, blocks)))):
            # a list after a colon, or a numbered paragraph that continues the one before it in prose ("The
            # session was also attended by observers from the Holy See"); in a text without numbered
            # paragraphs the line before is only the sentence before
            read_paragraph(ctx, blocks[0].text, ctx.source(n), state)
            state.place = place_of(n, blocks)


def read_paragraph(ctx: Context, text: str, source: Source, state: _State) -> None:
    """Lists of participants, a sentence at a time; the capacity from the role words of the
    sentence's lead-in, else of the paragraph's first sentence or its heading."""
    block = ctx.groups[source.paragraph][0]
    sentences = ctx.sentences(text) if not ctx.lex.split_at_colon(text) else list_sentences(ctx, text)
    default = ctx.lex.role_in(ctx.lead_in(sentences[0])) or ctx.lex.role_in(block.subsection or "")
    for sentence in sentences:
        role = ctx.lex.role_in(ctx.lead_in(sentence)) or default
        # "The Commission and the Council of the European Union were also represented": no role word
        # of its own, the capacity of the list it adds to.
        if role is None and ctx.lex.mentions("also", sentence):
            role = state.role
        state.role = role or state.role
        # Without a role word ("Representatives of FAO, UNDP … were present") organizations still
        # attend in the capacity their kind gives them; States do not, their capacity being unknown.
        if role is not None or ctx.lex.mentions("attend", sentence):
            participants(ctx, sentence, role, source)
    # A list in lettered items under its lead-in, each item headed by its capacity ("(a) Intergovernmental
    # organizations: …"); items without one are not lists of participants.
    for item in ctx.groups[source.paragraph][1:]:
        role = ctx.lex.role_in(ctx.lead_in(item.text)) if item.kind == "item" else None
        if role and ctx.lex.split_at_colon(item.text):
            participants(ctx, item.text, role, source)


def list_sentences(ctx: Context, text: str) -> list[str]:
    """The sentence holding a list after a colon (whose names may hold full stops only at its end),
    then the sentences after it."""
    head, tail = ctx.lex.split_at_colon(text)
    end = SENTENCE_END.search(tail.rstrip().rstrip(".。"))
    if not end:
        return [text]
    return [head + ":" + tail[:end.end()]] + ctx.sentences(tail[end.end():])


def participants(ctx: Context, text: str, role: str | None, source: Source) -> None:
    lead = ctx.lead_in(text)
    entities = ctx.entities_in(text, source)
    count_rx = ctx.lex.rx("attendance_count")
    stated = count_rx.search(lead) if count_rx else None
    if stated:
        expected = ctx.lex.number(stated.group("count"), "cardinals")
        if expected is not None and expected != len(entities):
            ctx.report.warn(f"{ctx.where(source)}: the text states {expected} but lists {len(entities)}",
                        source)
    for entity in entities:
        if entity.kind == "body" or (role is None and entity.kind not in ORGANIZATIONS):
            continue
        if entity.kind == "unresolved" and not is_a_name(ctx, entity.surface):
            ctx.report.warn(f"{ctx.where(source)}: {entity.surface[:60]!r} is not a name of a participant", source)
            continue
        if role == "focal-point":
            ctx.report.focal_points.append(FocalPoint(entity, source))
        elif entity.kind in ORGANIZATIONS:
            ctx.report.participations.append(Participation(entity, entity.kind, source))
        elif entity.kind == "unresolved" and role in ORGANIZATIONS:  # a name not in the tables
            ctx.report.participations.append(Participation(entity, role, source))
        else:  # a State in a list of organizations attends as an observer
            state_role = role if role in ("party", "member", "signatory", "observer") else "observer"
            ctx.report.participations.append(Participation(entity, state_role, source))


def is_a_name(ctx: Context, surface: str) -> bool:
    """A name as printed that is not in the tables may still be a participant ("Centre for Coastal Studies"), but
    never a clause (a rule of procedure quoted after a colon): not longer than a name (the lexicon's `not_a_name`
    limit, in words, or in characters for scripts written without spaces) and holding none of its clause words."""
    rule = ctx.lex.get("not_a_name", {})
    if "max_chars" in rule and len(surface) > rule["max_chars"]:
        return False
    if "max_words" in rule and len(surface.split()) > rule["max_words"]:
        return False
    clause = ctx.once(("not_a_name",), lambda: _whole_words(rule.get("words", []), ctx.lex.unsegmented))
    return clause is None or not clause.search(surface)


def _whole_words(words: list[str], unsegmented: bool) -> re.Pattern[str] | None:
    """Any of the words, whole (not "is" in "island"); anywhere in a script written without spaces."""
    if not words:
        return None
    alt = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(alt if unsegmented else rf"(?<!\w)(?:{alt})(?!\w)", re.IGNORECASE)


def place_of(n: int, blocks: list[Block]) -> tuple:
    """Paragraph n under the headings of `blocks` (the same chapter and section)."""
    return n, blocks[0].section, blocks[0].subsection
