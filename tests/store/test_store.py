"""The embedded store: default location, atomic replacement, catalog, drop, queries."""
from __future__ import annotations

import pyoxigraph
import pytest
from click.testing import CliRunner

from unkg.cli import cli
from unkg.store.embedded import LocalStore, default_store_dir, loadables_from

from ..conftest import EXAMPLES, ROOT

EXAMPLE = str(EXAMPLES / "example-report.ru.txt")
ENGLISH = str(ROOT / "tests" / "data" / "example" / "example-report.en.txt")
GRAPH_RU = "https://w3id.org/unkg/graph/CTOC/COP/WG.2/2030/L.1/ru"


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def count(store: LocalStore, graph: str) -> int:
    return sum(1 for _ in store.store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph)))


def test_default_location_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("UNKG_STORE", str(tmp_path / "kg"))
    assert default_store_dir() == tmp_path / "kg"
    monkeypatch.delenv("UNKG_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_dir() == tmp_path / "xdg" / "unkg" / "store"


def test_load_twice_keeps_one_copy_and_graphs_lists_it(tmp_path):
    kg = str(tmp_path / "kg")
    assert run("load", EXAMPLE, "--store", kg, "-q").exit_code == 0
    store = LocalStore(kg)
    first = count(store, GRAPH_RU)
    store.close()
    assert run("load", EXAMPLE, ENGLISH, "--store", kg, "-q").exit_code == 0
    store = LocalStore(kg)
    assert count(store, GRAPH_RU) == first
    listed = {(g.symbol, g.language): g.triples for g in store.graphs()}
    assert listed[("CTOC/COP/WG.2/2030/L.1", "ru")] == first
    assert ("CTOC/COP/WG.2/2030/L.1", "en") in listed
    store.close()
    out = run("graphs", "--store", kg, "--format", "csv").output
    assert out.startswith("symbol,language,triples,loaded,graph") and f",ru,{first}," in out


def test_query_without_data_uses_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv("UNKG_STORE", str(tmp_path / "kg"))
    run("load", EXAMPLE, ENGLISH, "-q")
    result = run("query", "report", "--format", "csv")
    assert result.output.splitlines()[1:] == ["CTOC/COP/WG.2/2030/L.1,en,X.30-00002,Draft report on the twelfth meeting,",
                                              "CTOC/COP/WG.2/2030/L.1,ru,X.30-00001,Проект доклада о работе двенадцатого совещания,"]


def test_drop_removes_every_language(tmp_path):
    kg = str(tmp_path / "kg")
    run("load", EXAMPLE, ENGLISH, "--store", kg, "-q")
    result = run("drop", "CTOC/COP/WG.2/2030/L.1", "--store", kg)
    assert result.exit_code == 0 and result.output.count("dropped") == 2
    store = LocalStore(kg)
    assert [g.symbol for g in store.graphs()] == [None]  # the shared reference graph stays
    store.close()
    assert CliRunner().invoke(cli, ["drop", "CTOC/COP/WG.2/2030/L.1", "--store", kg]).exit_code == 2


def test_a_failed_load_leaves_the_store_as_it_was(tmp_path):
    store = LocalStore(tmp_path / "kg")
    items = list(loadables_from(EXAMPLE, "https://w3id.org/unkg/"))
    for item in items:
        store.load(item)
    before = set(store.store)
    bad = next(i for i in items if i.graph == GRAPH_RU)
    bad.triples = bad.triples[:10]

    real = store.store  # pyoxigraph's Store cannot be patched: wrap it, failing the swap step
    class Failing:
        def __getattr__(self, name):
            return getattr(real, name)

        def update(self, *args, **kwargs):
            raise OSError("disk full")

    store.store = Failing()
    with pytest.raises(OSError):
        store.load(bad)
    store.store = real
    assert set(store.store) == before


def test_replacement_is_one_update_request(tmp_path):
    """The swap relies on one SPARQL Update being one transaction: a request that fails to parse
    changes nothing, even when its first operations alone would have."""
    store = LocalStore(tmp_path / "kg")
    for item in loadables_from(EXAMPLE, "https://w3id.org/unkg/"):
        store.load(item)
    before = set(store.store)
    with pytest.raises(SyntaxError):
        store.store.update(f"DROP SILENT GRAPH <{GRAPH_RU}> ; INSERT DATA {{ GRAPH <{GRAPH_RU}> {{ <a> }} }}")
    assert set(store.store) == before


def test_a_dataset_file_loads_graph_by_graph(tmp_path):
    out = tmp_path / "two.nq"
    assert run("convert", EXAMPLE, ENGLISH, "-o", str(out), "-q").exit_code == 0
    assert run("load", str(out), "--store", str(tmp_path / "kg"), "-q").exit_code == 0
    store = LocalStore(tmp_path / "kg")
    assert sorted((g.symbol, g.language) for g in store.graphs() if g.symbol) == [
        ("CTOC/COP/WG.2/2030/L.1", "en"), ("CTOC/COP/WG.2/2030/L.1", "ru")]
    store.close()
