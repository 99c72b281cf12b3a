"""A run killed with SIGKILL leaves temporary files; the next run removes them (convert, load; harvest in
test_harvest.py).  The processes are real: `python -m unkg.cli` in its own session, killed as a group."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from unkg.graph.export import LEGACY_AGE, remove_stale_temps, temp_beside

from ..conftest import EXAMPLES

EXAMPLE_SYMBOL = "CTOC/COP/WG.2/2030/L.1"


def variant_reports(folder: Path, count: int) -> list[Path]:
    """`count` reports of distinct symbols, from the constructed example (each converts on its own)."""
    text = (EXAMPLES / "example-report.ru.txt").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        path = folder / f"report-{i:03d}.ru.txt"
        path.write_text(text.replace(EXAMPLE_SYMBOL, f"CTOC/COP/WG.2/2030/L.{i + 1}"), encoding="utf-8")
        out.append(path)
    return out


def unkg(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "unkg.cli", *map(str, args)], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)


def kill_group(process: subprocess.Popen) -> None:
    """SIGKILL the command and its worker processes, as the OOM killer or `kill -9` of a session would."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(30)


def wait_for(condition, seconds: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            pytest.fail(f"the run ended ({process.returncode}) before the moment to kill it: "
                        f"{process.stderr.read().decode()[-1500:]}")
        time.sleep(0.005)
    kill_group(process)
    pytest.fail("the moment to kill the run never came")


def temporaries(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.endswith(".tmp"))


def test_convert_killed_with_sigkill_leaves_nothing_after_the_rerun(tmp_path):
    variant_reports(tmp_path / "corpus", 160)
    out = tmp_path / "out" / "out.nq"
    run = unkg("convert", tmp_path / "corpus", "-o", out, "--jobs", "2")
    wait_for(lambda: len(temporaries(out.parent)) == 2, 60, run)  # the output's and the log's
    time.sleep(0.3)  # well into the conversion
    kill_group(run)
    left = temporaries(out.parent)
    assert len(left) == 2 and all(name.startswith((".out.nq.", ".out.nq.log.jsonl.")) for name in left), left
    assert not out.exists()
    rerun = subprocess.run([sys.executable, "-m", "unkg.cli", "convert", str(tmp_path / "corpus"), "-o", str(out),
                            "--jobs", "2", "-q"], capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()[-2000:]
    assert temporaries(out.parent) == []
    graphs = {q.graph_name.value for q in pyoxigraph.parse(out.read_bytes(), format=pyoxigraph.RdfFormat.N_QUADS)}
    assert len(graphs) == 161  # every report and the reference graph


def test_load_killed_with_sigkill_resumes_and_leaves_no_temporary_file(tmp_path):
    variant_reports(tmp_path / "corpus", 40)
    store = tmp_path / "kg"
    run = unkg("load", tmp_path / "corpus", "--store", store)
    # the progress line after the first tenth of the reports: some are loaded, most are not
    wait_for(lambda: (store.with_name("kg.search.sqlite")).exists() and run.stderr.readline().startswith(b"unkg:"),
             120, run)
    kill_group(run)
    rerun = subprocess.run([sys.executable, "-m", "unkg.cli", "load", str(tmp_path / "corpus"), "--store", str(store),
                            "-q"], capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()[-2000:]
    assert temporaries(tmp_path) == []
    from unkg.store.embedded import LocalStore

    local = LocalStore(store)
    try:
        symbols = {g.symbol for g in local.graphs() if g.symbol}
    finally:
        local.close()
    assert symbols == {f"CTOC/COP/WG.2/2030/L.{i + 1}" for i in range(40)}


def test_only_temporaries_of_dead_processes_are_removed(tmp_path):
    target = tmp_path / "out.nq"
    fd, mine = temp_beside(target)
    os.close(fd)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    try:
        live_other = Path(mine.replace(f"-{os.getpid()}-", f"-{sleeper.pid}-"))
        dead_other = Path(mine.replace(f"-{os.getpid()}-", f"-{dead.pid}-"))
        other_target = Path(mine.replace(".out.nq.", ".other.nq.").replace(f"-{os.getpid()}-", f"-{dead.pid}-"))
        legacy_old, legacy_new = tmp_path / ".out.nq.k2j4h5g6.tmp", tmp_path / ".out.nq.a1b2c3d4.tmp"
        for p in (live_other, dead_other, other_target, legacy_old, legacy_new):
            p.write_bytes(b"partial")
        os.utime(legacy_old, (time.time() - LEGACY_AGE - 60,) * 2)
        removed = remove_stale_temps(tmp_path, ["out.nq"])
        assert sorted(removed) == sorted([dead_other, legacy_old])
        assert all(p.exists() for p in (Path(mine), live_other, other_target, legacy_new))
        assert remove_stale_temps(tmp_path) == [other_target]  # every target: a folder unkg owns
    finally:
        sleeper.kill()
        sleeper.wait()
