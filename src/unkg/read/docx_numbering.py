"""Stage `read`: Word's automatic numbering and paragraph styles, rendered as Word renders them — abstract
numbering levels with their format, level text ("%1.", "(%2)", "%1.%2"), start values, restarts (lvlRestart,
startOverride), legal numbering, numbering through paragraph styles."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

from unkg.read.docx_package import attr, int_value, is_on, w
from unkg.resources import data_path


@cache
def _formats() -> dict:
    return json.loads(data_path("word-number-formats.json").read_text(encoding="utf-8"))


def roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _repeated_letter(n: int, alphabet) -> str:
    """Word's letter counting: a … z, then aa … zz, aaa …"""
    count, index = divmod(n - 1, len(alphabet))
    return alphabet[index] * (count + 1)


def _chinese(n: int) -> str:
    digits, ten = _formats()["chinese_digits"], _formats()["chinese_ten"]
    if n < 10:
        return digits[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[units] if units else "")
    return str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word number format (ST_NumberFormat)."""
    if n <= 0 and fmt not in ("decimal", "decimalZero"):
        return str(n)
    formats = _formats()
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText", "decimalHalfWidth", "decimalFullWidth"):
        return str(n)  # ordinal/cardinal words depend on the document's language; Word's digits fall back
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        return roman(n) if fmt == "upperRoman" else roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = _repeated_letter(n, "abcdefghijklmnopqrstuvwxyz")
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in formats["letters"]:
        return _repeated_letter(n, formats["letters"][fmt])
    if fmt in formats["chinese_formats"]:
        return _chinese(n)
    if fmt == "ideographDigital":
        return "".join(formats["chinese_digits"][int(d)] for d in str(n))
    if fmt in formats["enclosed"]:
        return formats["enclosed"][fmt].format(n)
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: None = after any higher level; 0 = never; n = after level n (1-based)
    legal: bool = False  # isLgl: every level shown in decimal
    indent: int = 0  # left indent (twips) the level gives its paragraphs

    @classmethod
    def parse(cls, el) -> "Level":
        ind = el.find(f"{w('pPr')}/{w('ind')}")
        restart = el.find(w("lvlRestart"))
        return cls(start=int_value(attr(el.find(w("start"))), 1),
                   fmt=attr(el.find(w("numFmt"))) or "decimal",
                   text=attr(el.find(w("lvlText"))) or "",
                   restart=None if restart is None else int_value(attr(restart)),
                   legal=is_on(el.find(w("isLgl"))),
                   indent=indent_of(ind) or 0)


def indent_of(ind) -> int | None:
    if ind is None:
        return None
    left = ind.get(w("left"), ind.get(w("start")))
    return max(int_value(left), int_value(ind.get(w("firstLine"))))


@dataclass
class Instance:
    """A w:num: an abstract numbering, with per-level start overrides or replaced levels."""
    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


class Numbering:
    """Word's list counters while the body is read in order.

    Counters belong to the abstract numbering (ECMA-376 §17.9): its instances (w:num) continue one list, as in
    Word; an instance with a startOverride restarts that level the first time it uses it, and an instance without
    one used afterwards continues from there.
    """

    def __init__(self, numbering_el, style_numbering: dict[str, tuple[str, int | None]]):
        self.abstract: dict[str, dict[int, Level]] = {}
        self.style_level: dict[tuple[str, str], int] = {}  # (abstract id, style id) -> level with that w:pStyle
        self.instances: dict[str, Instance] = {}
        links: dict[str, str] = {}
        if numbering_el is not None:
            for a in numbering_el.iter(w("abstractNum")):
                aid = attr(a, "abstractNumId")
                self.abstract[aid] = {}
                for lvl in a.findall(w("lvl")):
                    ilvl = int_value(attr(lvl, "ilvl"))
                    self.abstract[aid][ilvl] = Level.parse(lvl)
                    style = attr(lvl.find(w("pStyle")))
                    if style:
                        self.style_level[(aid, style)] = ilvl
                link = attr(a.find(w("numStyleLink")))
                if link:
                    links[aid] = link
            for n in numbering_el.iter(w("num")):
                inst = Instance(attr(n.find(w("abstractNumId"))) or "")
                for override in n.findall(w("lvlOverride")):
                    ilvl = int_value(attr(override, "ilvl"))
                    start = override.find(w("startOverride"))
                    if start is not None:
                        inst.start_overrides[ilvl] = int_value(attr(start), 1)
                    lvl = override.find(w("lvl"))
                    if lvl is not None:
                        inst.levels[ilvl] = Level.parse(lvl)
                self.instances[attr(n, "numId")] = inst
        # An abstract numbering that only links to a numbering style is that style's list: same levels, same counters.
        for aid, style in links.items():
            num_id, _ = style_numbering.get(style, (None, None))
            target = self.instances.get(num_id)
            if target and target.abstract != aid:
                for inst in self.instances.values():
                    if inst.abstract == aid:
                        inst.abstract = target.abstract
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[tuple[str, int]] = set()  # (numId, level) already counted

    def level(self, num_id: str, ilvl: int) -> Level | None:
        inst = self.instances.get(num_id)
        if inst is None:
            return None
        return inst.levels.get(ilvl) or self.abstract.get(inst.abstract, {}).get(ilvl)

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        inst = self.instances.get(num_id)
        return None if inst is None else self.style_level.get((inst.abstract, style_id))

    def _start(self, inst: Instance, num_id: str, ilvl: int) -> int:
        if ilvl in inst.start_overrides:
            return inst.start_overrides[ilvl]
        lvl = self.level(num_id, ilvl)
        return lvl.start if lvl else 1

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """Count one paragraph at (num_id, ilvl) and return the label Word shows for it."""
        inst = self.instances.get(num_id)
        lvl = self.level(num_id, ilvl)
        if inst is None or lvl is None:
            return None
        counters = self.counters.setdefault(inst.abstract, {})
        if (num_id, ilvl) not in self.used:
            self.used.add((num_id, ilvl))
            if ilvl in inst.start_overrides:
                counters.pop(ilvl, None)  # "restart numbering": the first use of this instance's level starts anew
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else self._start(inst, num_id, ilvl)
        for deeper in [k for k in counters if k > ilvl]:
            restart = (self.level(num_id, deeper) or Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if lvl.fmt == "bullet":
            return "".join(_formats()["bullet_glyphs"].get(ch, ch) for ch in lvl.text) or None

        def value(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            shown = self.level(num_id, k) or Level()
            n = counters.get(k, self._start(inst, num_id, k))
            return format_number(n, "decimal" if lvl.legal and shown.fmt != "none" else shown.fmt)

        return re.sub(r"%([1-9])", value, lvl.text).strip() or None


@dataclass
class Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    indent: int | None


def read_styles(styles_el) -> tuple[dict[str, Style], str | None]:
    styles: dict[str, Style] = {}
    default = None
    if styles_el is None:
        return styles, None
    for s in styles_el.iter(w("style")):
        if attr(s, "type") not in ("paragraph", "numbering"):  # numbering styles name lists (numStyleLink)
            continue
        sid = attr(s, "styleId")
        ppr = s.find(w("pPr"))
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        styles[sid] = Style(
            based_on=attr(s.find(w("basedOn"))),
            num_id=attr(num_pr.find(w("numId"))) if num_pr is not None else None,
            ilvl=int_value(attr(num_pr.find(w("ilvl")))) if num_pr is not None and num_pr.find(w("ilvl")) is not None
            else None,
            indent=indent_of(ppr.find(w("ind"))) if ppr is not None else None)
        if s.get(w("default")) in ("1", "true", "on"):
            default = sid
    return styles, default


def style_chain(styles: dict[str, Style], sid: str | None):
    seen = set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        yield sid, styles[sid]
        sid = styles[sid].based_on
