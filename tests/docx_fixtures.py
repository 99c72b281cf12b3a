"""Build .docx files for the tests with python-docx and numbering.xml parts written here.

Numbers are never typed: every "1.", "(a)", "II." comes from Word's automatic
numbering (abstract numberings, instances, levels), as in documents made in Word.
`docx_from_report_text` turns a constructed report text into such a document:
it strips the typed numbers and gives each paragraph the numbering that shows them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def level(ilvl: int, fmt: str, text: str, start: int = 1, restart: int | None = None, legal: bool = False,
          style: str | None = None, indent: int | None = None) -> str:
    parts = [f'<w:start w:val="{start}"/>', f'<w:numFmt w:val="{fmt}"/>']
    if restart is not None:
        parts.append(f'<w:lvlRestart w:val="{restart}"/>')
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if legal:
        parts.append("<w:isLgl/>")
    parts.append(f'<w:lvlText w:val="{escape(text, {chr(34): "&quot;"})}"/>')
    if indent is not None:
        parts.append(f'<w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr>')
    return f'<w:lvl w:ilvl="{ilvl}">{"".join(parts)}</w:lvl>'


def abstract(aid: int, *levels: str, style_link: str | None = None) -> str:
    link = f'<w:numStyleLink w:val="{style_link}"/>' if style_link else ""
    return f'<w:abstractNum w:abstractNumId="{aid}">{link}{"".join(levels)}</w:abstractNum>'


def num(num_id: int, aid: int, start_overrides: dict[int, int] | None = None,
        level_overrides: dict[int, str] | None = None) -> str:
    overrides = ""
    for ilvl in sorted(set(start_overrides or {}) | set(level_overrides or {})):
        inner = ""
        if ilvl in (start_overrides or {}):
            inner += f'<w:startOverride w:val="{start_overrides[ilvl]}"/>'
        inner += (level_overrides or {}).get(ilvl, "")
        overrides += f'<w:lvlOverride w:ilvl="{ilvl}">{inner}</w:lvlOverride>'
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def numbering_xml(abstracts: list[str], nums: list[str]) -> str:
    return f'<w:numbering {W}>{"".join(abstracts)}{"".join(nums)}</w:numbering>'


@dataclass
class Para:
    text: str
    num: tuple[int, int] | None = None  # (numId, ilvl) on the paragraph itself
    style: str | None = None  # style name, e.g. "Heading 1"
    indent: int | None = None  # left indent in twips
    footnote: str | None = None  # a footnote whose reference mark ends the paragraph
    footnote_mark: str | None = None  # its custom mark ("*"); numbered automatically when None


@dataclass
class Table:
    rows: list[list[list[Para]]]  # rows of cells of paragraphs


@dataclass
class DocSpec:
    body: list = field(default_factory=list)
    numbering: str | None = None
    style_numbering: dict[str, tuple[int, int | None]] = field(default_factory=dict)  # style -> (numId, ilvl)
    header: str | None = None
    footer: str | None = None
    first_page_header: list = field(default_factory=list)  # Para and Table items: a masthead in the header


def _set_num(p_pr, num_id: int, ilvl: int | None) -> None:
    num_pr = p_pr.get_or_add_numPr()
    if ilvl is not None:
        num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _add_para(container, para: Para):
    from docx.oxml import parse_xml
    from docx.shared import Twips

    p = container.add_paragraph(para.text, style=para.style)
    if para.footnote:
        notes = _footnotes_of(container)
        note_id = len(notes) + 1
        notes.append((para.footnote_mark, para.footnote))
        custom = f'<w:t>{escape(para.footnote_mark)}</w:t>' if para.footnote_mark else ""
        follows = ' w:customMarkFollows="1"' if custom else ""
        p._p.append(parse_xml(f'<w:r {W}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                              f'<w:footnoteReference w:id="{note_id}"{follows}/>{custom}</w:r>'))
    if para.num:
        _set_num(p._p.get_or_add_pPr(), *para.num)
    if para.indent is not None:
        p.paragraph_format.left_indent = Twips(para.indent)
    return p


_NOTES: dict[int, list[str]] = {}  # id(document part) -> footnote texts, while a document is built


def _footnotes_of(container) -> list[tuple[str | None, str]]:
    return _NOTES.setdefault(id(container.part), [])


def _add_footnotes_part(doc) -> None:
    """word/footnotes.xml as Word writes it (separator notes first), related from the document."""
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    notes = _NOTES.pop(id(doc.part), [])
    if not notes:
        return
    body = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            '</w:footnote>')
    for i, (mark, text) in enumerate(notes, 1):
        ref = f"<w:t>{escape(mark)}</w:t>" if mark else "<w:footnoteRef/>"
        body += (f'<w:footnote w:id="{i}"><w:p><w:r>{ref}</w:r><w:r><w:t xml:space="preserve"> '
                 f'{escape(text)}</w:t></w:r></w:p></w:footnote>')
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W}>{body}</w:footnotes>'
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def _add_items(container, items: list) -> None:
    from docx.shared import Inches

    for item in items:
        if isinstance(item, Para):
            _add_para(container, item)
            continue
        columns = max(len(r) for r in item.rows)
        table = container.add_table(len(item.rows), columns, Inches(6)) if hasattr(container, "is_linked_to_previous") \
            else container.add_table(rows=len(item.rows), cols=columns)
        for r, row in enumerate(item.rows):
            for c, paras in enumerate(row):
                cell = table.cell(r, c)
                cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
                for para in paras:
                    _add_para(cell, para)


def write_docx(path: Path, spec: DocSpec) -> Path:
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    if spec.numbering is not None:
        doc.part.numbering_part._element = parse_xml(spec.numbering)
    for style_name, (num_id, ilvl) in spec.style_numbering.items():
        _set_num(doc.styles[style_name].element.get_or_add_pPr(), num_id, ilvl)
    _add_items(doc, spec.body)
    section = doc.sections[0]
    if spec.first_page_header:
        section.different_first_page_header_footer = True
        _add_items(section.first_page_header, spec.first_page_header)
    if spec.header:
        section.header.paragraphs[0].text = spec.header
    if spec.footer:
        section.different_first_page_header_footer = True
        section.first_page_footer.paragraphs[0].text = spec.footer
        section.footer.paragraphs[0].text = spec.footer
    _add_footnotes_part(doc)
    doc.save(str(path))
    return path


# --- a constructed report text as a Word document with automatic numbering -----------------------------------

_HEADING1 = re.compile(r"^(?P<n>[IVX]+)(?P<after>\.)\s+(?P<text>.+)$|^(?P<cn>[一二三四五六七八九十]+)(?P<cafter>、)(?P<ctext>.+)$")
_HEADING2 = re.compile(r"^(?P<n>[A-Z])(?P<after>\.)\s+(?P<text>.+)$")
_WORD_HEADING = re.compile(r"^(?P<n>[^\d\s()]+) - (?P<text>.+)$")  # Arabic "أولا -", "ألف -": typed, as Word has no such format
_NUMBERED = re.compile(r"^(?P<n>\d+)(?P<after>\.|\s+-)\s+(?P<text>.+)$")
_ITEM = re.compile(r"^(?P<open>\(?)(?P<n>[a-zа-я]|[\u0621-\u064A]\u0640?)(?P<after>\))\s+(?P<text>.+)$")
_SYMBOL = re.compile(r"^[A-Z]+(?:/[A-Za-z0-9.]+)+$")
_FURNITURE = re.compile(r"^\d+/\d+\s+([A-Z]\.\d{2}-\d{5})$")
_LOOKALIKE = str.maketrans("асеорх", "aceopx")


def _number_format(token: str) -> str:
    if token.isdigit():
        return "decimal"
    if re.fullmatch(r"[IVX]+", token):
        return "upperRoman"
    if re.fullmatch(r"[一二三四五六七八九十]+", token):
        return "chineseCounting"
    if re.fullmatch(r"[A-Z]", token):
        return "upperLetter"
    if "\u0621" <= token[0] <= "\u064A":
        return "arabicAbjad"
    return "lowerLetter"  # Latin, or a Cyrillic look-alike of it


MASTHEAD = {"ru": "Организация Объединенных Наций", "en": "United Nations", "fr": "Nations Unies",
            "es": "Naciones Unidas", "zh": "联合国", "ar": "الأمم المتحدة"}


def docx_from_report_text(text: str, path: Path, masthead: str, masthead_lines: list[str] | None = None,
                          footnote: str | None = None) -> Path:
    """The report as Word would hold it: masthead table with the symbol, numbered paragraphs, headings and lists
    numbered automatically (each typed label becomes the level text that shows it: "(a)" -> "(%1)", "1 -" ->
    "%1 -"), the running symbol in the header and the job number in the footer.  With `masthead_lines`
    (distribution, date, original language) the masthead is a two-row table in the first page's header, as in UN
    templates; without, a one-row table opening the body.  `footnote` is attached to the first heading."""
    from unkg.read.blocks import join_lines

    body: list = []
    symbol = job = None
    formats: dict[str, tuple[str, str]] = {}  # list kind -> (numFmt, level text), from its first typed label
    letter_lists: list[tuple[str, str]] = []  # the format of each letter list; each is an instance of its own
    paragraph_number = 0
    current: Para | None = None
    in_numbered_list = started = False

    def template(kind: str, m: re.Match, n: str = "n", level_no: int = 1) -> None:
        if kind not in formats:
            token = m.group(n)
            before = m.group("open") if "open" in m.re.groupindex else ""
            formats[kind] = (_number_format(token), f"{before}%{level_no}{m.group('after' if n == 'n' else 'cafter')}")

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _SYMBOL.match(line):
            symbol = line
            continue
        if m := _FURNITURE.match(line):
            job = m.group(1)
            continue
        indented = raw[:1].isspace()
        if (m := _HEADING1.match(line)) and not indented:
            template("heading1", m, "n" if m.group("n") else "cn")
            current = Para(m.group("text") or m.group("ctext"), style="Heading 1",
                           footnote=None if started else footnote)
            started, in_numbered_list = True, False
        elif (m := _HEADING2.match(line)) and started and not indented:
            template("heading2", m, level_no=2)
            current = Para(m.group("text"), style="Heading 2")
            in_numbered_list = False
        elif m := _NUMBERED.match(line):
            if int(m.group("n")) == paragraph_number + 1:
                paragraph_number += 1
                template("paragraph", m)
                current = Para(m.group("text"), num=(PARAGRAPHS, 0))
                in_numbered_list = False
            else:
                template("list", m)
                current = Para(m.group("text"), num=(NUMBERED_LIST, 0))
                in_numbered_list = True
        elif m := _ITEM.match(line):
            if in_numbered_list:
                template("sublist", m, level_no=2)
                current = Para(m.group("text"), num=(NUMBERED_LIST, 1))
            else:
                if m.group("n").translate(_LOOKALIKE) in ("a", "أ"):
                    letter_lists.append((_number_format(m.group("n")), f"{m.group('open')}%1{m.group('after')}"))
                current = Para(m.group("text"), num=(LETTER_LISTS + len(letter_lists) - 1, 0))
        elif _WORD_HEADING.match(line) and not indented:
            current = Para(line)  # a heading numbered in words, typed
            started, in_numbered_list = True, False
        elif indented or not started:
            current = Para(line, indent=720 if indented else None)
        else:
            current.text = join_lines(current.text, line)
            continue
        body.append(current)
    spec = _report_spec(body, formats, letter_lists, symbol, job, masthead)
    if masthead_lines:
        first_row = spec.body.pop(0).rows[0]
        spec.first_page_header = [Table([first_row, [[Para("")], [Para(line) for line in masthead_lines]]])]
    return write_docx(path, spec)


# numIds: 1 headings (through the Heading 1/2 styles), 2 paragraph numbers, 3 numbered lists with a lettered
# level below, 10+ one instance per letter list (lists of one format share an abstract numbering, and every list
# after the first restarts it with a startOverride)
HEADINGS, PARAGRAPHS, NUMBERED_LIST, LETTER_LISTS = 1, 2, 3, 10


def _report_spec(body, formats, letter_lists, symbol, job, masthead) -> DocSpec:
    def lvl(ilvl: int, kind: str, default: tuple[str, str], **kw) -> str:
        fmt, text = formats.get(kind, default)
        return level(ilvl, fmt, text, **kw)

    abstracts = [
        abstract(1, lvl(0, "heading1", ("upperRoman", "%1."), style="Heading1"),
                 lvl(1, "heading2", ("upperLetter", "%2."), style="Heading2")),
        abstract(2, lvl(0, "paragraph", ("decimal", "%1."))),
        abstract(3, lvl(0, "list", ("decimal", "%1.")), lvl(1, "sublist", ("lowerLetter", "(%2)"), indent=720))]
    nums = [num(HEADINGS, 1), num(PARAGRAPHS, 2), num(NUMBERED_LIST, 3)]
    letter_abstracts: dict[tuple[str, str], int] = {}
    for i, (fmt, text) in enumerate(letter_lists):
        if (fmt, text) not in letter_abstracts:
            letter_abstracts[(fmt, text)] = aid = 4 + len(letter_abstracts)
            abstracts.append(abstract(aid, level(0, fmt, text, indent=720)))
            nums.append(num(LETTER_LISTS + i, aid))
        else:
            nums.append(num(LETTER_LISTS + i, letter_abstracts[(fmt, text)], start_overrides={0: 1}))
    masthead_table = Table([[[Para(masthead)], [Para(symbol or "")]]])
    return DocSpec([masthead_table] + body, numbering_xml(abstracts, nums),
                   {"Heading 1": (HEADINGS, 0), "Heading 2": (HEADINGS, None)}, header=symbol, footer=job)
