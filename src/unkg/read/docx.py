"""Word (.docx) input: the body as the text a reader sees, for `segment`.

Word stores paragraph numbers as automatic numbering (numbering.xml), not as
text: "1.", "(a)" and "II." exist only when Word renders the document.  This
reader renders them the way Word does — abstract numbering levels with their
format, level text ("%1.", "(%2)", "%1.%2"), start values, restarts
(lvlRestart, startOverride), legal numbering, numbering through paragraph
styles — and writes them into the text, so the numbered paragraphs, list
letters and roman headings read exactly as in a text or PDF rendering.

Tables (the masthead, lists laid out in tables) are read row by row, cell by
cell, where they stand among the paragraphs.  The first page's own header,
where UN templates put the masthead, opens the text; running headers and
footers are not text of the report: from the footers only the job number
("V.24-09626") is kept, as the page furniture line a PDF would show, because
it identifies the language version.  A symbol in the masthead (else in the
running header) becomes the symbol hint.

The archive is checked before anything is decompressed: a zip bomb (huge
declared sizes or compression ratios), a file that is not a zip, an
encrypted (password-protected) file or a package without a Word document is
refused with one line naming the reason.  Only the parts read are
decompressed, and their XML is parsed without entities, DTDs or network.
"""
from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from unkg.errors import InputError
from unkg.read.text import normalise
from unkg.read.furniture import JOB_NUMBER
from unkg.resources import data_path
from unkg.read.document import Footnote, ReadDocument

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: encrypted OOXML or a legacy .doc

# Zip-bomb limits, checked on the archive's directory before decompressing anything.
MAX_UNCOMPRESSED = 512 * 1024 * 1024  # all members together
MAX_RATIO = 200  # uncompressed/compressed size of one member larger than RATIO_FLOOR
RATIO_FLOOR = 4 * 1024 * 1024
MAX_MEMBERS = 10_000

_MASTHEAD_BLOCKS = 6  # a masthead table stands among the first body elements


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _attr(el, name: str = "val") -> str | None:
    return None if el is None else el.get(w(name))


def _on(el) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return el is not None and _attr(el) not in ("0", "false", "off")


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# --- number formats ---------------------------------------------------------------------------------------------

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


# --- numbering definitions and counters ---------------------------------------------------------------------------

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
        return cls(start=_int(_attr(el.find(w("start"))), 1),
                   fmt=_attr(el.find(w("numFmt"))) or "decimal",
                   text=_attr(el.find(w("lvlText"))) or "",
                   restart=None if restart is None else _int(_attr(restart)),
                   legal=_on(el.find(w("isLgl"))),
                   indent=_indent_of(ind) or 0)


def _indent_of(ind) -> int | None:
    if ind is None:
        return None
    left = ind.get(w("left"), ind.get(w("start")))
    return max(_int(left), _int(ind.get(w("firstLine"))))


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
                aid = _attr(a, "abstractNumId")
                self.abstract[aid] = {}
                for lvl in a.findall(w("lvl")):
                    ilvl = _int(_attr(lvl, "ilvl"))
                    self.abstract[aid][ilvl] = Level.parse(lvl)
                    style = _attr(lvl.find(w("pStyle")))
                    if style:
                        self.style_level[(aid, style)] = ilvl
                link = _attr(a.find(w("numStyleLink")))
                if link:
                    links[aid] = link
            for n in numbering_el.iter(w("num")):
                inst = Instance(_attr(n.find(w("abstractNumId"))) or "")
                for override in n.findall(w("lvlOverride")):
                    ilvl = _int(_attr(override, "ilvl"))
                    start = override.find(w("startOverride"))
                    if start is not None:
                        inst.start_overrides[ilvl] = _int(_attr(start), 1)
                    lvl = override.find(w("lvl"))
                    if lvl is not None:
                        inst.levels[ilvl] = Level.parse(lvl)
                self.instances[_attr(n, "numId")] = inst
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


# --- styles -------------------------------------------------------------------------------------------------------

@dataclass
class Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    indent: int | None


def _styles(styles_el) -> tuple[dict[str, Style], str | None]:
    styles: dict[str, Style] = {}
    default = None
    if styles_el is None:
        return styles, None
    for s in styles_el.iter(w("style")):
        if _attr(s, "type") not in ("paragraph", "numbering"):  # numbering styles name lists (numStyleLink)
            continue
        sid = _attr(s, "styleId")
        ppr = s.find(w("pPr"))
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        styles[sid] = Style(
            based_on=_attr(s.find(w("basedOn"))),
            num_id=_attr(num_pr.find(w("numId"))) if num_pr is not None else None,
            ilvl=_int(_attr(num_pr.find(w("ilvl")))) if num_pr is not None and num_pr.find(w("ilvl")) is not None
            else None,
            indent=_indent_of(ppr.find(w("ind"))) if ppr is not None else None)
        if s.get(w("default")) in ("1", "true", "on"):
            default = sid
    return styles, default


