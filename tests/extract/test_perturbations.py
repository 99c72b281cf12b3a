"""What PDF extraction does to text must not change the facts.

Each perturbation is applied to a report (the real seed where ../shared is
present, and always to the constructed example) and every competency query
must give the same rows as on the unperturbed text.
"""
from __future__ import annotations

import re

import pytest

from unkg.pipeline.convert import convert_file
from unkg.store.query import query_names, resolve_query, run_select
from unkg.store.embedded import add_ontology

from ..conftest import EXAMPLES, SEED


def answers(path) -> dict[str, list]:
    from pyoxigraph import Store

    store = Store()
    add_ontology(store)
    store.bulk_extend(convert_file(path).quads)
    return {q: sorted(map(tuple, run_select(store, resolve_query(q).read_text()).rows), key=repr)
            for q in query_names()}


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def no_blank_lines(text: str) -> bytes:
    return re.sub(r"\n\s*\n", "\n", text).encode("utf-8")


def blank_after_every_line(text: str) -> bytes:
    return "\n\n".join(text.split("\n")).encode("utf-8")


def form_feeds(text: str) -> bytes:
    return text.replace("\n\n\n", "\n\f\n").encode("utf-8")


def no_break_spaces(text: str) -> bytes:
    return re.sub(r"(\d) ", "\\1\u00a0", text).replace(" — ", "\u00a0— ").encode("utf-8")


def cp1251(text: str) -> bytes:
    return text.encode("cp1251", errors="strict")


