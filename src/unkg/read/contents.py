"""Stage `read`: the table of contents — its entries (label, title) and the lines it takes, and headings run into
the sentence after them, split where a contents title ends."""
from __future__ import annotations

import re
from functools import lru_cache

from unkg.read.blocks import Line, starts_like_a_sentence


# Table of contents: entries end with the paragraph range and the page ("1–2  5").
# Defaults; a lexicon gives its own under "headings" (contents, contents_columns).
CONTENTS_HEADING = r"(?:^|\s)(?:Contents|CONTENTS)$"

CONTENTS_COLUMNS = r"^Paragraphs\s+Page\s*"  # the column heads of the contents

_CONTENTS_ENTRY_END = re.compile(r"(?:\d{1,4}\s*[–—-]\s*)?\d{1,4}\s+\d{1,3}$")


def _contents_title(text: str, columns: re.Pattern) -> tuple[str | None, str]:
    """A contents entry without its paragraph range and page: ("A", "Attendance")."""
    text = columns.sub("", text)
    text = _CONTENTS_ENTRY_END.sub("", text).strip()
    m = re.match(r"^([IVXL]{1,6}|[A-Z])\s*\.\s+(.*)$", text)
    return (m.group(1), m.group(2).strip()) if m else (None, text)


def read_contents(lines: list[Line], contents_heading: re.Pattern, columns: re.Pattern, first_roman,
                   para_patterns: list[re.Pattern]) -> tuple[list[tuple[str | None, str]], set[int]]:
    """The table of contents: its entries and the indexes of its lines.

    It runs from the "Contents" heading until the numbering of the headings starts
    again at I (the body), a paragraph 1, or a line that neither ends an entry
    (paragraph range and page) nor continues one."""
    start = next((i for i, ln in enumerate(lines[:80]) if contents_heading.search(ln.text)), None)
    if start is None:
        return [], set()
    entries: list[tuple[str | None, str]] = []
    taken = {start}
    pending = ""  # an entry continued over several lines
    seen_first = False
    for i in range(start + 1, len(lines)):
        text = re.sub(r"\s+", " ", lines[i].text)
        if first_roman(text):
            if seen_first:
                break
            seen_first = True
        if any((m := p.match(text)) and m.group(1) == "1" for p in para_patterns):
            break
        ends_entry = bool(_CONTENTS_ENTRY_END.search(text))
        labelled = bool(re.match(r"^(?:[IVXL]{1,6}|[A-Z])\s*\.\s", text)) or text.startswith("(")
        if not ends_entry and not labelled and not pending and entries:
            break
        taken.add(i)
        if labelled and pending:
            entries.append(_contents_title(pending, columns))
            pending = ""
        pending = f"{pending} {text}".strip()
        if ends_entry:
            entries.append(_contents_title(pending, columns))
            pending = ""
    if pending:
        entries.append(_contents_title(pending, columns))
    return [(label, title) for label, title in entries if title and not title.startswith("(")], taken


@lru_cache(maxsize=1024)
def _title_pattern(label: str | None, title: str) -> re.Pattern:
    """A contents title as printed in the body: any case, any spacing around dashes, label optional."""
    body = r"\s*".join(re.escape(w) for w in re.sub(r"\s*([-–—])\s*", r" \1 ", title).split())
    prefix = rf"(?:{re.escape(label)}\s*\.\s*)?" if label else ""
    return re.compile(rf"^{prefix}{body}(?=\s|$)", re.IGNORECASE)

_LABEL_PREFIX = re.compile(r"^(?:[IVXL]{1,6}|[A-Z])\s*\.\s*")


@lru_cache(maxsize=64)
def _titles_by_initial(titles: tuple[tuple[str | None, str], ...]) \
        -> tuple[dict[str, list[tuple[str | None, str]]], dict[tuple[str | None, str], int]]:
    """The contents' titles by the first letter of their first word, longest title first, and each title's
    rank in that order: a line is tried only against the titles it could start with (a text one sentence
    a line has hundreds of lines)."""
    ordered = sorted(titles, key=lambda t: -len(t[1]))
    index: dict[str, list[tuple[str | None, str]]] = {}
    for label, title in ordered:
        if title.strip():
            index.setdefault(title.strip()[0].lower(), []).append((label, title))
    return index, {t: i for i, t in enumerate(ordered)}


def split_run_in(text: str, titles: list[tuple[str | None, str]]) -> tuple[tuple[str | None, str], str] | None:
    """A heading run into the sentence after it ("A. Attendance The fifth session …"): split it
    where a title of the contents ends and a sentence begins."""
    if not titles or not text:
        return None
    index, rank = _titles_by_initial(tuple(titles))
    after_label = _LABEL_PREFIX.sub("", text, count=1)
    candidates = index.get(text[0].lower(), [])
    if after_label and after_label[0].lower() != text[0].lower():
        candidates = sorted({*candidates, *index.get(after_label[0].lower(), [])}, key=rank.__getitem__)
    for label, title in candidates:
        m = _title_pattern(label, title).match(text)
        if m:
            rest = text[m.end():].strip()
            if not rest or starts_like_a_sentence(rest):
                return (label, title), rest
    return None


def heading_key(title: str) -> str:
    return re.sub(r"\W+", "", title.casefold())


def same_heading(entry: tuple[str | None, str], heading: tuple[str | None, str]) -> bool:
    """The body prints the contents entry (label, key): the same words, maybe followed by more ("(Agenda
    item 2)") or without a label the contents run into them ("ثانيا - …"), or, under the same label, two
    thirds of them ("… (agenda item held in abeyance)" printed "… (Agenda sub-item 4(a) held in abeyance)")."""
    (label, key), (printed_label, printed) = entry, heading
    if printed.startswith(key) or printed and key.endswith(printed) and 2 * len(printed) >= len(key):
        return True
    if label and printed_label and label != printed_label:
        return False
    common = next((n for n, (a, b) in enumerate(zip(key, printed)) if a != b), min(len(key), len(printed)))
    return 3 * common >= 2 * max(len(key), len(printed))


def listed_in_contents(title: str, contents: list[tuple[str | None, str]]) -> bool:
    """A heading's title (its first line) is an entry of the contents."""
    key = heading_key(title)
    if len(key) < 8:
        return False
    entries = (heading_key(entry) for _, entry in contents)
    return any(entry.startswith(key) or same_heading((None, entry), (None, key)) for entry in entries)