def _style_chain(styles: dict[str, Style], sid: str | None):
    seen = set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        yield sid, styles[sid]
        sid = styles[sid].based_on


# --- the archive --------------------------------------------------------------------------------------------------

def check_archive(path: Path) -> zipfile.ZipFile:
    """Open the zip after checking its directory: nothing is decompressed before the sizes are known to be sane."""
    with path.open("rb") as fh:
        head = fh.read(len(OLE_MAGIC))
        if head == OLE_MAGIC:
            rest = fh.read(1 << 20)
            if "EncryptionInfo".encode("utf-16-le") in rest or "EncryptedPackage".encode("utf-16-le") in rest:
                raise InputError(str(path), "encrypted (password-protected) Word file; save it without a password")
            raise InputError(str(path), "a Word 97-2003 (.doc) file, not .docx; save it as .docx")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError(str(path), "not a Word file (not a zip archive, or a damaged one)") from None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        archive.close()
        raise InputError(str(path), f"refused: {len(infos)} members in the archive (zip bomb?)")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        archive.close()
        raise InputError(str(path), f"refused: {total // 2**20} MiB uncompressed (limit {MAX_UNCOMPRESSED // 2**20} "
                                    "MiB; zip bomb?)")
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            archive.close()
            raise InputError(str(path), f"refused: {info.filename} expands {info.file_size // max(info.compress_size, 1)}"
                                        f"-fold (zip bomb?)")
    if "word/document.xml" not in archive.namelist():
        archive.close()
        raise InputError(str(path), "not a Word document (the archive has no word/document.xml)")
    return archive


R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class Package:
    """The parts of a Word package that reading needs, parsed on demand with lxml (no entities, no network).

    Parts are found as Word finds them: the main document through the package relationships, the others
    (styles, numbering, footnotes, headers, footers) through the main document's relationships."""

    def __init__(self, archive: zipfile.ZipFile, path: Path):
        from lxml import etree

        self.archive, self.path = archive, path
        self.parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        self.names = set(archive.namelist())
        main = next((target for kind, target in self._rels("", "_rels/.rels").values()
                     if kind == "officeDocument"), "word/document.xml")
        self.main = main if main in self.names else "word/document.xml"
        folder = self.main.rsplit("/", 1)[0] if "/" in self.main else ""
        self.rels = self._rels(folder, f"{folder}/_rels/{self.main.rsplit('/', 1)[-1]}.rels")

    def xml(self, name: str | None):
        if not name or name not in self.names:
            return None
        from lxml import etree

        try:
            return etree.fromstring(self.archive.read(name), self.parser)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise InputError(str(self.path), f"damaged Word file: {name}: {exc}") from None

    def _rels(self, folder: str, rels_name: str) -> dict[str, tuple[str, str]]:
        """rId -> (relationship kind, part name), targets resolved against `folder`."""
        root = self.xml(rels_name)
        out = {}
        for rel in root if root is not None else ():
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else _join(folder, target)
            out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
        return out

    def related(self, kind: str):
        return self.xml(next((name for k, name in self.rels.values() if k == kind), None))

    def by_id(self, rid: str | None):
        return self.xml(self.rels.get(rid, ("", None))[1]) if rid else None


def _join(folder: str, target: str) -> str:
    parts = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _open(path: Path) -> Package:
    archive = check_archive(path)
    try:
        package = Package(archive, path)
        if package.xml(package.main) is None:
            raise InputError(str(path), "not a Word document (the archive has no word/document.xml)")
    except BaseException:
        archive.close()
        raise
    return package


# --- the body ------------------------------------------------------------------------------------------------------

