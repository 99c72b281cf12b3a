"""Stage `harvest` (memory): what earlier runs did for a target, per catalogue record and language.

One SQLite file beside the target (`STORE.harvest.sqlite`, `OUT.nq.harvest.sqlite`)
says, for each record and language, the record's stamp (a hash of what unkg
uses of it, its 005 modification included), the file's checksum, the graph made,
and whether it was loaded, failed, or is absent from the catalogue and ODS.  A
row is written only after its graph was loaded, in one transaction: a run killed
at any point leaves rows that are true, and the rerun does the rest.  For an
N-Quads output the converted graph itself is kept (compressed), since the output
is rewritten whole from the rows.
"""
from __future__ import annotations

import datetime
import json
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
  record TEXT NOT NULL, lang TEXT NOT NULL, symbol TEXT, stamp TEXT, options TEXT, status TEXT, reason TEXT,
  sha256 TEXT, graph TEXT, codes TEXT, report BLOB, catalogue BLOB, at TEXT,
  PRIMARY KEY (record, lang));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


@dataclass
class Version:
    record: str
    lang: str
    symbol: str
    stamp: str
    options: str
    status: str  # ok | failed | absent
    reason: str = ""
    sha256: str = ""
    graph: str = ""
    codes: tuple[str, ...] = ()
    report: bytes | None = None  # the converted graph as N-Quads (kept for an N-Quads output only)
    catalogue: bytes | None = None  # the catalogue's facts as N-Quads (idem)


def state_path(target: str | Path) -> Path:
    p = Path(target)
    return p.with_name(p.name + ".harvest.sqlite")


class State:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path)
        self.db.executescript(SCHEMA)

    def get(self, record: str, lang: str) -> Version | None:
        row = self.db.execute("SELECT record, lang, symbol, stamp, options, status, reason, sha256, graph, codes "
                              "FROM versions WHERE record = ? AND lang = ?", (record, lang)).fetchone()
        if row is None:
            return None
        return Version(*row[:9], codes=tuple(json.loads(row[9] or "[]")))

    def has_graph_data(self, record: str, lang: str) -> bool:
        return self.db.execute("SELECT report IS NOT NULL FROM versions WHERE record = ? AND lang = ?",
                               (record, lang)).fetchone() == (1,)

    def report_data(self, record: str, lang: str) -> bytes | None:
        row = self.db.execute("SELECT report FROM versions WHERE record = ? AND lang = ?", (record, lang)).fetchone()
        return zlib.decompress(row[0]) if row and row[0] is not None else None

    def put(self, v: Version) -> None:
        """One row, committed at once (after its graph was loaded).  A failed attempt on a version done before
        records only that it failed: the stamp, checksum and graph stay those of the version loaded, which the
        store (or the output) still holds, so that the next run downloads again and the output keeps it."""
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
        pack = (lambda b: zlib.compress(b, 6) if b is not None else None)
        on_conflict = "DO UPDATE SET status = excluded.status, reason = excluded.reason, at = excluded.at" \
            if v.status == "failed" else "DO UPDATE SET " + ", ".join(
                f"{c} = excluded.{c}" for c in ("symbol", "stamp", "options", "status", "reason", "sha256", "graph",
                                                "codes", "report", "catalogue", "at"))
        with self.db:
            self.db.execute("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                            f"ON CONFLICT (record, lang) {on_conflict}",
                            (v.record, v.lang, v.symbol, v.stamp, v.options, v.status, v.reason, v.sha256, v.graph,
                             json.dumps(sorted(v.codes)), pack(v.report), pack(v.catalogue), now))

    def loaded(self) -> list[tuple[str, str, bytes, bytes, tuple[str, ...]]]:
        """(graph, symbol, report N-Quads, catalogue N-Quads, codes) of every version loaded (the last one
        loaded, when a later attempt failed), by symbol and language, for writing an N-Quads output whole."""
        rows = self.db.execute("SELECT graph, symbol, report, catalogue, codes FROM versions WHERE report IS NOT NULL "
                               "ORDER BY symbol, lang, record")
        for graph, symbol, report, catalogue, codes in rows:
            yield graph, symbol, zlib.decompress(report), zlib.decompress(catalogue or zlib.compress(b"")), \
                tuple(json.loads(codes or "[]"))

    def fingerprint(self) -> str:
        """What an N-Quads output written from these rows would hold: unchanged means no rewrite."""
        import hashlib

        digest = hashlib.sha256()
        for row in self.db.execute("SELECT record, lang, stamp, options, sha256 FROM versions "
                                   "WHERE report IS NOT NULL ORDER BY record, lang"):
            digest.update(json.dumps(row).encode("utf-8"))
        return digest.hexdigest()

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def close(self) -> None:
        self.db.close()
