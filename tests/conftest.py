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
SEED = CORPUS / "CTOC_COP_WG.3_2024_L.1.ru.txt"


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"real corpus not available: {path} is absent (../shared is not beside the checkout)")
    return path


def gold_documents() -> list[str]:
    return sorted(p.stem for p in GOLD.glob("*.json"))


def gold(name: str) -> dict:
    return json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))


def source_path(spec: str) -> Path:
    kind, _, name = spec.partition(":")
    return corpus_file(name) if kind == "corpus" else EXAMPLES / name


@cache
def converted_store(path: str):
    from unkg.pipeline import convert_file
    from unkg.store import add_ontology
    from pyoxigraph import Store

    converted = convert_file(path)
    store = Store()
    add_ontology(store)
    store.bulk_extend(converted.quads)
    return converted, store