_CONTAINERS = {w(t) for t in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo")}


def paragraph_text(el, footnote_refs: list | None = None) -> str:
    """The text Word shows for a paragraph (or a container inside one): runs, hyperlinks, insertions, content
    controls; not deletions, hidden runs, field codes or drawings.  Footnote references go to `footnote_refs`."""
    out: list[str] = []
    for child in el:
        tag = child.tag
        if tag == w("r"):
            _run(child, out, footnote_refs)
        elif tag in _CONTAINERS:
            out.append(paragraph_text(child, footnote_refs))
        elif tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                out.append(paragraph_text(content, footnote_refs))
    return "".join(out)


def _run(r, out: list[str], footnote_refs: list | None) -> None:
    if _on(r.find(f"{w('rPr')}/{w('vanish')}")):
        return
    custom_mark = None  # a footnote reference whose mark is the run's own text ("*"), not a number
    for el in r:
        tag = el.tag
        if tag == w("t") and custom_mark is not None:
            custom_mark[1] = (custom_mark[1] or "") + (el.text or "")
        elif tag == w("t"):
            out.append(el.text or "")
        elif tag in (w("tab"), w("ptab")):
            out.append("\t")
        elif tag == w("br"):
            if _attr(el, "type") != "page":
                out.append("\n")
        elif tag == w("cr"):
            out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
        elif tag == w("footnoteReference") and footnote_refs is not None:
            footnote_refs.append([_attr(el, "id"), None])
            if el.get(w("customMarkFollows")) in ("1", "true", "on"):
                custom_mark = footnote_refs[-1]


class _Reader:
    def __init__(self, package: Package):
        self.styles, self.default_style = _styles(package.related("styles"))
        style_numbering = {sid: (s.num_id, s.ilvl) for sid, s in self.styles.items() if s.num_id}
        self.numbering = Numbering(package.related("numbering"), style_numbering)
        self.lines: list[str] = []
        self.footnote_refs: list[list] = []  # [footnote id, custom mark or None], in order of reference

    # paragraph properties, with the style chain behind them
    def _numbering_of(self, p_pr) -> tuple[str | None, int, int | None, int | None]:
        """(numId, ilvl, own indent, style indent) of a paragraph: its own numPr, else its style's (basedOn)."""
        style_id = _attr(p_pr.find(w("pStyle"))) if p_pr is not None else None
        style_id = style_id or self.default_style
        num_pr = p_pr.find(w("numPr")) if p_pr is not None else None
        indent = _indent_of(p_pr.find(w("ind"))) if p_pr is not None else None
        style_indent = None
        num_id, ilvl = None, None
        if num_pr is not None:
            num_id = _attr(num_pr.find(w("numId")))
            ilvl_el = num_pr.find(w("ilvl"))
            ilvl = _int(_attr(ilvl_el)) if ilvl_el is not None else None
        for sid, style in _style_chain(self.styles, style_id):
            if num_id is None and style.num_id is not None:
                num_id = style.num_id
                if ilvl is None:
                    ilvl = style.ilvl if style.ilvl is not None else self.numbering.level_for_style(num_id, sid)
            if style_indent is None and style.indent is not None:
                style_indent = style.indent
        if num_id is not None and ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style_id) if style_id else None
        return num_id, ilvl or 0, indent, style_indent

    def paragraph(self, p) -> None:
        num_id, ilvl, indent, style_indent = self._numbering_of(p.find(w("pPr")))
        label = None
        if num_id not in (None, "0"):
            label = self.numbering.next_label(num_id, ilvl)
            lvl = self.numbering.level(num_id, ilvl)
            if indent is None and lvl is not None and lvl.indent:
                indent = lvl.indent  # the list level's indent comes before the style's
        if indent is None:
            indent = style_indent
        text = re.sub(r"[ \t]+", " ", paragraph_text(p, self.footnote_refs)).strip()
        if not text:
            return  # an empty paragraph still counted its number, as Word does
        first, *more = text.split("\n")
        prefix = " " if indent and indent > 0 else ""
        self.lines.append(prefix + (f"{label} {first.strip()}" if label else first.strip()))
        self.lines.extend(line.strip() for line in more if line.strip())

    def blocks(self, container) -> None:
        """Paragraphs and tables in body order; tables row by row, cell by cell."""
        for child in container:
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child)
            elif tag == w("tbl"):
                self.table(child)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.blocks(content)
            elif tag == w("customXml"):
                self.blocks(child)

    def table(self, tbl) -> None:
        for row in tbl.findall(w("tr")):
            for cell in row.findall(w("tc")) + [c for s in row.findall(w("sdt"))
                                                for c in s.iterfind(f"{w('sdtContent')}/{w('tc')}")]:
                v_merge = cell.find(f"{w('tcPr')}/{w('vMerge')}")
                if v_merge is not None and _attr(v_merge) in (None, "continue"):
                    continue  # the lower part of a vertically merged cell repeats nothing
                self.blocks(cell)


