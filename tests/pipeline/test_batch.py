"""Streaming batch conversion: parallel, incremental, failures recorded, validation per report."""
from __future__ import annotations

import io
import json
import shutil

import pyoxigraph
import pytest
from click.testing import CliRunner

from unkg.pipeline.batch import Options, Progress, log_path, manifest_path, run_batch
from unkg.cli import cli

from ..conftest import EXAMPLES, ROOT

VERSIONS = [EXAMPLES / "example-report.ru.txt"] + sorted((ROOT / "tests" / "data" / "example").glob("*.txt"))


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for i, path in enumerate(VERSIONS):
        shutil.copy(path, folder / ("sub" if i % 2 else ".") / path.name)
    return folder


def graphs_of(path):
    return {q.graph_name.value for q in pyoxigraph.parse(path.read_bytes(), format=pyoxigraph.RdfFormat.N_QUADS)}


def test_parallel_output_equals_sequential(corpus, tmp_path):
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    run_batch([str(corpus)], str(one), Options(), jobs=1, quiet=True)
    run_batch([str(corpus)], str(two), Options(), jobs=2, quiet=True)
    assert one.read_bytes() == two.read_bytes()
    assert len(graphs_of(one)) == 7  # six language versions and the reference graph


def test_a_batch_in_this_process_leaves_the_garbage_collector_as_it_was(corpus, tmp_path):
    # the batch keeps what it loaded out of the collector's passes while it runs (speed), not after
    import gc

    before = gc.get_threshold()
    run_batch([str(corpus)], str(tmp_path / "one.nq"), Options(), jobs=1, quiet=True)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_a_worker_loads_only_the_languages_of_its_reports_and_keeps_them_out_of_the_collector():
    # a fresh process, as a pool's worker is: what it loads is its own, not what other tests loaded here
    import os
    import subprocess
    import sys

    code = f"""
import gc
from unkg.lang.names import resolver
from unkg.pipeline.batch import Options, convert_in_worker, warm_worker
warm_worker(Options())
frozen = gc.get_freeze_count()
assert resolver.cache_info().currsize == 0, "languages loaded before any report"
out = convert_in_worker({str(EXAMPLES / "example-report.ru.txt")!r}, Options())
assert out.status == "ok", out.reason
assert resolver.cache_info().currsize == 1, "more than the report's language loaded"
assert gc.get_freeze_count() > frozen, "the language's data left in the collector's passes"
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr


def test_rerun_reuses_unchanged_reports(corpus, tmp_path):
    out = tmp_path / "out.nq"
    first = run_batch([str(corpus)], str(out), Options(), quiet=True)
    assert first.count("ok") == 6
    before = out.read_bytes()
    second = run_batch([str(corpus)], str(out), Options(), quiet=True)
    assert second.count("reused") == 6 and out.read_bytes() == before
    changed = corpus / "example-report.ru.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Кения", "Кения, Гана"), encoding="utf-8")
    third = run_batch([str(corpus)], str(out), Options(), quiet=True)
    assert third.count("ok") == 1 and third.count("reused") == 5
    assert "<https://w3id.org/unkg/id/state/GHA>" in out.read_text(encoding="utf-8")
    forced = run_batch([str(corpus)], str(out), Options(), force=True, quiet=True)
    assert forced.count("ok") == 6


def test_changed_options_invalidate_the_manifest(corpus, tmp_path):
    out = tmp_path / "out.nq"
    run_batch([str(corpus)], str(out), Options(), quiet=True)
    again = run_batch([str(corpus)], str(out), Options(base="http://example.org/"), quiet=True)
    assert again.count("ok") == 6


def test_a_bad_report_is_logged_and_the_others_written(corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out.nq"
    result = CliRunner().invoke(cli, ["convert", str(corpus), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    assert "broken.txt: binary file" in result.stderr
    records = [json.loads(line) for line in log_path(str(out)).read_text().splitlines()]
    assert {r["status"] for r in records} == {"ok", "failed"}
    assert [r["path"] for r in records if r["status"] == "failed"] == [str(corpus / "broken.txt")]
    assert len(graphs_of(out)) == 7
    assert json.loads(manifest_path(str(out)).read_text())["entries"]


def test_nothing_converted_writes_nothing(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    out = tmp_path / "out.nq"
    result = CliRunner().invoke(cli, ["convert", str(bad), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert list(tmp_path.iterdir()) == [bad], "no log, manifest or temporary file is left either"
    assert result.stderr.count("empty.txt: empty file") == 1


def test_missing_input_and_empty_glob_are_reported(tmp_path):
    out = tmp_path / "out.nq"
    result = CliRunner().invoke(cli, ["convert", str(VERSIONS[0]), str(tmp_path / "nope.txt"),
                                      str(tmp_path / "*.none"), "-o", str(out)])
    assert result.exit_code == 1
    assert "nope.txt: no such file" in result.stderr and "no file matches" in result.stderr


def test_progress_without_a_terminal_is_plain_lines():
    stream = io.StringIO()
    progress = Progress(20, stream=stream)
    from unkg.pipeline.batch import Outcome

    for i in range(20):
        progress.update(Outcome(f"r{i}"))
    lines = stream.getvalue().splitlines()
    assert lines and all(l.startswith("unkg: ") and "reports/s" not in l for l in lines)
    assert lines[-1].startswith("unkg: 20/20 reports")


def test_validate_reports_violations_per_report(corpus, tmp_path):
    out = tmp_path / "out.nq"
    run_batch([str(corpus)], str(out), Options(), quiet=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    broken = [l for l in lines if not ("ontology#startDate" in l and "/ru>" in l.split()[-2])]
    bad = tmp_path / "bad.nq"
    bad.write_text("\n".join(broken) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(bad), "--jobs", "2"])
    assert result.exit_code == 1
    assert "https://w3id.org/unkg/graph/CTOC/COP/WG.2/2030/L.1/ru: 1 violation(s)" in result.output
    assert "1 of 7 graph(s)" in result.output
    good = CliRunner().invoke(cli, ["validate", str(out)])
    assert good.exit_code == 0 and "7 graph(s)" in good.output


def test_validate_streams_graphs_and_refuses_a_graph_in_pieces(corpus, tmp_path):
    out = tmp_path / "out.nq"
    run_batch([str(corpus)], str(out), Options(), quiet=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    ru = [l for l in lines if l.endswith("/L.1/ru> .")]
    rest = [l for l in lines if not l.endswith("/L.1/ru> .")]
    pieces = tmp_path / "pieces.nq"
    pieces.write_text("\n".join(ru[:10] + rest + ru[10:]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(pieces)])
    assert result.exit_code == 2 and "several pieces" in result.stderr and "--union" in result.stderr
    assert CliRunner().invoke(cli, ["validate", str(pieces), "--union"]).exit_code == 0


def test_a_large_output_is_handed_to_the_disk_as_it_grows(tmp_path):
    from unkg.pipeline import batch

    with open(tmp_path / "out.nq", "wb") as out:
        out.write(b"x" * 1000)
        assert batch._start_writeback(out, 0) == 0  # too little yet: nothing asked of the disk
        out.write(b"y" * batch._WRITEBACK_BYTES)
        done = batch._start_writeback(out, 0)
        assert done == 1000 + batch._WRITEBACK_BYTES
        assert batch._start_writeback(out, done) == done
    assert (tmp_path / "out.nq").stat().st_size == done  # what was written is all there
