"""Fixtures of the harvest tests: the stand-in Digital Library and ODS on 127.0.0.1, with their files."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from .test_fetch import FakeOds
from .catalogue_data import BROKEN, build_files, needs_corpus, ods_files, records
from .standin import FakeDigitalLibrary


@pytest.fixture(scope="session")
def served(tmp_path_factory) -> dict[str, Path]:
    needs_corpus()
    return build_files(tmp_path_factory.mktemp("served"))


@dataclass
class Services:
    dl: FakeDigitalLibrary
    ods: FakeOds
    env: dict[str, str]


@pytest.fixture
def services(served, tmp_path, monkeypatch):
    """The catalogue (two records a page, whatever is asked, so that a series takes several pages) and ODS;
    the environment points unkg at them, with a cache of the test's own."""
    with FakeDigitalLibrary(records(served), max_rg=2, broken={BROKEN}) as dl, \
            FakeOds(ods_files(served), html=set(), busy={}) as ods:
        env = {"UNKG_DL_URL": dl.url, "UNKG_ODS_URL": ods.url, "UNKG_CACHE_DIR": str(tmp_path / "cache"),
               "NO_PROXY": "127.0.0.1"}
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        yield Services(dl, ods, env)