def masthead_symbol(body) -> str | None:
    """The first UN symbol in a table among the first body elements (Word's masthead), read cell by cell; the
    symbol may share its line with other words ("A/77/441<tab>General Assembly") or carry a reissue mark."""
    from unkg.lang import symbols

    for child in list(body)[:_MASTHEAD_BLOCKS]:
        if child.tag != w("tbl"):
            continue
        for cell in child.iter(w("tc")):
            for p in cell.iter(w("p")):
                for token in paragraph_text(p).split():
                    token = token.rstrip("*")
                    if symbols.is_symbol(token):
                        return token
    return None


def _references(body, kind: str) -> list[tuple[str, str, bool]]:
    """(type, rId, the section has a distinct first page) of every header or footer reference, section by
    section (a section's properties close it: in its last paragraph, or at the end of the body)."""
    out = []
    for sect in body.iter(w("sectPr")):
        title_page = _on(sect.find(w("titlePg")))
        for ref in sect.findall(w(f"{kind}Reference")):
            out.append((_attr(ref, "type") or "default", ref.get(f"{{{R_NS}}}id"), title_page))
    return out


def _first_page_header(package: Package, body):
    """The header of the first page when it differs from the running one: UN templates put the masthead there
    (emblem, "United Nations", symbol, distribution, date, original language).  Running headers are not text."""
    first_section = next(body.iter(w("sectPr")), None)
    if first_section is None or not _on(first_section.find(w("titlePg"))):
        return None
    ref = next((r for r in first_section.findall(w("headerReference")) if _attr(r, "type") == "first"), None)
    return package.by_id(ref.get(f"{{{R_NS}}}id")) if ref is not None else None


def _running_header_symbol(package: Package, body) -> str | None:
    """The symbol UN documents print as the running header of every page but the first."""
    from unkg.lang import symbols

    for kind, rid, _ in _references(body, "header"):
        header = package.by_id(rid) if kind in ("default", "even") else None
        for p in header.iter(w("p")) if header is not None else ():
            text = paragraph_text(p).strip()
            if symbols.is_symbol(text):
                return text
    return None


def _footer_job_number(package: Package, body) -> str | None:
    for _, rid, _ in _references(body, "footer"):
        footer = package.by_id(rid)
        if footer is None:
            continue
        m = JOB_NUMBER.search(" ".join(paragraph_text(p) for p in footer.iter(w("p"))))
        if m:
            return m.group(0)
    return None


def _footnotes(package: Package, refs: list[list]) -> list[Footnote]:
    """The footnotes the body refers to, marked as Word marks them: 1, 2, … in order of reference, or the
    note's custom mark ("*"), which takes no number."""
    root = package.related("footnotes") if refs else None
    if root is None:
        return []
    texts = {}
    for note in root.iter(w("footnote")):
        text = " ".join(paragraph_text(p) for p in note.iter(w("p")))
        texts[_attr(note, "id")] = re.sub(r"\s+", " ", text).strip()
    notes, number = [], 0
    for note_id, custom in refs:
        if custom is None:
            number += 1
        mark = custom.strip() if custom else str(number)
        text = texts.get(note_id, "")
        text = text[len(mark):].strip() if custom and text.startswith(mark) else text
        if text:
            notes.append(Footnote(None, mark, text))
    return notes


def read(path: Path, **options) -> ReadDocument:
    """Read a .docx into text with Word's numbering rendered; InputError for anything unreadable."""
    package = _open(Path(path))
    try:
        return _read(package, path)
    finally:
        package.archive.close()


def _read(package: Package, path: Path) -> ReadDocument:
    reader = _Reader(package)
    body = package.xml(package.main).find(w("body"))
    if body is None:
        raise InputError(str(path), "damaged Word file: the document has no body")
    masthead = _first_page_header(package, body)
    if masthead is not None:
        reader.blocks(masthead)  # the first page's masthead, above the body as on the page
    reader.blocks(body)
    if not any(line.strip() for line in reader.lines):
        raise InputError(str(path), "the Word document has no text")
    job = _footer_job_number(package, body)
    lines = reader.lines + ([job] if job else [])  # a furniture line, as on a PDF page; segment takes it as such
    try:
        text = normalise("\n".join(lines) + "\n")
    except InputError as exc:
        raise InputError(str(path), exc.reason) from None
    symbol = (masthead_symbol(masthead) if masthead is not None else None) or masthead_symbol(body)
    origin = "masthead" if symbol else None
    if symbol is None:
        symbol = _running_header_symbol(package, body)
        origin = "running header" if symbol else None
    return ReadDocument(str(path), text, "docx", footnotes=_footnotes(package, reader.footnote_refs),
                        symbol_hint=symbol, symbol_origin=origin)
