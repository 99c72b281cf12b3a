"""`unkg harvest` end to end against the stand-in Digital Library and ODS (tests/harvest/standin.py): listing
page after page, two languages into the store, the catalogue's facts queryable, incremental reruns, a killed
run finished by the next, skipped records with their reasons, and the exit codes."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from unkg.cli import cli
from unkg.harvest.state import state_path
from unkg.store.embedded import LocalStore

from ..servers import free_port
from .catalogue_data import WG3, WG3_BODY

ALL_WG3 = {(WG3.format(year=y), lang) for y, lang in
           ((2024, "en"), (2024, "ru"), (2023, "en"), (2022, "en"), (2022, "ru"), (2020, "en"), (2020, "ru"))}


def harvest(*args):
    return CliRunner().invoke(cli, ["harvest", *map(str, args), "--pause", "0"])


def graphs_in(store: Path) -> set[tuple[str, str]]:
    local = LocalStore(store)
    try:
        return {(g.symbol, g.language) for g in local.graphs() if g.language}
    finally:
        local.close()


def select(store: Path, query: str) -> list[tuple]:
    local = LocalStore(store)
    try:
        return sorted(tuple(t.value if t is not None else None for t in row) for row in local.store.query(query))
    finally:
        local.close()


def test_a_series_in_two_languages_into_the_store(services, tmp_path):
    kg = tmp_path / "kg"
    result = harvest("CTOC/COP/WG.3/", "--lang", "en,ru", "--store", kg)
    assert result.exit_code == 0, result.output
    # three pages of two records (the stand-in serves two a page however many are asked), symbol field
    assert [(s["p"], s.get("f"), s["of"], s["jrec"]) for s in services.dl.searches] == \
        [("CTOC/COP/WG.3/*", "documentsymbol", "xm", j) for j in ("1", "3", "5")]
    assert graphs_in(kg) == ALL_WG3
    assert services.dl.requests["file"] == 6  # each linked file once: nothing for the agenda (not a report)
    assert services.ods.requests == {"api": 7, "file": 1}  # 2022 ru found; 2023 ru, 2021 en/ru: 404 and a probe
    assert all(agent.startswith("unkg/") for agent in services.dl.agents | services.ods.agents)
    log = result.stderr
    assert "CTOC/COP/WG.3/2024/1 (record 4100005): skipped: document type Provisional agendas, not a report" in log
    assert "CTOC/COP/WG.3/2022/L.1 (record 4100003): en converted; ru converted: from ODS" in log
    assert "CTOC/COP/WG.3/2021/L.1 (record 4100002): en skipped: not available in en: the catalogue links no file" \
        in log
    assert "ru skipped: not available in ru: the catalogue links no ru PDF or Word file, and ODS has none" in log
    assert "6 record(s) listed: 7 version(s) converted" in log and "4 skipped, 0 failed" in log
    assert "requests: 3 listing, 6 file(s), 7 ODS" in log


def test_catalogue_link_subjects_and_body_are_queryable(services, tmp_path):
    kg = tmp_path / "kg"
    assert harvest("CTOC/COP/WG.3/", "--lang", "en,ru", "--store", kg).exit_code == 0
    on_crime = select(kg, """
        PREFIX unkg: <https://w3id.org/unkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?symbol ?record WHERE { GRAPH ?g {
          ?report a unkg:Report ; unkg:symbol ?symbol ; unkg:catalogueRecord ?record ; dcterms:subject ?term .
          ?term a skos:Concept ; skos:inScheme unkg:unbis ; skos:prefLabel ?label .
          FILTER(lcase(str(?label)) = "transnational crime") } }""")
    url = services.dl.url
    assert on_crime == [(WG3.format(year=2022), f"{url}/record/4100003"),
                        (WG3.format(year=2023), f"{url}/record/4100004"),
                        (WG3.format(year=2024), f"{url}/record/4100006")]
    bodies = select(kg, """PREFIX unkg: <https://w3id.org/unkg/ontology#>
        SELECT DISTINCT ?own ?catalogue WHERE { GRAPH ?g { ?report unkg:catalogueBody ?catalogue ;
          unkg:reportOf/unkg:body/unkg:code ?own } }""")
    assert bodies == [("CTOC/COP/WG.3", WG3_BODY)]  # the catalogue's name beside unkg's own body
    described = select(kg, """PREFIX unkg: <https://w3id.org/unkg/ontology#>
        SELECT DISTINCT ?code WHERE { GRAPH <https://w3id.org/unkg/graph/reference> { ?s unkg:code ?code } }""")
    named = select(kg, """PREFIX unkg: <https://w3id.org/unkg/ontology#>
        SELECT DISTINCT ?code WHERE { GRAPH ?g { ?s a unkg:State ; unkg:code ?code }
          FILTER(?g != <https://w3id.org/unkg/graph/reference>) }""")
    assert len(named) > 20 and set(named) <= set(described)  # every State a report names is described once
    rq = tmp_path / "crime.rq"
    rq.write_text((Path(__file__).parents[2] / "queries" / "subjects.rq").read_text(encoding="utf-8"))
    table = CliRunner().invoke(cli, ["query", str(rq), "--store", str(kg), "--format", "csv"])
    assert table.exit_code == 0, table.output
    assert f"CTOC/COP/WG.3/2020/L.1,CONFISCATION,{url}/record/4100001" in table.output.splitlines()


def test_a_second_run_downloads_nothing_and_a_changed_record_is_taken_again(services, tmp_path):
    kg = tmp_path / "kg"
    assert harvest("CTOC/COP/WG.3/", "--lang", "en,ru", "--store", kg).exit_code == 0
    files, ods = services.dl.requests["file"], dict(services.ods.requests)
    again = harvest("CTOC/COP/WG.3/", "--lang", "en,ru", "--store", kg)
    assert again.exit_code == 0, again.output
    assert services.dl.requests["file"] == files and services.ods.requests == ods, "the second run downloaded"
    assert "0 version(s) converted, 0 reloaded with new catalogue facts, 7 unchanged" in again.stderr
    changed = next(r for r in services.dl.records if r.id == 4100004)
    changed.subjects, changed.modified = ["TRANSNATIONAL CRIME", "CYBERCRIME"], "20240901100000.0"
    third = harvest("CTOC/COP/WG.3/", "--lang", "en,ru", "--store", kg)
    assert third.exit_code == 0, third.output
    assert services.dl.files["CTOC_COP_WG.3_2023_L.1-EN.docx"] == 2  # the changed record's file, asked again
    assert services.dl.requests["file"] == files + 1 and services.ods.requests["api"] == ods["api"] + 2
    assert "1 version(s) converted" in third.stderr and "6 unchanged" in third.stderr
    subjects = select(kg, """PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?label WHERE { GRAPH <https://w3id.org/unkg/graph/CTOC/COP/WG.3/2023/L.1/en> {
          ?report dcterms:subject/skos:prefLabel ?label } }""")
    assert subjects == [("CYBERCRIME",), ("TRANSNATIONAL CRIME",)]  # EXTRADITION is gone with the old graph


def test_a_dropped_report_is_loaded_again(services, tmp_path):
    kg = tmp_path / "kg"
    assert harvest("CTOC/COP/WG.3/", "--lang", "en", "--store", kg).exit_code == 0
    assert CliRunner().invoke(cli, ["drop", WG3.format(year=2020), "--store", str(kg)]).exit_code == 0
    again = harvest("CTOC/COP/WG.3/", "--lang", "en", "--store", kg)
    assert again.exit_code == 0 and "1 version(s) converted" in again.stderr
    assert (WG3.format(year=2020), "en") in graphs_in(kg)


def test_nquads_output_is_written_whole_and_kept_when_nothing_changed(services, tmp_path):
    out = tmp_path / "wg3.nq"
    first = harvest("CTOC/COP/WG.3/", "--lang", "en,ru", "-o", out)
    assert first.exit_code == 0, first.output
    quads = list(pyoxigraph.parse(out.read_bytes(), format=pyoxigraph.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}
    assert graphs == {f"https://w3id.org/unkg/graph/{s}/{lang}" for s, lang in ALL_WG3} | \
        {"https://w3id.org/unkg/graph/reference"}
    assert any(q.predicate.value.endswith("#catalogueRecord") for q in quads)
    valid = CliRunner().invoke(cli, ["validate", str(out)])
    assert valid.exit_code == 0, valid.output  # the catalogue's facts follow the shapes too
    before = out.stat().st_mtime_ns, out.read_bytes()
    assert harvest("CTOC/COP/WG.3/", "--lang", "en,ru", "-o", out).exit_code == 0
    assert (out.stat().st_mtime_ns, out.read_bytes()) == before
    changed = next(r for r in services.dl.records if r.id == 4100006)
    changed.subjects, changed.modified = changed.subjects + ["CORRUPTION"], "20241001100000.0"
    third = harvest("CTOC/COP/WG.3/", "--lang", "en,ru", "-o", out)
    # the files came again and are the same: their converted graphs are kept, only the catalogue's facts are new
    assert "0 version(s) converted, 2 reloaded with new catalogue facts, 5 unchanged" in third.stderr
    assert b'"CORRUPTION"@en' in out.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("case", ["bot check", "unreachable", "failed download", "all converted"])
def test_exit_codes(case, services, tmp_path, monkeypatch):
    kg = tmp_path / "kg"
    if case == "bot check":
        services.dl.bot_check = True
        result = harvest("CTOC/COP/WG.3/", "--store", kg)
        assert result.exit_code == 2
        assert result.stderr.strip().splitlines() == [
            f"Error: {services.dl.url}/search (query 'CTOC/COP/WG.3/', records from 1): the catalogue answered a "
            "web page, not MARCXML (a bot check or an error page); try again later"]
        assert not kg.exists() and services.dl.requests["file"] == 0  # nothing done after a failed listing
    elif case == "unreachable":
        monkeypatch.setattr("unkg.harvest.fetch.time.sleep", lambda seconds: None)  # the retries' backoff, not waited
        closed = f"http://127.0.0.1:{free_port()}"
        result = harvest("CTOC/COP/WG.3/", "--store", kg, "--dl-url", closed)
        assert result.exit_code == 2 and f"cannot reach {closed}" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and not kg.exists()
    elif case == "failed download":
        result = harvest("E/CN.15/", "CTOC/COP/WG.3/2020/", "--store", kg)
        assert result.exit_code == 1, result.output
        assert "error: E/CN.15/2024/L.1 (record 4300001, en): download: the service sent a web page (HTML), " \
               "not a DOCX file" in result.stderr
        assert graphs_in(kg) == {(WG3.format(year=2020), "en")}  # the other record went on
    else:
        result = harvest("CTOC/COP/WG.3/2020/", "--store", kg)
        assert result.exit_code == 0 and graphs_in(kg) == {(WG3.format(year=2020), "en")}


def test_since_until_limit_and_any_type(services, tmp_path):
    kg = tmp_path / "kg"
    dated = harvest("CTOC/COP/WG.3/", "--since", "2022-01-01", "--until", "2023-12-31", "--store", kg)
    assert dated.exit_code == 0, dated.output
    assert services.dl.searches[-1] | {"jrec": "1"} == {"p": "CTOC/COP/WG.3/*", "f": "documentsymbol", "of": "xm",
                                                        "rg": "100", "jrec": "1", "dt": "m", "d1": "2022-01-01",
                                                        "d2": "2023-12-31"}
    assert graphs_in(kg) == {(WG3.format(year=2023), "en"), (WG3.format(year=2022), "en")}
    asked = len(services.dl.searches)
    limited = harvest("CTOC/COP/WG.3/", "--limit", "3", "--store", tmp_path / "limited", "-q")
    assert limited.exit_code == 0 and "3 record(s) listed" in limited.stderr
    assert [s["rg"] for s in services.dl.searches[asked:]] == ["3", "1"]  # never more than the limit asked
    assert "skipped: CTOC/COP/WG.3/2024/1 (record 4100005): document type Provisional agendas" in limited.stderr
    resolution = "Conservation and Sustainable Use of Marine Biological Diversity"
    without = harvest(resolution, "--store", tmp_path / "res")
    assert without.exit_code == 0 and "A/RES/77/321 (record 4200003): skipped: document type Resolutions and " \
                                      "Decisions, not a report (--any-type harvests it)" in without.stderr
    assert services.dl.files["A_RES_77_321-EN.pdf"] == 0
    with_any = harvest(resolution, "--any-type", "--store", tmp_path / "res")
    assert with_any.exit_code == 0, with_any.output
    assert graphs_in(tmp_path / "res") == {("A/RES/77/321", "en")}


def test_symbol_series_and_free_text_queries(services, tmp_path):
    series = harvest("A/C.1/77/", "--store", tmp_path / "kg")
    assert services.dl.searches[-1]["p"] == "A/C.1/77/*" and services.dl.searches[-1]["f"] == "documentsymbol"
    assert series.exit_code == 0 and "A/C.1/77/L.30 (record 4200001): skipped: document type Draft resolutions" \
        in series.stderr
    text = harvest("nuclear-weapon-free zone treaty", "--store", tmp_path / "kg")
    assert services.dl.searches[-1]["p"] == "nuclear-weapon-free zone treaty" and "f" not in services.dl.searches[-1]
    assert text.exit_code == 0, text.output
    assert ("A/77/377", "en") in graphs_in(tmp_path / "kg")


def test_bad_options_exit_2_with_one_line(services, tmp_path):
    for args, said in ((["--lang", "de"], "unknown language 'de'"), (["-o", tmp_path / "x.ttl"], "name it .nq"),
                       (["-o", tmp_path / "x.nq", "--store", tmp_path / "kg"], "give one of them"),
                       (["--since", "2024-02-01", "--until", "2024-01-01"], "is after --until")):
        result = harvest("CTOC/COP/WG.3/", *args)
        assert result.exit_code == 2 and said in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert services.dl.requests["search"] == 0


def test_help_has_a_runnable_example():
    result = CliRunner().invoke(cli, ["harvest", "-h"])
    assert result.exit_code == 0 and "Example:" in result.output
    assert "unkg harvest CTOC/COP/WG.3/ --lang en,ru" in result.output


def test_a_killed_harvest_is_finished_by_the_next_run(services, tmp_path):
    """A real `unkg harvest` process is killed with SIGKILL after its first record; the rerun loads the rest,
    asks for no file twice (but the one being downloaded, if any), and leaves no temporary file."""
    kg = tmp_path / "kg"
    command = [sys.executable, "-m", "unkg.cli", "harvest", "CTOC/COP/WG.3/", "--lang", "en,ru", "--store", str(kg),
               "--pause", "0.3"]
    env = {**os.environ, **services.env}
    run = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, start_new_session=True)
    line = b""
    deadline = time.monotonic() + 120
    while b"[1/6]" not in line and time.monotonic() < deadline:
        line = run.stderr.readline()
        assert line or run.poll() is None, "the run ended before its first record"
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(30)
    assert (WG3.format(year=2024), "en") in graphs_in(kg) and len(graphs_in(kg)) < len(ALL_WG3)
    rerun = subprocess.run(command[:-1] + ["0"], env=env, capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()[-2000:]
    assert graphs_in(kg) == ALL_WG3
    assert services.dl.requests["file"] <= 6 + 1 and services.dl.files["CTOC_COP_WG.3_2024_L.1-EN.pdf"] == 1
    assert "en unchanged; ru unchanged" in rerun.stderr.decode().split("[1/6]")[1].splitlines()[0]
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".") and p.is_file()]
    assert leftovers == []
    assert state_path(kg).is_file()


