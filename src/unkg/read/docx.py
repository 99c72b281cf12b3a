"""Stage `read`: Word (.docx) input — the body as the text a reader sees, for `segment`.

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

import re
from pathlib import Path

from unkg.errors import InputError
from unkg.read.text import normalise
from unkg.read.furniture import JOB_NUMBER
from unkg.read.document import Footnote, ReadDocument
from unkg.read.docx_numbering import Numbering, indent_of, int_value, read_styles, style_chain
from unkg.read.docx_package import R_NS, Package, attr, is_on, open_package, w

_MASTHEAD_BLOCKS = 6  # a masthead table stands among the first body elements


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
    if is_on(r.find(f"{w('rPr')}/{w('vanish')}")):
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
            if attr(el, "type") != "page":
                out.append("\n")
        elif tag == w("cr"):
            out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
        elif tag == w("footnoteReference") and footnote_refs is not None:
            footnote_refs.append([attr(el, "id"), None])
            if el.get(w("customMarkFollows")) in ("1", "true", "on"):
                custom_mark = footnote_refs[-1]


class _Reader:
    def __init__(self, package: Package):
        self.styles, self.default_style = read_styles(package.related("styles"))
        style_numbering = {sid: (s.num_id, s.ilvl) for sid, s in self.styles.items() if s.num_id}
        self.numbering = Numbering(package.related("numbering"), style_numbering)
        self.lines: list[str] = []
        self.footnote_refs: list[list] = []  # [footnote id, custom mark or None], in order of reference

    # paragraph properties, with the style chain behind them
    def _numbering_of(self, p_pr) -> tuple[str | None, int, int | None, int | None]:
        """(numId, ilvl, own indent, style indent) of a paragraph: its own numPr, else its style's (basedOn)."""
        style_id = attr(p_pr.find(w("pStyle"))) if p_pr is not None else None
        style_id = style_id or self.default_style
        num_pr = p_pr.find(w("numPr")) if p_pr is not None else None
        indent = indent_of(p_pr.find(w("ind"))) if p_pr is not None else None
        style_indent = None
        num_id, ilvl = None, None
        if num_pr is not None:
            num_id = attr(num_pr.find(w("numId")))
            ilvl_el = num_pr.find(w("ilvl"))
            ilvl = int_value(attr(ilvl_el)) if ilvl_el is not None else None
        for sid, style in style_chain(self.styles, style_id):
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
                if v_merge is not None and attr(v_merge) in (None, "continue"):
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
        title_page = is_on(sect.find(w("titlePg")))
        for ref in sect.findall(w(f"{kind}Reference")):
            out.append((attr(ref, "type") or "default", ref.get(f"{{{R_NS}}}id"), title_page))
    return out


def _first_page_header(package: Package, body):
    """The header of the first page when it differs from the running one: UN templates put the masthead there
    (emblem, "United Nations", symbol, distribution, date, original language).  Running headers are not text."""
    first_section = next(body.iter(w("sectPr")), None)
    if first_section is None or not is_on(first_section.find(w("titlePg"))):
        return None
    ref = next((r for r in first_section.findall(w("headerReference")) if attr(r, "type") == "first"), None)
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
        texts[attr(note, "id")] = re.sub(r"\s+", " ", text).strip()
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
    package = open_package(Path(path))
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
