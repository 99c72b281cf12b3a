"""Shared fixtures: where the real corpus is, and converted reports as stores."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLES = ROOT / "data" / "examples"
GOLD = Path(__file__).parent / "gold"
TESTDATA = Path(__file__).parent / "data"
SEED = CORPUS / "CTOC_COP_WG.3_2024_L.1.ru.txt"


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"real corpus not available: {path} is absent (../shared is not beside the checkout)")
    return path


def gold_documents() -> list[str]:
    return sorted(p.stem for p in GOLD.glob("*.json"))


def gold(name: str) -> dict:
    """Gold facts of one document; "based_on" takes the language-independent facts of another."""
    facts = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    if "based_on" in facts:
        return {**gold(facts["based_on"]), **facts}
    return facts


def source_path(spec: str) -> Path:
    kind, _, name = spec.partition(":")
    if kind == "corpus":
        return corpus_file(name)
    return (TESTDATA if kind == "test" else EXAMPLES) / name


@cache
def converted_store(path: str):
    from unkg.pipeline.convert import convert_file
    from unkg.store.embedded import add_ontology
    from pyoxigraph import Store

    converted = convert_file(path)
    store = Store()
    add_ontology(store)
    store.bulk_extend(converted.quads)
    return converted, store
