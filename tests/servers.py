"""Real SPARQL servers for the tests, on 127.0.0.1 and free ports: Oxigraph (PyPI) and Virtuoso (Debian)."""
from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, process: subprocess.Popen, seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server not ready after {seconds} s: {log.read_text()[-2000:]}")


class ServerProcess:
    process: subprocess.Popen | None = None

    def kill(self) -> None:
        """Stop the server hard (SIGKILL), as a crash would; start() again on the same data."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)


class Oxigraph(ServerProcess):
    """`oxigraph serve` on a store folder."""

    name = "oxigraph"
    user = password = None

    def __init__(self, folder: Path):
        self.binary = Path(sys.executable).with_name("oxigraph")
        if not self.binary.exists():
            pytest.skip("the oxigraph server is not installed (pip install oxigraph; the test command does)")
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen | None = None
        self.port = free_port()

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    def start(self) -> "Oxigraph":
        log = self.folder / "server.log"
        self.process = subprocess.Popen([str(self.binary), "serve", "--location", str(self.folder / "data"),
                                         "--bind", f"127.0.0.1:{self.port}"], stdout=open(log, "ab"),
                                        stderr=subprocess.STDOUT)
        wait_http(f"{self.query_url}?query=ASK%7B%7D", self.process, 30, log)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class Virtuoso(ServerProcess):
    """A private Virtuoso instance (virtuoso-t +foreground) with a small result cap, to test paging."""

    name = "virtuoso"
    user = password = "dba"  # a new private instance always starts with dba/dba
    max_rows = 50

    def __init__(self, folder: Path):
        self.binary = shutil.which("virtuoso-t")
        if not self.binary:
            pytest.skip("virtuoso-t is not installed (Debian package virtuoso-opensource-7-bin; "
                        "the test command installs it)")
        self.folder = folder
        self.process: subprocess.Popen | None = None
        self.port, self.sql_port = free_port(), free_port()
        (folder / "vad").mkdir(parents=True, exist_ok=True)
        (folder / "vsp").mkdir(exist_ok=True)
        d = folder
        (folder / "virtuoso.ini").write_text(f"""[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{self.sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {d}
VADInstallDir = {d}/vad/
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{self.port}
ServerRoot = {d}/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {self.max_rows}
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
""")

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def start(self) -> "Virtuoso":
        log = self.folder / "stdout.log"
        self.process = subprocess.Popen([self.binary, "+foreground", "+configfile", str(self.folder / "virtuoso.ini")],
                                        cwd=self.folder, stdout=open(log, "ab"), stderr=subprocess.STDOUT)
        wait_http(f"{self.query_url}?query=ASK%7B%7D", self.process, 90, log)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            isql = shutil.which("isql-vt")
            if isql:
                subprocess.run([isql, f"127.0.0.1:{self.sql_port}", "dba", "dba", "exec=shutdown;"],
                               capture_output=True, timeout=30)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
