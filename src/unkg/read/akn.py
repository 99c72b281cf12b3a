"""Stage `read`: read reports published in Akoma Ntoso (AKN4UN) HTML: the structure is explicit.

The AKN rendering marks parts and subparts (headings), numbered subsections
(paragraphs), list items and attachments (annexes).  This module turns that
markup into the same `Segmented` blocks the plain-text segmenter produces, so
the extractor reads both the same way.  The page may carry a YAML header
(frbr_uri, title, expression_date, language) before the HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

from unkg.read.blocks import Block, Segmented

_HEADING = re.compile(r"^(?:Part\s+)?([IVXL]{1,6}|[A-Z])\s*[.–—-]\s*(\S.*)$")
_NUM = re.compile(r"^\(?([0-9]{1,3}|[a-z]|[ivx]{1,5})[).]?$")


def is_akn(text: str) -> bool:
    return 'class="akn-akomaNtoso"' in text or "<akomaNtoso" in text


@dataclass
class AknDocument:
    seg: Segmented
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def akn_symbol(self) -> str | None:
        """The Work's name in the FRBR URI, in AKN form: /…/ipbes-1-12 -> IPBES-1-12."""
        uri = self.meta.get("frbr_uri", "")
        last = uri.rstrip("/").rsplit("/", 1)[-1]
        return last.upper() if last else None

    @property
    def language(self) -> str | None:
        return self.meta.get("language2") or None

    @property
    def date(self) -> date | None:
        try:
            return date.fromisoformat(self.meta.get("expression_date", "").strip("'\""))
        except ValueError:
            return None


def _yaml_header(text: str) -> tuple[dict[str, str], str]:
    """The scalar keys of a leading YAML block (no YAML library needed for these)."""
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text
    meta: dict[str, str] = {}
    key = None
    for line in text[3:end].splitlines():
        m = re.match(r"^([A-Za-z_0-9]+):\s*(.*)$", line)
        if m:
            key, value = m.group(1), m.group(2).strip()
            meta[key] = value.strip("'\"")
        elif key and line.startswith("  ") and not line.strip().startswith("-") and meta.get(key):
            meta[key] += " " + line.strip()  # a folded scalar, such as a long title
        else:
            key = None
    return meta, text[end + 4:]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.seg = Segmented()
        self.stack: list[tuple[str, set[str]]] = []
        self.section: str | None = None
        self.subsection: str | None = None
        self.para: int | None = None
        self.capture: str | None = None  # what the text being read is: heading, num, p, annex
        self.buffer: list[str] = []
        self.in_annex = False
        self.pending_item: Block | None = None

    def _classes(self) -> set[str]:
        return set().union(*(c for _, c in self.stack)) if self.stack else set()

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append((tag, classes))
        if "akn-attachments" in classes:
            self.in_annex = True
        if tag in ("h1", "h2", "h3", "h4") and not self.in_annex:
            self._start("heading")
        elif "akn-num" in classes and not self.in_annex:
            self._start("num")
        elif classes & {"akn-p", "akn-listIntroduction", "akn-heading", "akn-subheading"}:
            self._start("p")

    def _start(self, kind: str) -> None:
        self.capture, self.buffer = kind, []

    def handle_data(self, data):
        if self.capture:
            self.buffer.append(data)
        elif self.in_annex and data.strip():
            self._annex(data)

    def handle_endtag(self, tag):
        if not self.stack:
            return
        _, classes = self.stack.pop()
        text = " ".join("".join(self.buffer).split())
        if self.capture == "heading" and tag in ("h1", "h2", "h3", "h4"):
            self.capture = None
            self._heading(text)
        elif self.capture == "num" and "akn-num" in classes:
            self.capture = None
            self._number(text)
        elif self.capture == "p" and classes & {"akn-p", "akn-listIntroduction", "akn-heading", "akn-subheading"}:
            self.capture = None
            if self.in_annex:
                self._annex(text)
            else:
                self._text(text)

    def _heading(self, text: str) -> None:
        m = _HEADING.match(text)
        enclosing = [c for _, c in self.stack]
        level = 2 if any("akn-subpart" in c for c in enclosing) else 1
        label, title = (m.group(1), m.group(2)) if m else (None, text)
        if level == 1:
            self.section, self.subsection = title, None
        else:
            self.subsection = title
        self.seg.blocks.append(Block("heading", label, title, self.para, self.section, self.subsection, level=level))

    def _number(self, text: str) -> None:
        m = _NUM.match(text)
        if not m:
            return
        label = m.group(1)
        if label.isdigit() and any("akn-subsection" in c for _, c in self.stack) and \
                not any("akn-item" in c for _, c in self.stack):
            self.para = int(label)
            self.seg.blocks.append(Block("para", label, "", self.para, self.section, self.subsection))
        else:
            self.seg.blocks.append(Block("item", label, "", self.para, self.section, self.subsection))

    def _text(self, text: str) -> None:
        if not text:
            return
        last = self.seg.blocks[-1] if self.seg.blocks else None
        if last is None or last.kind == "heading" or last.kind == "annex":
            self.seg.blocks.append(Block("text", None, text, self.para, self.section, self.subsection))
        else:
            last.append(text)

    def _annex(self, text: str) -> None:
        last = self.seg.blocks[-1] if self.seg.blocks else None
        if last is not None and last.kind == "annex":
            last.append(text)
        else:
            self.seg.blocks.append(Block("annex", None, text, None, "annex"))


def parse_akn(text: str) -> AknDocument:
    meta, body = _yaml_header(text)
    start = body.find('<span class="akn-akomaNtoso"')
    parser = _Parser()
    parser.feed(body[start:] if start >= 0 else body)
    parser.close()
    seg = parser.seg
    front = [b for b in (meta.get("title"), f"report {meta.get('frbr_uri', '').rsplit('/', 1)[-1].upper()}") if b]
    seg.blocks[:0] = [Block("front", None, line, None) for line in front]
    for block in seg.blocks:
        block.text = " ".join(block.text.split())
    return AknDocument(seg, meta)
