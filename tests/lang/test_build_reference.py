"""The committed country table is what the build script makes from UNTERM."""
from __future__ import annotations

import csv
import importlib.util

import pytest

from ..conftest import ROOT

UNTERM = ROOT.parent / "shared" / "reference" / "unterm-countries.ttl"


def test_build_script_reproduces_the_committed_table(tmp_path):
    if not UNTERM.is_file():
        pytest.skip(f"reference data not available: {UNTERM} is absent")
    pytest.importorskip("pycountry")
    spec = importlib.util.spec_from_file_location("build_reference", ROOT / "scripts" / "build_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "countries.csv"
    module.main(["build", str(UNTERM), str(out)])
    built = list(csv.DictReader(out.open(encoding="utf-8")))
    committed = list(csv.DictReader((ROOT / "data" / "countries.csv").open(encoding="utf-8")))
    assert built == committed
