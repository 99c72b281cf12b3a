"""What PDF extraction does to text must not change the facts.

Each perturbation is applied to a report (the real seed where ../shared is
present, and always to the constructed example) and every competency query
must give the same rows as on the unperturbed text.
"""
from __future__ import annotations

import re

import pytest

from unkg.pipeline import convert_file
from unkg.query import query_names, resolve_query, run_select
from unkg.store import add_ontology

from .conftest import EXAMPLES, SEED


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


_HEADING = re.compile(r"^\s*(?:[IVX]+|[A-Z])\.\s+\S")


def reordered_paragraphs(text: str) -> bytes:
    """The numbered paragraphs of every section in reverse order, numbered again from the top: a
    translator may order the sentences of a section differently, and no fact may depend on it."""
    sections: list[tuple[list[str], list[list[str]]]] = [([], [])]
    expected = 1
    for line in text.split("\n"):
        m = re.match(r"^(\d+)\.\s", line)
        if _HEADING.match(line):
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
