"""Documents and citations read from whole CONSTRUCTED reports (tests/data/citations, issue 17): the facts a careful
reader writes (tests/data/citations/expected.json, in the form of the gold files) against what the competency queries
answer, key by key, every row found and none extra."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import converted_store
from ..gold_checks import score

FOLDER = Path(__file__).parent.parent / "data" / "citations"
EXPECTED = {name: facts for name, facts in json.loads((FOLDER / "expected.json").read_text(encoding="utf-8")).items()
            if not name.startswith("_")}
CASES = [(name, key) for name, facts in EXPECTED.items() for key in facts]


@pytest.mark.parametrize("name,key", CASES, ids=[f"{n}:{k}" for n, k in CASES])
def test_constructed_report(name, key):
    _, store = converted_store(str(FOLDER / name))
    s = score(EXPECTED[name], store, key)
    assert (s.missing, s.extra) == ([], [])


@pytest.mark.parametrize("name", list(EXPECTED))
def test_constructed_report_conforms_to_shapes(name):
    from unkg.graph.shacl import validate_triples

    converted, _ = converted_store(str(FOLDER / name))
    assert validate_triples(converted.quads) == []
