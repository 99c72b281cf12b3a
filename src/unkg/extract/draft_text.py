"""Stage `extract`: how the sentences about drafts are read — sentences that an abbreviation does not end, the
States a sentence names (outside quoted titles and group names) with their places, and the clauses that only
give the context of an act ("in the light of the adoption of draft resolution L.59, …", "on the basis of informal
consultations coordinated by the representative of Japan"): what they name is neither acted on nor a sponsor.

Shared by the readers of drafts, votes and sponsors; every wording comes from the lexicon's "drafts" table.
"""
from __future__ import annotations

import re

from unkg.extract.context import Context
from unkg.lang import symbols
from unkg.lang.lexicon import Lexicon
from unkg.model import Entity

QUOTED = re.compile(r"[“\"«„「『][^”\"»“」』]*[”\"»」』]")
_CLAUSE_END = re.compile(r"[,;，；،؛]|$")
_SYMBOLISH = re.compile(r"[A-Z][A-Za-z0-9.()]*(?:/[A-Za-z0-9.()-]+)+|(?<![\w/.])L\.\d+(?:/Rev\.\d+)?")


_ABBREVIATIONS: dict[str, set[str]] = {}
_CONTEXT: dict[str, re.Pattern[str] | None] = {}


def sentences(lex: Lexicon, text: str) -> list[str]:
    """Sentences of a paragraph; an abbreviation ("para.", "Mr.") does not end one."""
    abbreviations = _ABBREVIATIONS.get(lex.lang)
    if abbreviations is None:
        abbreviations = _ABBREVIATIONS[lex.lang] = {a.lower() for a in lex.get("drafts.abbreviations", [])}
    out, start = [], 0
    for m in re.finditer(r"(?:\.\s+|。\s*)(?=[^\W\d_])", text):
        word = text[:m.start() + 1].rsplit(None, 1)[-1].lower()
        if word in abbreviations or text[m.end()].islower():
            continue
        out.append(text[start:m.end()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def blank_context(lex: Lexicon, sentence: str) -> str:
    """The sentence with its context clauses blanked (same length, so that positions still hold): from the
    lexicon's opening words to the end of the clause (a comma, a semicolon or the end of the sentence, quoted
    titles inside it skipped), or to the end of the documents it names where they come first."""
    if lex.lang not in _CONTEXT:  # one regex for every opening: most sentences have none, one search says so
        patterns = lex.get("drafts.context") or []
        _CONTEXT[lex.lang] = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None
    rx = _CONTEXT[lex.lang]
    if rx is None or not rx.search(sentence):
        return sentence
    spans = []
    for m in rx.finditer(sentence):
        rest = QUOTED.sub(lambda q: " " * len(q.group(0)), sentence[m.start():])
        end = _CLAUSE_END.search(rest, m.end() - m.start()).start()
        named = list(_SYMBOLISH.finditer(rest, 0, end))
        if named:  # the clause ends with the documents it names ("в свете принятия проекта L.59 авторы …")
            last = named[0]
            for following in named[1:]:
                if words_between(rest[last.end():following.start()]) > 1:
                    break
                last = following
            end = max(last.end(), m.end() - m.start())
        spans.append((m.start(), m.start() + end))
    chars = list(sentence)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def strip_groups(ctx: Context, text: str) -> str:
    """Quoted titles, group names ("the Group of 77 and China") and elided articles taken out, each replaced by
    spaces of its length so that positions still hold."""
    text = QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    elision = ctx.lex.rx("drafts.elision")  # "l'Égypte": the article is written onto the name
    if elision:
        text = elision.sub(lambda m: " " * len(m.group(0)), text)
    for pattern in ctx.lex.get("drafts.groups", []):
        text = re.sub(pattern, lambda m: " " * len(m.group(0)), text, flags=re.IGNORECASE)
    return text


def named(ctx: Context, text: str) -> list[Entity]:
    """States and organizations named in text, outside quoted titles and group names
    ("on behalf of the Group of 77 and China" names no sponsor and no speaker)."""
    return ctx.names.scan(strip_groups(ctx, text))


def located_states(ctx: Context, text: str) -> list[tuple[int, int, Entity]]:
    """The States (and the European Union) text names, with where each stands in it."""
    clean = strip_groups(ctx, text)
    out, pos = [], 0
    for entity in ctx.names.scan(clean):
        start = clean.find(entity.surface, pos)
        if start < 0:
            start = pos
        end = start + len(entity.surface)
        pos = end
        if entity.kind in ("state", "reio"):
            out.append((start, end, entity))
    return out


def words_between(text: str) -> int:
    """How many words stand in a stretch of text (to tell names that follow one another in a list)."""
    return len(re.findall(r"[^\W\d_]+", text))


def held_drafts(lex: Lexicon, text: str, kinds: list[tuple[str, re.Pattern[str]]],
                own: str) -> list[tuple[str, str, str, int | None]]:
    """(designation, kind, holder, number) of the drafts without a symbol of their own a sentence names ("draft
    resolution I contained in chapter XIII of the report of the Special Committee (A/99/23)" is "A/99/23 draft
    resolution I", number 1): the holder is the document cited after the label (before it in languages that name it
    first), never a draft, a record or the report itself."""
    rx = lex.rx("drafts.held")
    out = []
    for m in rx.finditer(text) if rx else ():
        cited = [(text.find(sym), sym) for parts in symbols.find_symbols(text) for sym in parts]
        cited = [(pos, sym) for pos, sym in cited if symbols.parse(sym).special not in {"L", "SR", "PV"} and sym != own]
        holder = next((sym for pos, sym in cited if pos >= m.end()), None) or \
            next((sym for pos, sym in reversed(cited) if pos < m.start()), None)
        kind = next((k for k, krx in kinds if krx.fullmatch(m.group("kind"))), None)
        if holder is None or kind is None:
            continue
        label = m.groupdict().get("label")
        out.append((f"{holder} {' '.join(m.group('kind').split()).lower()}" + (f" {label}" if label else ""),
                    kind, holder, label_number(lex, label) if label else None))
    return out


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def label_number(lex: Lexicon, label: str) -> int | None:
    """The number a draft's label gives it, whatever the language writes: "IV" 4, "B" 2, "الأول" 1, "三" 3."""
    if re.fullmatch(r"[IVXLC]+", label):
        values = [_ROMAN[c] for c in label]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    if re.fullmatch(r"[A-Z]", label):
        return ord(label) - ord("A") + 1
    return lex.number(label, "ordinals")


def oral_proposers(ctx: Context, text: str) -> list[Entity]:
    """The States a sentence says proposed an amendment orally: those named before the words, else the first after."""
    rx = ctx.lex.rx("drafts.oral_amendment")
    m = rx.search(text) if rx else None
    if m is None:
        return []
    before = [e for e in named(ctx, text[:m.start()]) if e.kind in ("state", "reio")]
    return before or [e for e in named(ctx, text[m.end():]) if e.kind in ("state", "reio")][:1]
