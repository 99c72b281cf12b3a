"""Stage `read`: report text cut into headings, numbered paragraphs and list items.

Works on the character-normalised text from `reading` (form feeds are page
breaks; blocks record their page and line).  It removes the page furniture PDF
extraction leaves in the flow (running header with the symbol, page "4/5", job
number "V.24-09626", undocs.org link lines, running titles found by their place
and repetition), even in the middle of a sentence or a list, sets footnotes
apart, skips a table of contents, re-joins lines (undoing end-of-line
hyphenation; a label alone on its line joins the next) and cuts the flow into
blocks.  Paragraph numbers must run in sequence: a "4." met while paragraph 14
is expected is an item of a list, not a paragraph.  A text that numbers no
paragraph (one sentence a line) is cut into one position per line.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from unkg.read.blocks import Block, Line, Segmented, physical_lines, starts_like_a_sentence
from unkg.read.contents import CONTENTS_COLUMNS, CONTENTS_HEADING, listed_in_contents, read_contents, split_run_in
from unkg.read.furniture import CELL_SPLIT, strip_furniture
from unkg.read.lost_headings import restore_lost_headings
from unkg.read.words import mend_words
from unkg.lang import symbols
from unkg.lang.numerals import numeral_value
from unkg.lang.scripts import is_cjk

_PARA = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")

_PARA_PAREN = re.compile(r"^\((\d{1,3})\)\s*(\S.*)?$")

# "10.A statement was also made": a number some PDF producers glue to its paragraph's first word, read only where
# it is the paragraph expected next (never "1.5 million", never a number out of sequence)
_PARA_GLUED = re.compile(r"^(\d{1,3})[.．](?=[^\W\d_])(\S.*)$")

# Defaults; a lexicon may give its own under "headings" (level1, level2, annex).
_ROMAN_HEADING = r"^(?:Part\s+)?([IVXL]{1,6})\s*[.–—-]\s+(\S.*)$"

_LETTER_HEADING = r"^([A-HJ-UW-Z])\s*[.–—]\s+(\S.*)$"

_ANNEX_HEADING = r"^(?:Annex|Приложение|Annexe|Anexo)(?:\s+[IVXL]+)?\s*$"

_LETTER_ITEM = re.compile(r"^\(?([a-zа-я]|[\u0621-\u064A]\u0640?)\)\s*(\S.*)?$")  # a) б) (a) (أ) (هـ)

_ROMAN_ITEM = re.compile(r"^\(([ivx]{1,5})\)\s*(\S.*)?$")

_SENTENCE_END = re.compile(r"[.:;!?»)\]。：；！？）؛]\s*$")


def _numbered_again(lines: list, index: int, number: int, patterns: list[re.Pattern]) -> bool:
    """Line `index` starts with `number`, which may be the next paragraph or the next item of a list whose
    items end with full stops ("3. Other business." "4. Adoption of the report."): it is an item when the run
    of numbers it starts (number, number + 1, … on the numbered lines after it) is followed by `number` again
    (paragraph numbers are unique): an adopted agenda of fifteen items after paragraph 4 runs 5 … 15, then
    paragraph 5 comes. Read only in that ambiguous case, and only to the end of that run."""
    last = number
    for here in lines[index + 1:]:
        m = next((m for m in (p.match(here.text) for p in patterns) if m), None)
        if m is None:
            continue
        found = int(m.group(1))
        if found != last + 1:
            return found == number
        last = found
    return False


def _list_closed(blocks: list[Block]) -> bool:
    """A numbered list ends with a full stop after items that did not: "…;", "…;", "… ."."""
    items = []
    for block in reversed(blocks):
        if block.kind != "item":
            break
        if block.label.isdigit():
            items.append(block)
    if not items or not items[0].text.rstrip().endswith((".", "。")):
        return False
    # an item that opens sub-items ("2. Organizational matters:") ends with a colon in a list of full stops
    return not all(b.text.rstrip().endswith((".", "。", ":", "：")) for b in items[1:]) if len(items) > 1 else True

_SENTENCES_BEFORE_BODY = 5

_SENTENCES_BEFORE_PARAGRAPH_1 = 3  # under the first headings, before any numbered paragraph


def _looks_like_a_sentence(text: str) -> bool:
    """Six words or more (twenty characters of a script written without spaces) and a final stop."""
    long_enough = len(text.split()) >= 6 or (len(text) >= 20 and any(is_cjk(ch) for ch in text[:20]))
    return long_enough and _SENTENCE_END.search(text) is not None


def segment(text: str, symbol_hint: str | None = None, headings: dict | None = None,
            footnotes: list | None = None, stopwords=(), words: tuple[frozenset, frozenset] | None = None) -> Segmented:
    """Cut text into blocks; `headings` (from the lexicon) may override the heading patterns;
    `stopwords` (the lexicon's) help find sections whose heading only the contents print; `words` (known and
    function words, `lang.names.known_words`) mend words PDF extraction broke with spaces.

    Text with no numbered paragraph at all (one sentence per line, the UN Parallel
    Corpus form) is cut into one position per line, numbered by its line."""
    if words is not None:
        text = mend_words(text, *words)
    seg = _cut(text, symbol_hint, headings, footnotes)
    restore_lost_headings(seg, stopwords)
    return seg


def _cut(text: str, symbol_hint: str | None, headings: dict | None, footnotes: list | None) -> Segmented:
    # The page furniture is stripped once for both readings (by paragraph, then by line if need be).
    furniture = Segmented()
    lines = strip_furniture(physical_lines(text), furniture, symbol_hint)
    seg = _segment(lines, furniture, headings, footnotes, by_line=False)
    # Numbers that are not paragraph numbers (a list deep in the text) leave the body in the
    # front matter: many full sentences before "paragraph 1" mean the text numbers none.
    sentences_in_front = sum(1 for t in seg.front if _looks_like_a_sentence(t))
    if not seg.paragraphs() or sentences_in_front >= _SENTENCES_BEFORE_BODY \
            or seg.unnumbered_sentences >= _SENTENCES_BEFORE_PARAGRAPH_1:
        by_line = _segment(lines, furniture, headings, footnotes, by_line=True)
        if len(by_line.paragraphs()) > len(seg.paragraphs()):
            return by_line
    return seg


def _segment(lines: list[Line], furniture: Segmented, headings: dict | None, footnotes: list | None,
             by_line: bool) -> Segmented:
    """One reading of the lines left after the page furniture (`furniture`: what stripping it found)."""
    headings = headings or {}
    roman_heading = re.compile(headings.get("level1", _ROMAN_HEADING))
    letter_heading = re.compile(headings.get("level2", _LETTER_HEADING))
    annex_heading = re.compile(headings.get("annex", _ANNEX_HEADING))
    contents_heading = re.compile(headings.get("contents", CONTENTS_HEADING))
    para_patterns = [re.compile(headings.get("paragraph", _PARA.pattern)), _PARA_PAREN]
    numeral_words = headings.get("numerals", {})

    def first_roman(text: str) -> bool:
        """Heading I (一、, أولا -): where a body starts, and where the contents end when met again."""
        m = roman_heading.match(text)
        return bool(m) and numeral_value(m.group(1), numeral_words) == 1
    seg = replace(furniture, blocks=[replace(b) for b in furniture.blocks], links=list(furniture.links),
                  header_symbols=Counter(furniture.header_symbols), job_numbers=Counter(furniture.job_numbers))
    if by_line:
        seg.positions = "line"
    in_annex = False
    columns = re.compile(headings.get("contents_columns", CONTENTS_COLUMNS))
    seg.contents, contents_lines = read_contents(lines, contents_heading, columns, first_roman, para_patterns)
    # Where the body starts in a text that numbers no paragraph: at the first heading I.
    body_start = next((i for i, ln in enumerate(lines) if i not in contents_lines and first_roman(ln.text)),
                      None) if by_line else None
    anchored = []  # (footnote block, the words its mark follows), to tie the note to its paragraph
    for note in footnotes or ():
        seg.blocks.append(Block("footnote", note.mark, note.text, None, page=note.page))
        anchored.append((seg.blocks[-1], " ".join(getattr(note, "anchor", "").split())))
    para: int | None = None
    last_roman = 0
    last_letter: str | None = None  # the last lettered heading of the current chapter
    section = subsection = None
    current: Block | None = None
    list_number = 0  # last number of a numbered list inside the current paragraph
    started = False
    unnumbered = 0  # sentences after the first heading and before paragraph 1

    def open_block(block: Block) -> Block:
        block.page = here.page
        seg.blocks.append(block)
        return block

    for index, here in enumerate(lines):
        line, indented = here.text, here.indented
        if index in contents_lines:
            before = contents_heading.sub("", line).strip() if contents_heading.search(line) else ""
            if before:  # "REPORT OF … CONTENTS": the title run into the heading of the contents
                current = _front(before, current, open_block)
            current = open_block(Block("contents", None, line, None))
            continue
        if "[…]" in line or "[...]" in line:
            seg.truncated += 1
        if in_annex or (started and annex_heading.match(line)):
            # Annexes (texts of decisions, rules) are kept for references, not read for facts.
            if not in_annex or current is None or current.kind != "annex":
                current = open_block(Block("annex", None, line, None, "annex"))
            else:
                current.append(line)
            in_annex = True
            continue
        if by_line:
            current, started, section, subsection = _by_line(
                here, seg, open_block, roman_heading, letter_heading, para_patterns[0],
                body_start is not None and index < body_start,
                started or (body_start is not None and index >= body_start), section, subsection, current)
            continue
        if started and para is None and _looks_like_a_sentence(line):
            unnumbered += 1
        for pattern in para_patterns:  # the first that matches (a loop: two generators a line cost more)
            m_para = pattern.match(line)
            if m_para:
                break
        else:
            m_para = None
        expected = (para or 0) + 1
        if m_para is None and line[:1].isdigit():
            glued = _PARA_GLUED.match(line)
            m_para = glued if glued and int(glued.group(1)) == expected and not glued.group(2)[0].islower() else None
        if m_para and int(m_para.group(1)) == expected and not (
                list_number and int(m_para.group(1)) == list_number + 1 and (
                    not _list_closed(seg.blocks) or _numbered_again(lines, index, expected, para_patterns))):
            para = expected
            list_number = 0
            started = True
            current = open_block(Block("para", str(para), m_para.group(2) or "", para, section, subsection))
            continue
        m_roman = roman_heading.match(line)
        number = numeral_value(m_roman.group(1), numeral_words) if m_roman else None
        # a heading may follow one the body lost (restore_lost_headings) if the contents list it
        if number is not None and (number == last_roman + 1 or number > last_roman and listed_in_contents(
                m_roman.group(2) or "", seg.contents)):
            last_roman = number
            # "Chapter I" alone on its line, its title on the next (appended to the heading below)
            section, subsection = (m_roman.group(2) or "").strip(), None
            last_letter = None
            started = True
            list_number = 0
            current = open_block(Block("heading", m_roman.group(1), section, para, section, None, level=1))
            continue
        m_letter = letter_heading.match(line)
        if m_letter and started and _next_letter(m_letter.group(1), last_letter) and not (
                current and current.kind == "item" and not _SENTENCE_END.search(current.text)):
            last_letter = m_letter.group(1)
            subsection = m_letter.group(2).strip()
            list_number = 0
            current = open_block(Block("heading", m_letter.group(1), subsection, para, section, subsection, level=2))
            continue
        if m_para and para is not None:
            if int(m_para.group(1)) > expected and int(m_para.group(1)) != list_number + 1:
                seg.out_of_sequence += 1  # a paragraph number that skips ahead: read as a list item, not a paragraph
            list_number = int(m_para.group(1))
            current = open_block(Block("item", m_para.group(1), m_para.group(2) or "", para, section, subsection,
                                       indented=indented))
            continue
        m_item = _LETTER_ITEM.match(line) or _ROMAN_ITEM.match(line)
        if m_item and started:
            current = open_block(Block("item", m_item.group(1), m_item.group(2) or "", para, section, subsection,
                                       indented=indented))
            continue
        if not started:
            current = _front(line, current, open_block)
            continue
        new_text_block = (
            current is None
            or current.kind == "heading" and _SENTENCE_END.search(current.text) is not None
            or (indented and starts_like_a_sentence(line) and _SENTENCE_END.search(current.text) is not None)
        )
        if new_text_block:
            current = open_block(Block("text", None, line, para, section, subsection, indented=indented))
        else:
            current.append(line)
            if current.kind == "heading":  # a title on the line after its label ("Chapter I")
                if current.level == 1:
                    section = current.section = current.text
                else:
                    subsection = current.subsection = current.text
    for block in seg.blocks:
        block.text = symbols.despace_symbols(" ".join(block.text.split()))
    for note, anchor in anchored:  # the last block up to the note's page whose text has the words
        note.para = next((b.para for b in reversed(seg.blocks) if anchor and b.kind in ("para", "item", "text")
                          and (b.page or 0) <= (note.page or 0) and anchor in b.text), None)
    seg.unnumbered_sentences = unnumbered
    return seg


def _next_letter(label: str, last: str | None) -> bool:
    """A Latin letter heading follows the one before it (A, B, C; one lost heading allowed), so that an
    initial or honorific starting a line ("M. Ahmed Benali (Maroc)") is not read as heading M."""
    if not ("A" <= label <= "Z") or label == "A":
        return True
    if last is None or not "A" <= last <= "Z":
        return label <= "E"
    return 0 < ord(label) - ord(last) <= 2


def _front(line: str, current: Block | None, open_block) -> Block:
    """Front matter (title, symbol, dates) is one item a cell: Word table cells and -layout
    columns (tabs, runs of spaces) apart; only a hyphenated or comma-ended line runs on."""
    cells = [c for c in CELL_SPLIT.split(line) if c.strip()]
    for cell in cells:
        if current is not None and current.kind == "front" and current.text.rstrip().endswith(("-", ",")):
            current.append(cell)
        else:
            current = open_block(Block("front", None, cell, None))
    return current


def _by_line(here: Line, seg: Segmented, open_block, roman_heading, letter_heading, numbered, in_front: bool,
             started: bool, section: str | None, subsection: str | None, current: Block | None):
    """One sentence per line: each line after the front matter is a position numbered by its
    line; headings (labelled, or titles of the contents) may run into the sentence after them;
    list items and short title lines belong to the position before them."""
    line = " ".join(here.text.split())
    if in_front:
        return _front(line, current, open_block), started, section, subsection
    run_in = split_run_in(line, seg.contents)
    if run_in is None:
        m = roman_heading.match(line) or letter_heading.match(line)
        if m and not _SENTENCE_END.search(line):
            run_in = ((m.group(1), (m.group(2) or "").strip()), "")
    if run_in is not None and (started or run_in[1]):
        (label, title), rest = run_in
        level = 1 if label is None or re.fullmatch(r"[IVXL]+", label) else 2
        if level == 1:
            section, subsection = title, None
        else:
            subsection = title
        started = True
        current = open_block(Block("heading", label, title, None, section, subsection, level=level))
        if not rest:
            return current, started, section, subsection
        line = rest
    if not started and not _looks_like_a_sentence(line):
        return _front(line, current, open_block), started, section, subsection
    started = True
    position = current.para if current is not None and current.kind != "heading" else None
    if position is not None:
        item = _LETTER_ITEM.match(line) or _ROMAN_ITEM.match(line) or _list_number(line, current, seg.blocks, numbered)
        if item:
            current = open_block(Block("item", item.group(1), item.group(2) or "", position, section, subsection))
            return current, started, section, subsection
        if len(line.split()) <= _TITLE_WORDS and not _SENTENCE_END.search(line):
            # a topic line over a list ("Training and exchange of experience")
            current = open_block(Block("text", None, line, position, section, subsection))
            return current, started, section, subsection
    current = open_block(Block("para", str(here.number), line, here.number, section, subsection))
    return current, started, section, subsection

_TITLE_WORDS = 12


def _list_number(line: str, current: Block, blocks: list[Block], numbered: re.Pattern) -> re.Match | None:
    """"1." after a line ending with a colon, or the number after the last item's: a list item."""
    m = numbered.match(line)
    if not m:
        return None
    n = int(m.group(1))
    if n == 1 and current.text.rstrip().endswith((":", "：")):
        return m
    last = next((b for b in reversed(blocks) if b.para != current.para or (b.kind == "item" and b.label.isdigit())),
                None)
    if last is not None and last.para == current.para and n == int(last.label) + 1:
        return m
    return None
