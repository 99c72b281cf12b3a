"""Stage `extract`: what a report's facts hold and lack — a count for each kind of fact, the kinds its genre
normally states (data/genres.json) marked as expected, and the checks the text allows: stated vote counts equal to
the names listed, agenda items found as headings or item markers in the body, paragraphs numbered without gaps.

Run last, over what the other readers found; the graph states the measurements with the W3C Data Quality Vocabulary
(`unkg.graph.quality`), and `unkg convert` lists the expected kinds a report lacks.
"""
from __future__ import annotations

import json
import re
from functools import cache

from unkg.extract.context import Context
from unkg.lang.names import bodies
from unkg.model import Measurement, Report
from unkg.resources import data_path

# The kinds of fact counted, in the order they are reported (the metrics of the ontology: unkg:metric-<kind>).
KINDS = ("meeting-number", "meeting-dates", "sittings", "officers", "agenda", "attendance", "statements",
         "documents", "recommendations", "outcomes", "drafts", "votes", "adoption", "decisions-cited",
         "documents-cited")
CHECKS = ("vote-count-mismatches", "agenda-items-headed", "paragraphs-out-of-sequence", "expected-missing")


@cache
def genres() -> dict[str, dict]:
    return json.loads(data_path("genres.json").read_text(encoding="utf-8"))["genres"]


def genre_of(report: Report) -> str:
    """The genre by the kind of the body that met (data/bodies.csv): the body found, else the longest series of
    the table that the report's symbol starts with (ECE/MP.WAT/29: the Meeting of the Parties); a resolution by
    its symbol."""
    if report.symbol.special == "RES":
        return "resolution"
    table = bodies()
    row = table.get(report.body_series)
    if row is None:
        series = [s for s in table if report.symbol.text.startswith(s + "/")]
        row = table[max(series, key=len)] if series else {}
    kind = row.get("kind")
    return next((name for name, g in genres().items() if kind in g["bodies"]), "meeting")


def vote_count_mismatches(report: Report) -> int:
    """Recorded votes whose lists of names do not add up to the counts the text states."""
    out = 0
    for d in report.drafts:
        listed = [v for v in d.votes if not v.intended]
        if listed and d.stated_counts and any(
                sum(1 for v in listed if v.vote == key) != stated for key, stated in d.stated_counts.items()):
            out += 1
    return out


def agenda_items_headed(ctx: Context) -> int:
    """Agenda items the body of the report names as a heading (its title) or an item marker ("(Agenda item 3)",
    which the outcomes reader notes as it meets them)."""
    headings = {_key(b.text) for b in ctx.seg.blocks if b.kind == "heading"}
    headings |= {_key(t) for t in {t for b in ctx.seg.blocks for t in (b.section, b.subsection) if t}}
    count = 0
    for item in ctx.report.agenda:
        title = _key(item.title)
        if item.key in ctx.items_marked or str(item.number) in ctx.items_marked or (
                title and any(title in h for h in headings)):
            count += 1
    return count


def paragraphs_out_of_sequence(ctx: Context) -> int:
    """Lines numbered like a paragraph that skip ahead of the paragraph expected ("6." after paragraph 4): the
    numbering has a gap, and what follows is not read as paragraphs (0 for a text that numbers none)."""
    return 0 if ctx.seg.positions == "line" else ctx.seg.out_of_sequence


_NOT_WORD = re.compile(r"\W+")


def _key(text: str | None) -> str:
    return _NOT_WORD.sub("", (text or "").casefold())


def read(ctx: Context) -> None:
    report = ctx.report
    report.genre = genre_of(report)
    expected = set(genres()[report.genre]["expected"])
    found = report.fact_counts()
    report.quality = [Measurement(kind, found[kind], kind in expected) for kind in KINDS]
    report.quality += [
        Measurement("vote-count-mismatches", vote_count_mismatches(report)),
        Measurement("agenda-items-headed", agenda_items_headed(ctx)),
        Measurement("paragraphs-out-of-sequence", paragraphs_out_of_sequence(ctx)),
        Measurement("expected-missing", sum(1 for kind in expected if not found[kind])),
    ]
