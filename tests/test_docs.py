"""The README's examples run, in order, as a new user would type them; every `unkg` example in docs/ is a valid
invocation of the command it names (its options and arguments parse)."""
from __future__ import annotations

import http.server
import os
import re
import shlex
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import click
import pytest

from unkg.cli import cli

from .conftest import CORPUS, ROOT
from .servers import free_port

FENCE = re.compile(r"```sh\n(.*?)```", re.DOTALL)


def examples(path: Path) -> list[str]:
    """Each `unkg …` line of the file's sh blocks, comments and environment assignments left out."""
    out = []
    for block in FENCE.findall(path.read_text(encoding="utf-8")):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            words = shlex.split(line) if line else []
            while words and re.fullmatch(r"[A-Z_]+=\S*", words[0]):
                words = words[1:]
            if words and words[0] == "unkg":
                out.append(shlex.join(words))
    return out


DOCS = sorted((ROOT / "docs").glob("*.md"))


def test_the_readme_has_an_example_for_every_command():
    named = {shlex.split(e)[1] for e in examples(ROOT / "README.md")}
    assert set(cli.commands) <= named, sorted(set(cli.commands) - named)


@pytest.mark.parametrize("line", [e for doc in DOCS for e in examples(doc)])
def test_every_docs_example_parses(line):
    name, *rest = shlex.split(line)[1:]
    assert name in cli.commands, f"{line}: no command {name!r}"
    try:
        cli.commands[name].make_context(name, rest)
    except click.UsageError as exc:
        pytest.fail(f"{line}: {exc}")


class _Ods(http.server.ThreadingHTTPServer):
    """A stand-in for the ODS symbol API: every symbol in every language is the same real PDF."""

    def __init__(self, pdf: bytes):
        pdf_bytes = pdf

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/pdf")
                self.send_header("Content-Length", str(len(pdf_bytes)))
                self.end_headers()
                self.wfile.write(pdf_bytes)

        super().__init__(("127.0.0.1", 0), Handler)


def test_the_readme_examples_run_in_order(tmp_path):
    """convert → validate → query → load → graphs → serve → publish, fetch against a stand-in for ODS, harvest
    against the stand-in Digital Library of tests/harvest."""
    pdf = CORPUS / "pdf" / "A_78_L.102.en.pdf"
    if not pdf.is_file():
        pytest.skip("../shared/corpus/pdf is absent: fetch has nothing real to serve")
    from .harvest.catalogue_data import build_files, ods_files, records
    from .harvest.standin import FakeDigitalLibrary
    from .harvest.test_fetch import FakeOds

    (tmp_path / "data").symlink_to(ROOT / "data")
    ods = _Ods(pdf.read_bytes())
    threading.Thread(target=ods.serve_forever, daemon=True).start()
    env = {**os.environ, "UNKG_ODS_URL": f"http://127.0.0.1:{ods.server_address[1]}", "NO_PROXY": "127.0.0.1",
           "UNKG_CACHE_DIR": str(tmp_path / "cache"), "UNKG_STORE": str(tmp_path / "default-store")}
    port = free_port()
    served = build_files(tmp_path / "served")
    catalogue = FakeDigitalLibrary(records(served))
    series_ods = FakeOds(ods_files(served), html=set(), busy={})
    try:
        catalogue.__enter__()
        series_ods.__enter__()
        for line in examples(ROOT / "README.md"):
            words = shlex.split(line)[1:]
            if words[0] == "serve":
                words = [w if w != "8000" else str(port) for w in words]
                server = subprocess.Popen([sys.executable, "-m", "unkg.cli", *words], cwd=tmp_path, env=env,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                try:
                    assert _answers(f"http://127.0.0.1:{port}/"), server.stderr.read1().decode() if server.poll() \
                        else "the server did not answer"
                finally:
                    server.terminate()
                    server.wait(10)
                continue
            here = env
            if words[0] in ("fetch", "harvest"):
                words += ["--pause", "0"]
            if words[0] == "harvest":  # the stand-in catalogue, and an ODS that has the series' files
                here = {**env, "UNKG_DL_URL": catalogue.url, "UNKG_ODS_URL": series_ods.url}
            done = subprocess.run([sys.executable, "-m", "unkg.cli", *words], cwd=tmp_path, env=here,
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, f"{line}: {done.stderr[-500:]}"
    finally:
        ods.shutdown()
        catalogue.__exit__(None, None, None)
        series_ods.__exit__(None, None, None)
    assert (tmp_path / "report.ttl").stat().st_size > 0
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["FCCC_SBI_2014_8.en.pdf",
                                                                         "FCCC_SBI_2014_8.fr.pdf"]
    assert (tmp_path / "site" / "index.html").is_file()


def _answers(url: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.status == 200
        except OSError:
            time.sleep(0.3)
    return False


def test_a_wrong_option_is_caught():
    with pytest.raises(click.UsageError):
        cli.commands["convert"].make_context("convert", ["x.txt", "--no-such-option"])


def test_the_readme_python_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    for block in re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL):
        exec(compile(block, "README.md", "exec"), {})
    assert "CTOC/COP/WG.2/2030/L.1 12" in capsys.readouterr().out