def test_parallel_conversion_gives_the_same_output(services, tmp_path):
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    assert harvest("CTOC/COP/WG.3/", "--lang", "en,ru", "-o", one).exit_code == 0
    result = harvest("CTOC/COP/WG.3/", "--lang", "en,ru", "-o", two, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert "7 version(s) converted" in result.stderr
    assert one.read_bytes() == two.read_bytes()


def test_a_failed_update_keeps_the_version_loaded_before(services, tmp_path):
    """The record of a report changes and its new file cannot be downloaded: the run says so (exit 1) and the
    output keeps the version it had; once the file comes, the next run takes it."""
    out = tmp_path / "wg3.nq"
    assert harvest("CTOC/COP/WG.3/2020/", "-o", out).exit_code == 0
    record = next(r for r in services.dl.records if r.id == 4100001)
    record.subjects, record.modified = ["CONFISCATION", "MONEY LAUNDERING"], "20241101100000.0"
    services.dl.broken.add("CTOC_COP_WG.3_2020_L.1-EN.docx")
    failed = harvest("CTOC/COP/WG.3/2020/", "-o", out)
    assert failed.exit_code == 1 and "download: the service sent a web page (HTML)" in failed.stderr
    kept = out.read_bytes()
    assert b"/graph/CTOC/COP/WG.3/2020/L.1/en>" in kept and b'"MONEY LAUNDERING"@en' not in kept
    services.dl.broken.clear()
    fixed = harvest("CTOC/COP/WG.3/2020/", "-o", out)
    assert fixed.exit_code == 0, fixed.output
    assert "1 reloaded with new catalogue facts" in fixed.stderr  # the same file: its converted graph is reused
    assert b'"MONEY LAUNDERING"@en' in out.read_bytes()


def test_a_rerun_removes_what_a_killed_harvest_was_writing(services, tmp_path):
    """Temporary files of a process that is gone, in the download cache and beside the output, are removed."""
    from unkg.graph.export import temp_beside

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = tmp_path / "out" / "wg3.nq"
    cache = Path(services.env["UNKG_CACHE_DIR"]) / services.dl.url.split("//")[1].replace(":", "_")
    planted = []
    for target in (out, cache / "CTOC_COP_WG.3_2020_L.1.en.docx"):
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = temp_beside(target)
        os.close(fd)
        planted.append(Path(tmp.replace(f"-{os.getpid()}-", f"-{dead.pid}-")))
        os.rename(tmp, planted[-1])
    assert harvest("CTOC/COP/WG.3/2020/", "-o", out).exit_code == 0
    assert not any(p.exists() for p in planted)
    assert sorted(p.name for p in out.parent.iterdir()) == ["wg3.nq", "wg3.nq.harvest.sqlite"]