def utf8_bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def header_in_list(text: str) -> bytes:
    """A page break (footer, header) in the middle of the longest list, between two names."""
    symbol = next(line.strip() for line in text.splitlines() if re.fullmatch(r"\s*[A-Z]+/[A-Z/.0-9L]+\s*", line))
    longest = max(text.splitlines(), key=lambda l: l.count(","))
    cut = longest.index(", ", len(longest) // 2) + 2
    broken = f"{longest[:cut]}\n\n7/9 X.99-99999\n\n{symbol}\n\n{longest[cut:]}"
    return text.replace(longest, broken, 1).encode("utf-8")


_SECTION_HEADING = re.compile(r"^\s*(?:[IVX]+|[A-Z])\.\s+\S")


def reordered_paragraphs(text: str) -> bytes:
    """The numbered paragraphs of every section in reverse order, numbered again from the top: a
    translator may order the sentences of a section differently, and no fact may depend on it."""
    sections: list[tuple[list[str], list[list[str]]]] = [([], [])]
    expected = 1
    for line in text.split("\n"):
        m = re.match(r"^(\d+)\.\s", line)
        if _SECTION_HEADING.match(line):
            sections.append(([line], []))
        elif m and int(m.group(1)) == expected:
            sections[-1][1].append([line])
            expected += 1
        elif sections[-1][1]:
            sections[-1][1][-1].append(line)
        else:
            sections[-1][0].append(line)
    out, number = [], 0
    for head, paragraphs in sections:
        out += head
        for lines in reversed(paragraphs):
            number += 1
            out += [re.sub(r"^\d+", str(number), lines[0], count=1)] + lines[1:]
    return "\n".join(out).encode("utf-8")


PERTURBATIONS = [crlf, no_blank_lines, blank_after_every_line, form_feeds, no_break_spaces, cp1251, utf8_bom,
                 header_in_list, reordered_paragraphs]
SOURCES = [pytest.param(EXAMPLES / "example-report.ru.txt", id="example")] + (
    [pytest.param(SEED, id="seed")] if SEED.is_file() else [])


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("perturb", PERTURBATIONS, ids=lambda f: f.__name__)
def test_same_facts_after_perturbation(source, perturb, tmp_path):
    text = source.read_text(encoding="utf-8")
    damaged = tmp_path / source.name
    damaged.write_bytes(perturb(text))
    assert answers(damaged) == answers(source)


def test_seed_is_present_or_skipped_with_reason():
    if not SEED.is_file():
        pytest.skip(f"real corpus not available: {SEED} is absent")
    assert SEED.stat().st_size > 10_000


# -- the same report in the layouts users have (pdftotext, -layout, Word, UN Parallel Corpus) --------

_SYMBOL_LINE = re.compile(r"^\s*[A-Z]+(?:/[A-Za-z0-9.]+)+\s*$")
_FOOTER = re.compile(r"^\s*\d+/\d+\s+[A-Z]\.\d{2}-\d{5}\s*$")
_ITEM = re.compile(r"^(\s*)(\(?(?:[a-zа-яё]|[\u0621-\u064A]\u0640?)\)|\d{1,2}\.)\s+(.*)$")
# headings as the example reports print them: "II. ", "A. ", "二、", "ثانيا - ", "باء - "
_HEADING = re.compile(r"^(?:(?:[IVX]+|[A-Z])\. |[一二三四五六七八九十]+、|\S+ - (?!\d))")


def _symbol(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if _SYMBOL_LINE.match(line))


def _paragraph_starts(lines: list[str]) -> set[int]:
    """Lines that start a numbered paragraph ("1. ", Arabic "1 - "): the numbers run 1, 2, 3 … (a list's
    "1." does not)."""
    starts, expected = set(), 1
    for i, line in enumerate(lines):
        if re.match(rf"{expected}(?:\.| -) ", line):
            starts.add(i)
            expected += 1
    return starts


def _number_and_text(line: str) -> tuple[str, str]:
    m = re.match(r"^(\d+(?:\.| -)) (.*)$", line)
    return m.group(1), m.group(2)


def _unnumbered(line: str) -> str:
    return _number_and_text(line)[1]


def numbers_on_own_line(text: str) -> bytes:
    """pdftotext's default: "1." on its line, the paragraph on the next; list letters likewise."""
    lines = text.split("\n")
    starts = _paragraph_starts(lines)
    out = []
    for i, line in enumerate(lines):
        m = _ITEM.match(line)
        if i in starts or (m and not m.group(2)[0].isdigit()):
            label, rest = (_number_and_text(line) if i in starts else (m.group(1) + m.group(2), m.group(3)))
            out += [label, rest]
        else:
            out.append(line)
    return "\n".join(out).encode("utf-8")


def layout_columns(text: str) -> bytes:
    """pdftotext -layout: the symbol right-aligned on the masthead's first line, the running header
    right-aligned, paragraphs indented with their number in the margin, footers spread out."""
    symbol = _symbol(text)
    lines = text.split("\n")
    starts = _paragraph_starts(lines)
    out = [f"{'United Nations':<60}{symbol:>30}", ""]
    for i, line in enumerate(lines):
        if line.strip() == symbol:
            out.append(f"{symbol:>90}")
        elif _FOOTER.match(line):
            page, job = line.split()
            out.append(f"{page:<70}{job:>20}")
        elif i in starts:
            number, rest = _number_and_text(line)
            out.append(f"         {number:<8}{rest}")
        else:
            out.append("         " + line if line.strip() else line)
    return "\n".join(out).encode("utf-8")


def word_table_crlf_tabs(text: str) -> bytes:
    """Text saved from Word: the masthead as a "|" table row, no running header, tab indents, CRLF."""
    symbol = _symbol(text)
    lines = [line for line in text.split("\n") if line.strip() != symbol]
    starts = _paragraph_starts(lines)
    out = [f"|  | United Nations | {symbol} |", "|  |  | Distr.: Limited |", ""]
    for i, line in enumerate(lines):
        m = _ITEM.match(line)
        if i in starts:
            number, rest = _number_and_text(line)
            out.append(f"\t{number}\t{rest}")
        elif m:
            out.append(f"\t\t{m.group(2)}\t{m.group(3)}")
        else:
            out.append(line)
    return "\r\n".join(out).encode("utf-8")


def one_sentence_per_line(text: str) -> bytes:
    """The UN Parallel Corpus form: no paragraph numbers, one sentence a line, no running header
    (the symbol only in the file name, see SENTENCE_FILE)."""
    from unkg.read.blocks import join_lines

    symbol = _symbol(text)
    lines = [line for line in text.split("\n") if line.strip() and line.strip() != symbol]
    footers = [line for line in lines if _FOOTER.match(line)]  # kept at the end: they carry the job number
    lines = [line for line in lines if not _FOOTER.match(line)]
    starts = _paragraph_starts(lines)
    units: list[str] = []
    for i, line in enumerate(lines):
        new_unit = (i in starts or _ITEM.match(line) or _HEADING.match(line) or line.startswith("  ")
                    or not units or i < 2)
        if i in starts:
            line = _unnumbered(line)
        if new_unit:
            units.append(line.strip())
        else:
            units[-1] = join_lines(units[-1], line)
    out = []
    for unit in units:
        keep = _ITEM.match(unit) or _HEADING.match(unit)
        out += [unit] if keep else re.split(r"(?<=[.])\s+(?=[A-ZА-ЯЁ])|(?<=。)", unit)
    return "\n".join(out + footers).encode("utf-8")


LAYOUTS = [numbers_on_own_line, layout_columns, word_table_crlf_tabs, one_sentence_per_line]
LAYOUT_SOURCES = [pytest.param(EXAMPLES / "example-report.ru.txt", id="example-ru")] + [
    pytest.param(EXAMPLES.parent.parent / "tests" / "data" / "example" / f"example-report.{lang}.txt", id=f"example-{lang}")
    for lang in ("en", "fr", "es", "zh", "ar")]


@pytest.mark.parametrize("source", LAYOUT_SOURCES)
@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_same_facts_in_every_layout(source, layout, tmp_path):
    text = source.read_text(encoding="utf-8")
    # The symbol of a text that does not print it comes from the file name, as `unkg fetch` writes it.
    name = f"{_symbol(text).replace('/', '_')}.{source.name.split('.')[-2]}.txt"
    changed = tmp_path / name
    changed.write_bytes(layout(text))
    assert answers(changed) == answers(source)


def test_sentence_per_line_provenance_names_lines(tmp_path):
    """Without paragraph numbers each fact points at its line, and the graph says it is a line."""
    source = EXAMPLES / "example-report.ru.txt"
    changed = tmp_path / "CTOC_COP_WG.2_2030_L.1.ru.txt"
    changed.write_bytes(one_sentence_per_line(source.read_text(encoding="utf-8")))
    converted = convert_file(changed)
    assert (converted.report.positions, converted.report.symbol_origin) == ("line", "file name")
    predicates = {q.predicate.value.rsplit("#", 1)[-1] for q in converted.quads}
    assert "lineNumber" in predicates and "paragraphNumber" not in predicates
    lines = changed.read_text(encoding="utf-8").split("\n")
    for n, text in converted.report.paragraphs.items():
        assert text.startswith(lines[n - 1][:20])  # the position is the line the sentence stands on
