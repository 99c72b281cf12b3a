"""Stage `extract`: who sponsored a draft — the States a sentence about it names next to a sponsoring verb, as
submitters or as States that joined in sponsoring later, and the States that withdrew from its sponsors.

In a sentence that says both ("X, also on behalf of A and B, introduced the draft … and announced that C had
joined in sponsoring it"), the States that joined are the run of names standing next to the joining verb; the
others submitted it. A draft submitted by an officer of the Committee (the Chair, a Vice-Chair, the Rapporteur)
or by a State in its capacity as the officer of another body has no sponsor by that sentence, and the State
that coordinated the consultations it rests on is none either (a context clause, `draft_text.blank_context`).
A footnote or sentence saying a State sponsored it in error takes that State off. All wording comes from the
lexicon's "drafts" table.
"""
from __future__ import annotations

from unkg.extract.context import Context
from unkg.extract.draft_text import located_states, words_between
from unkg.model import Draft, Entity, Source, Sponsorship

_NEXT_TO = 2  # words that may stand between two names of one run, or between a run and its verb


def read(ctx: Context, sentence: str, drafts: list[Draft], source: Source) -> None:
    """Sponsorships a sentence states for drafts (the sentence with its context clauses blanked)."""
    lex = ctx.lex
    withdrawn = withdrawn_in_error(ctx, sentence)
    if withdrawn:
        for d in drafts:
            d.sponsors = [s for s in d.sponsors if s.entity.code not in {e.code for e in withdrawn}]
        return
    joined_rx, submitted_rx = lex.rx("drafts.joined"), lex.rx("drafts.submitted")
    joins = list(joined_rx.finditer(sentence)) if joined_rx else []
    submits = bool(submitted_rx and submitted_rx.search(sentence))
    if not joins and not submits:
        return
    states = located_states(ctx, sentence)
    joining = set(range(len(states))) if not submits else \
        {i for m in joins for i in _run_next_to(sentence, states, m.start(), m.end())}
    by_officer = any(rx.search(sentence) for rx in (lex.rx("drafts.by_officer"), lex.rx("drafts.capacity")) if rx)
    for i, (_, _, entity) in enumerate(states):
        how = "joined" if i in joining else "submitted"
        if how == "submitted" and by_officer:
            continue
        for d in drafts:
            if not any(s.entity.code == entity.code for s in d.sponsors):
                d.sponsors.append(Sponsorship(entity, how, source))


def _run_next_to(sentence: str, states: list[tuple[int, int, Entity]], start: int, end: int) -> set[int]:
    """The names that stand next to a verb: the run of names just before it ("announced that Egypt had joined"),
    and the run just after it or after the colon that follows it ("К числу авторов присоединились A, B";
    "joined in sponsoring the draft resolution: A, B")."""
    out: set[int] = set()
    edge = start
    for i in range(len(states) - 1, -1, -1):
        s, e, _ = states[i]
        if e > start:
            continue
        if words_between(sentence[e:edge]) > _NEXT_TO:
            break
        out.add(i)
        edge = s
    edge = end
    for i, (s, e, _) in enumerate(states):
        if s < end:
            continue
        gap = sentence[edge:s]
        if words_between(gap) > _NEXT_TO and not (edge == end and ":" in gap):
            break
        out.add(i)
        edge = e
    return out


def withdrawn_in_error(ctx: Context, text: str) -> list[Entity]:
    """States a text says sponsored a draft in error, or withdrew as its sponsors."""
    rx = ctx.lex.rx("drafts.sponsor_error")
    if rx is None or not rx.search(text):
        return []
    return [e for _, _, e in located_states(ctx, text)]


def withdraw_in_error(ctx: Context, drafts: list[Draft], states: list[Entity], page: int | None) -> None:
    """A footnote says States sponsored a draft in error: take them off the one draft they sponsor (of those whose
    sponsorship is stated on the footnote's page, if several)."""
    pages = {n: {b.page for b in blocks} for n, blocks in ctx.groups.items()}
    for entity in states:
        having = [d for d in drafts if any(s.entity.code == entity.code for s in d.sponsors)]
        if len(having) > 1:
            having = [d for d in having if any(s.entity.code == entity.code and page in
                                               pages.get(s.source.paragraph, ()) for s in d.sponsors)]
        if len(having) == 1:
            having[0].sponsors = [s for s in having[0].sponsors if s.entity.code != entity.code]
