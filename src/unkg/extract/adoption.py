"""Stage `extract`: the adoption of the report — an adoption verb and "report" close together in either order
("adopted the present report", "Le présent rapport a été adopté"), with its sitting, date and the chapters it names
in any script ("chapters I, II and IV", "第一、二和四章", "الفصول الأول والثاني والرابع")."""
from __future__ import annotations

import re

from unkg.extract import sittings
from unkg.extract.context import Context
from unkg.lang.numerals import numeral_value, to_roman
from unkg.model import Act, Source


def read(ctx: Context) -> None:
    """The adoption is read in the report's own section where it has one ("Adoption of the report" is also an
    agenda item's title), else in any paragraph."""
    has_section = any("adoption" in ctx.kinds(blocks[0]) for blocks in ctx.groups.values())
    for n, blocks in ctx.groups.items():
        if "adoption" in ctx.kinds(blocks[0]) or not has_section:
            read_paragraph(ctx, " ".join(b.text for b in blocks if b.kind != "item"), ctx.source(n))


def read_paragraph(ctx: Context, text: str, source: Source) -> None:
    """The report adopted: an adoption verb and the word "report" in one clause, whatever their
    order ("adopted the present report", "Le présent rapport a été adopté"), with the chapters
    it names in any script ("chapters I, II and IV", "第一、二和四章", "الفصول الأول والثاني")."""
    chapters_rx = ctx.lex.rx("adoption.chapters")
    for sentence in ctx.sentences(text):
        if not ctx.near("adopt", "report", chapters_rx.sub(" ", sentence) if chapters_rx else sentence) \
                and not adopts_around_when(ctx, sentence):
            continue
        chapters_m = chapters_rx.search(sentence) if chapters_rx else None
        chapters = []
        if chapters_m:
            split = ctx.lex.get("adoption.chapter_split")
            chapters = [chapter(ctx, c) for c in re.split(split, chapters_m.group("chapters")) if c.strip()]
        sitting = next(sittings.sittings_in(ctx, text), None)
        number, when = (sitting[0], sitting[1]) if sitting else (sittings.same_sitting(ctx, sentence, source), None)
        resumed = bool(sitting and sitting[2].groupdict().get("resumed"))
        if when is None:
            found = ctx.lex.dates(sentence) or ctx.lex.dates(text)
            when = found[0][0] if found else sittings.sitting_date(ctx, number, resumed)
        ctx.report.acts.append(Act("adoption-of-report", number, when, None, chapters, source))
        return


def adopts_around_when(ctx: Context, sentence: str) -> bool:
    """The verb and "report" set apart by when it happened ("اعتمدت اللجنة، في جلستها الثانية عشرة المعقودة
    في 21 آذار/مارس 2031، مشروع التقرير"): close once the sitting and its date are left out. Tried only for a
    sentence holding both words."""
    if not (ctx.lex.mentions("adopt", sentence) and ctx.lex.mentions("report", sentence)):
        return False
    bare = ctx.lex.rx("sitting").sub(" ", sentence)
    for pattern in ctx.lex.date_patterns:
        bare = pattern.sub(" ", bare)
    return ctx.near("adopt", "report", re.sub(r"[\s,،、，]+", " ", bare))


def chapter(ctx: Context, label: str) -> str:
    """A chapter number as a roman numeral, whatever the script ("四", "IV", "الرابع")."""
    label = label.strip()
    value = numeral_value(label)
    if value is None:
        value = ctx.lex.number(label, "ordinals")
    return to_roman(value) if value else label


def committee_report(ctx: Context) -> None:
    """A Main Committee's report to its parent body is not adopted in its own text: "recommends … the adoption of the
    following draft resolution: Report of the Human Rights Council" adopts no report, it names a draft's title."""
    ctx.report.acts = [a for a in ctx.report.acts if a.kind != "adoption-of-report"]
