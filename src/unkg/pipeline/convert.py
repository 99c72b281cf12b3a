"""Stage `pipeline`: convert reports — read → segment → extract → map to RDF, one report at a time."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad

from unkg.errors import UnkgError
from unkg.extract.report import extract_file
from unkg.model import Report
from unkg.graph.terms import DEFAULT_BASE
from unkg.graph.reference import codes_in, reference_quads
from unkg.graph.mapping import report_quads


@dataclass
class Converted:
    report: Report
    quads: list[Quad]


@dataclass
class BatchResult:
    converted: list[Converted] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    base: str = DEFAULT_BASE

    @property
    def quads(self) -> list[Quad]:
        """Every report's graph, then the reference graph describing the States and
        organizations they name."""
        out = [q for c in self.converted for q in c.quads]
        codes = set().union(*(codes_in(c.report) for c in self.converted)) if self.converted else set()
        return out + reference_quads(codes, self.base)


def convert_file(path: str | Path, lang: str | None = None, symbol: str | None = None,
                 base: str = DEFAULT_BASE, **read_options) -> Converted:
    report = extract_file(path, lang=lang, symbol=symbol, **read_options)
    return Converted(report, report_quads(report, base))


def convert_many(paths: list[str], lang: str | None = None, symbol: str | None = None,
                 base: str = DEFAULT_BASE, **read_options) -> BatchResult:
    """Convert each file; a bad file is recorded and does not stop the others."""
    result = BatchResult(base=base)
    for path in paths:
        try:
            result.converted.append(convert_file(path, lang=lang, symbol=symbol, base=base, **read_options))
        except UnkgError as exc:
            result.failed.append((str(path), str(exc)))
    return result
