"""Who spoke on which agenda item (src/unkg/extract/statements.py), read through the competency query
`statements` on constructed reports (tests/data/statements) that state the same facts in several languages: the
classes of speaker the readers of real reports found (names spoken for, States aligning themselves, dialogues,
officials of a named organization, the secretariat, officers of other bodies, drafts introduced, sub-items)."""
from __future__ import annotations

import json

import pytest
from pyoxigraph import Store

from unkg.extract.statements import stacked_items
from unkg.graph.validate import validate_quads
from unkg.pipeline.convert import convert_file
from unkg.store.embedded import add_ontology
from unkg.store.query import resolve_query, run_select

from ..conftest import TESTDATA

DATA = TESTDATA / "statements"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
TEXTS = sorted(p.name for p in DATA.glob("*.txt"))


def statements(path) -> tuple[list, object]:
    converted = convert_file(str(path))
    store = Store()
    add_ontology(store)
    store.bulk_extend(converted.quads)
    rows = run_select(store, resolve_query("statements").read_text(encoding="utf-8")).as_dicts()
    return sorted((r["agenda_item"], r["code"]) for r in rows), converted


@pytest.mark.parametrize("name", TEXTS)
def test_who_spoke_on_which_item(name):
    got, converted = statements(DATA / name)
    expected = sorted((item, code) for item, codes in EXPECTED[name.split(".")[0]].items() for code in codes)
    assert got == expected
    result = validate_quads(converted.quads)
    assert result.conforms, result.violations[:5]


@pytest.mark.parametrize("stacked,later,expected", [
    ([["2"], ["2.a"]], ["2.b"], ["2.a"]),  # a sub-item under its item's heading is that sub-item
    ([["19"], ["19.a"], ["19.b"], ["19.c"]], ["20"], ["19"]),  # sub-items stacked together: their item
    ([["7.a"], ["7.b"]], ["8"], ["7"]),
    ([["4"], ["4.b"], ["4.c"]], ["4.d"], ["4.c"]),  # another sub-item follows: each has its own proceedings
    ([["3"], ["4"]], [], ["4"]),  # an item without paragraphs of its own, then the next
])
def test_stacked_heading_markers(stacked, later, expected):
    assert stacked_items(stacked, later) == expected
