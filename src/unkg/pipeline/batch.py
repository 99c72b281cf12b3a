"""Stage `pipeline`: convert many reports in parallel, streaming one named graph per report.

Workers (processes) read, extract, map, validate and serialise one report each
and send back bytes; the parent writes them to a temporary file in input order
and renames it over the output at the end, so memory stays flat whatever the
corpus size and a crash never leaves a half-written output.  A manifest beside
the output records, per input, its content hash and where its graph lies in
the output: a re-run copies unchanged reports from the previous output instead
of converting them again (unless --force).  A report that fails is recorded
with its reason and the others go on.
"""
from __future__ import annotations

import gc
import glob
import hashlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import pyoxigraph
from pyoxigraph import RdfFormat

from unkg.version import __version__
from unkg.errors import UnkgError
from unkg.read.document import INPUT_SUFFIXES
from unkg.graph.export import PREFIXES

STREAM_FORMATS = {"nq": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG, "nt": RdfFormat.N_TRIPLES}
REPORT_SUFFIXES = INPUT_SUFFIXES + (".htm",)  # what a folder walk picks up


@dataclass(frozen=True)
class Options:
    lang: str | None = None
    symbol: str | None = None
    base: str = "https://w3id.org/unkg/"
    validate: bool = True
    fmt: str = "nq"
    ocr: bool = False  # PDF: OCR pages without a usable text layer
    max_pages: int = 500  # PDF: refuse longer files

    def key(self) -> str:
        """What, beside the content, decides the output: unkg's version and these options."""
        return hashlib.sha256(json.dumps([__version__, asdict(self)], sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class Outcome:
    path: str
    sha256: str = ""
    status: str = "ok"  # ok | failed | reused
    reason: str = ""
    symbol: str = ""
    symbol_origin: str = ""  # masthead | running header | AKN form | file name | given
    triples: int = 0
    warnings: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    genre: str | None = None
    quality: dict[str, int] = field(default_factory=dict)  # metric -> value (the report's DQV measurements)
    missing: list[str] = field(default_factory=list)  # expected kinds of fact not found
    seconds: dict[str, float] = field(default_factory=dict)
    data: bytes = b""

    def record(self) -> dict:
        """The log line's fields (not the data). Shallow: `asdict` deep-copied every list of every report in the
        parent, which took a third of its time in a batch."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "data"}


@dataclass
class Summary:
    """What a run did, kept small: counts, per-stage totals, and only the reports that need attention
    (the full record of every report is in the log file, written as the run goes)."""

    output: str
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=lambda: {"ok": 0, "reused": 0, "failed": 0})
    failed: list[Outcome] = field(default_factory=list)
    invalid: list[Outcome] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # (path, note) where the report's symbol came from outside its text (the file name)
    symbol_notes: list[tuple[str, str]] = field(default_factory=list)
    lacking: list[tuple[str, list[str]]] = field(default_factory=list)  # (path, expected kinds of fact not found)
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        outcome.data = b""
        if outcome.status == "failed":
            self.failed.append(outcome)
        elif outcome.violations:
            self.invalid.append(outcome)
        if outcome.status == "ok":
            self.warnings.extend((outcome.path, w) for w in outcome.warnings)
            if outcome.missing:
                self.lacking.append((outcome.path, outcome.missing))
            if outcome.symbol_origin == "file name":
                self.symbol_notes.append((outcome.path, f"symbol {outcome.symbol} from the file name"))
        for stage, secs in outcome.seconds.items():
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + secs

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)


def discover(inputs: list[str]) -> tuple[list[str], list[Outcome]]:
    """Files from paths, folders (searched recursively) and glob patterns, in a stable order."""
    files: list[str] = []
    missing: list[Outcome] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files.extend(str(f) for f in sorted(p.rglob("*")) if f.is_file() and f.name.endswith(REPORT_SUFFIXES)
                         and not f.name.startswith("."))
        elif p.exists():
            files.append(str(p))
        elif any(ch in item for ch in "*?["):
            matched = sorted(glob.glob(item, recursive=True))
            if not matched:
                missing.append(Outcome(item, status="failed", reason=f"{item}: no file matches this pattern"))
            files.extend(m for m in matched if Path(m).is_file())
        else:
            missing.append(Outcome(item, status="failed", reason=f"{item}: no such file"))
    return list(dict.fromkeys(files)), missing


def convert_one(path: str, options: Options, sha256: str | None = None) -> Outcome:
    """Worker: one report to serialised RDF, with its validation result; never raises for bad input.
    `sha256` is the content hash when the caller already has it (the batch hashes every input)."""
    from unkg.extract.report import extract_file
    from unkg.graph.reference import codes_in
    from unkg.graph.export import nquads
    from unkg.graph.mapping import in_report_graph, report_graph, statements
    from unkg.graph.shacl import validate_triples

    out = Outcome(path)
    t0 = time.perf_counter()
    try:
        out.sha256 = sha256 or _sha256(path)
        report = extract_file(path, lang=options.lang, symbol=options.symbol, ocr=options.ocr,
                              max_pages=options.max_pages)
        t1 = time.perf_counter()
        made = statements(report, options.base)
        t2 = time.perf_counter()
        if options.validate:  # on the builder's (s, p, o) tuples: reading quads back costs more than checking
            out.violations = [f"<{v.focus}> {v.path or ''}: {v.message}".replace(" :", ":")
                              for v in validate_triples(made, distinct=True)]
        t3 = time.perf_counter()
        if options.fmt == "nq":
            out.data = nquads(made, report_graph(report, options.base))
        else:
            out.data = serialise_chunk(in_report_graph(made, report, options.base), options.fmt)
        t4 = time.perf_counter()
    except UnkgError as exc:
        out.status, out.reason = "failed", str(exc)
        return out
    except Exception as exc:  # a bug must not stop the batch; it is reported with the file's name
        out.status, out.reason = "failed", f"{path}: internal error: {type(exc).__name__}: {exc}"
        return out
    out.triples = len(made)
    out.symbol, out.symbol_origin = report.symbol.text, report.symbol_origin
    out.warnings = [w.message for w in report.warnings]
    out.codes = sorted(codes_in(report))
    out.genre, out.missing = report.genre, report.missing()
    out.quality = {m.metric: m.value for m in report.quality}
    out.seconds = {"extract": t1 - t0, "build": t2 - t1, "validate": t3 - t2, "serialise": t4 - t3}
    return out


def serialise_chunk(quads, fmt: str) -> bytes:
    if fmt == "nt":
        return pyoxigraph.serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES)
    kwargs = {"prefixes": PREFIXES} if fmt == "trig" else {}
    return pyoxigraph.serialize(quads, format=STREAM_FORMATS[fmt], **kwargs)


def warm_worker(options: Options) -> None:
    """Worker start-up: the shapes, and the language asked for, loaded once per process, not per report. Without
    a language, each is loaded by the first report in it (`convert_in_worker`): a worker of a Russian corpus does
    not load five other languages' name indexes."""
    from unkg.lang.names import resolver
    from unkg.graph.shacl import compiled_shapes

    if options.lang:
        resolver(options.lang)
    compiled_shapes()
    _settle_gc()


def convert_in_worker(path: str, options: Options, sha256: str | None = None) -> Outcome:
    """`convert_one` in a pool's worker: a report that loaded a language's data settles the collector again, so
    that data too stays out of its passes."""
    from unkg.lang.names import resolver

    loaded = resolver.cache_info().currsize
    out = convert_one(path, options, sha256)
    if resolver.cache_info().currsize != loaded:
        _settle_gc()
    return out


def _settle_gc() -> None:
    """What is loaded by now (lexicons, name indexes, shapes) lives as long as the process: kept out of the
    collector's passes, and young objects collected ten times less often. A report's objects are freed by their
    reference counts; the cyclic collector walking every lexicon entry cost 1.3 ms a report (7 %)."""
    gc.freeze()
    gc.set_threshold(7000, *gc.get_threshold()[1:])


def _convert_star(args):
    return convert_in_worker(*args)


class Progress:
    """A progress line on a terminal (count, rate, ETA); plain log lines otherwise."""

    def __init__(self, total: int, stream=None, quiet: bool = False):
        self.total, self.stream, self.quiet = total, stream or sys.stderr, quiet
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.start = self.last = time.monotonic()
        self.done = 0
        self.next_log = max(1, total // 10)

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        if self.quiet:
            return
        now = time.monotonic()
        rate = self.done / max(now - self.start, 1e-9)
        eta = (self.total - self.done) / rate if rate else 0
        if self.tty:
            if now - self.last >= 0.1 or self.done == self.total:
                self.last = now
                self.stream.write(f"\r  {self.done}/{self.total} reports  {rate:,.1f}/s  ETA {eta:,.0f} s   ")
                if self.done == self.total:
                    self.stream.write("\n")
                self.stream.flush()
        elif self.done % self.next_log == 0 or self.done == self.total or outcome.status == "failed":
            # the reason is said once, with the other failures at the end of the run
            state = f" failed: {outcome.path}" if outcome.status == "failed" else ""
            self.stream.write(f"unkg: {self.done}/{self.total} reports, {rate:,.1f}/s, ETA {eta:,.0f} s{state}\n")
            self.stream.flush()


def manifest_path(output: str) -> Path:
    return Path(f"{output}.manifest.json")


def log_path(output: str) -> Path:
    return Path(f"{output}.log.jsonl")


def _load_manifest(output: str, options: Options) -> dict[str, dict]:
    """Entries of the previous run, if they still describe the output file as it is."""
    try:
        manifest = json.loads(manifest_path(output).read_text(encoding="utf-8"))
        stat = Path(output).stat()
    except (OSError, ValueError):
        return {}
    if manifest.get("options") != options.key() or manifest.get("size") != stat.st_size:
        return {}
    return manifest.get("entries", {})


def run_batch(inputs: list[str], output: str, options: Options, jobs: int = 1, force: bool = False,
              progress: Progress | None = None, quiet: bool = False) -> Summary:
    start = time.perf_counter()
    files, missing = discover(inputs)
    previous = {} if force else _load_manifest(output, options)
    summary = Summary(output)
    progress = progress or Progress(len(files), quiet=quiet)
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    from unkg.graph.export import remove_stale_temps, temp_beside

    # what a killed run left (its process is gone): removed before this run writes its own
    remove_stale_temps(target.parent, [target.name, log_path(output).name, manifest_path(output).name])
    fd, tmp = temp_beside(target)
    log_fd, log_tmp = temp_beside(log_path(output))
    entries: dict[str, dict] = {}
    codes: set[str] = set()
    try:
        with os.fdopen(fd, "wb") as out, os.fdopen(log_fd, "w", encoding="utf-8") as log:
            for outcome in missing:
                summary.add(outcome)
                log.write(json.dumps(outcome.record(), ensure_ascii=False) + "\n")
            hashes = {f: _sha256(f) for f in files}
            reuse = {f for f in files if f in previous and previous[f].get("sha256") == hashes[f]
                     and previous[f].get("status") == "ok"}
            todo = [f for f in files if f not in reuse]
            written_back = 0  # bytes of the output handed to the disk so far
            with _previous_output(output, reuse) as old:
                results = _results([(path, options, hashes[path]) for path in todo], jobs, options)
                for path in files:
                    if path in reuse:
                        entry = previous[path]
                        old.seek(entry["offset"])
                        data = old.read(entry["length"])
                        outcome = Outcome(path, sha256=hashes[path], status="reused", triples=entry["triples"],
                                          codes=entry.get("codes", "").split())
                        outcome.violations = ["(see the log of the run that converted it)"] * entry.get("violations", 0)
                    else:
                        outcome = next(results)
                        data = outcome.data
                    progress.update(outcome)
                    log.write(json.dumps(outcome.record(), ensure_ascii=False) + "\n")
                    if outcome.status != "failed":
                        offset = out.tell()
                        out.write(data)
                        written_back = _start_writeback(out, written_back)
                        codes.update(outcome.codes)
                        entries[path] = {"sha256": outcome.sha256, "offset": offset, "length": len(data),
                                         "status": "ok", "triples": outcome.triples,
                                         "violations": len(outcome.violations), "codes": " ".join(outcome.codes)}
                    summary.add(outcome)
            if entries:
                from unkg.graph.reference import reference_quads

                out.write(serialise_chunk(reference_quads(codes, options.base), options.fmt))
            out.flush()
            os.fsync(out.fileno())
        from unkg.graph.export import umask_mode

        if not entries:
            # Nothing converted is an error (exit 2): nothing is written, the reasons go to stderr.
            os.unlink(tmp)
            os.unlink(log_tmp)
        else:
            os.chmod(log_tmp, umask_mode())
            os.replace(log_tmp, log_path(output))
            os.chmod(tmp, umask_mode())
            os.replace(tmp, output)
            _write_json_atomic(manifest_path(output), {"unkg": __version__, "options": options.key(),
                                                       "size": Path(output).stat().st_size, "entries": entries})
    except BaseException:
        for leftover in (tmp, log_tmp):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise
    summary.seconds = time.perf_counter() - start
    return summary


_WRITEBACK_BYTES = 32 << 20


def _start_writeback(out, done: int) -> int:
    """Every 32 MB, the bytes written so far start going to the disk (Linux starts writeback on
    POSIX_FADV_DONTNEED), so that the fsync at the end does not wait for a whole output of hundreds of MB.
    Returns the offset up to which writeback was started."""
    end = out.tell()
    if end - done < _WRITEBACK_BYTES or not hasattr(os, "posix_fadvise"):
        return done
    out.flush()
    os.posix_fadvise(out.fileno(), done, end - done, os.POSIX_FADV_DONTNEED)
    return end


def _sha256(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


class _previous_output:
    """The previous output, open for copying reused reports (closed before the rename)."""

    def __init__(self, output: str, reuse: set[str]):
        self.output, self.needed = output, bool(reuse)
        self.fh = None

    def __enter__(self):
        if self.needed:
            self.fh = open(self.output, "rb")
        return self.fh

    def __exit__(self, *exc):
        if self.fh:
            self.fh.close()


def _results(jobs_args: list[tuple], jobs: int, options: Options):
    """Outcomes in input order: in this process for one job, else from worker processes."""
    if jobs <= 1 or len(jobs_args) <= 1:
        threshold = gc.get_threshold()
        try:
            for i, args in enumerate(jobs_args):
                yield convert_one(*args)
                if i == 0 and len(jobs_args) > 1:
                    _settle_gc()  # once the first report has loaded what its language needs
        finally:  # this process goes on: the collector as it was
            gc.unfreeze()
            gc.set_threshold(*threshold)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=warm_worker, initargs=(options,)) as pool:
        # small chunks: at the end no worker waits long for the other's last chunk
        chunk = max(1, min(4, len(jobs_args) // (jobs * 8) or 1))
        yield from pool.map(_convert_star, jobs_args, chunksize=chunk)


def _write_json_atomic(path: Path, data: dict) -> None:
    from unkg.graph.export import write_atomic

    write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
