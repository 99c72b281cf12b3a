"""Stage `harvest` (orchestration): list a body's or series' documents in the catalogue, then download, convert
and load each language version, doing again only what is new or changed.

The listing comes first and whole (a few requests), so that a catalogue that
cannot be reached or answers nonsense stops the run before anything is done.
Each record is then checked (a report, with a symbol), and each language asked
for is taken from the record's file link, else from ODS by symbol as `unkg fetch`
does.  Downloads are one at a time through the fetcher (cache, pause, retries,
checks); conversions run in --jobs processes while the next file downloads; each
report's graph, with the catalogue's facts, replaces its previous version in one
transaction.  The state file beside the target remembers, per record and
language, the record's stamp and the file's checksum, so that a second run
downloads nothing unchanged and a killed run's rerun finishes the job.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from unkg.version import __version__
from unkg.errors import UnkgError
from unkg.harvest.fetch import Fetcher, FetchError, NotAvailable, ods_url
from unkg.graph.terms import DEFAULT_BASE, LANGS
from unkg.harvest.catalogue import PAGE_SIZE, Catalogue, FileLink, Record, dl_url
from unkg.harvest.progress import HarvestProgress
from unkg.harvest.state import State, Version, state_path
from unkg.harvest.targets import FileTarget, StoreTarget


@dataclass
class HarvestOptions:
    queries: list[str]
    langs: list[str] = field(default_factory=lambda: ["en"])
    since: date | None = None
    until: date | None = None
    limit: int | None = None
    any_type: bool = False
    store: str | None = None  # the embedded store's folder (default: unkg's)
    output: str | None = None  # an N-Quads file instead of the store
    jobs: int = 1
    dl_url: str | None = None
    ods_url: str | None = None
    base: str = DEFAULT_BASE
    pause: float = 1.0  # seconds between two requests to one service; the default is the polite one
    page_size: int = PAGE_SIZE
    validate: bool = True
    quiet: bool = False


@dataclass
class Entry:
    """What became of one record (lang None) or one of its language versions."""

    record: str
    symbol: str
    lang: str | None
    status: str  # converted | reused | unchanged | skipped | failed
    reason: str = ""


@dataclass
class HarvestResult:
    target: str
    listed: int = 0
    entries: list[Entry] = field(default_factory=list)
    requests: dict[str, int] = field(default_factory=lambda: {"listing": 0, "files": 0, "ods": 0})
    downloaded: int = 0
    violations: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(
        ("listing", "download", "convert", "load", "write", "total"), 0.0))

    def of(self, status: str) -> list[Entry]:
        return [e for e in self.entries if e.status == status]

    def summary_lines(self, with_skipped: bool = True, shown: int = 200) -> list[str]:
        """The end of a run on stderr: what was skipped and why (unless the log lines said it), what failed and
        why, then the counts."""
        failed, skipped = self.of("failed"), self.of("skipped")
        lines = [f"skipped: {e.symbol or '(no symbol)'} (record {e.record}{', ' + e.lang if e.lang else ''}): "
                 f"{e.reason}" for e in (skipped[:shown] if with_skipped else [])]
        if with_skipped and len(skipped) > shown:
            lines.append(f"… and {len(skipped) - shown} more skipped")
        lines += [f"error: {e.symbol} (record {e.record}, {e.lang}): {e.reason}" for e in failed]
        n = {s: len(self.of(s)) for s in ("converted", "reused", "unchanged")}
        r = self.requests
        lines.append(f"{self.listed} record(s) listed: {n['converted']} version(s) converted, {n['reused']} reloaded "
                     f"with new catalogue facts, {n['unchanged']} unchanged, {len(skipped)} skipped, "
                     f"{len(failed)} failed; requests: {r['listing']} listing, {r['files']} file(s), {r['ods']} ODS; "
                     f"{self.seconds['total']:.1f} s -> {self.target}")
        return lines

    @property
    def exit_code(self) -> int:
        """0: every file tried converted (or nothing needed trying); 1: some download or conversion failed."""
        return 1 if self.of("failed") else 0


@dataclass
class _Item:
    record: Record
    lang: str
    link: FileLink | None  # None: ask ODS by symbol
    stamp: str
    prev: Version | None


def record_stamp(record: Record) -> str:
    """What unkg uses of a record, with its 005 modification: a change in either means look again."""
    return hashlib.sha256(json.dumps(asdict(record), sort_keys=True).encode("utf-8")).hexdigest()[:20]


def options_key(base: str) -> str:
    """What, beside the file, decides a converted graph: unkg's version and the base IRI."""
    return hashlib.sha256(json.dumps([__version__, base]).encode("utf-8")).hexdigest()[:16]


def languages(langs) -> list[str]:
    bad = [lang for lang in langs if lang not in LANGS]
    if bad or not langs:
        raise UnkgError(f"unknown language {', '.join(map(repr, bad)) or '(none)'}: unkg reads {', '.join(LANGS)}")
    return list(dict.fromkeys(langs))


def harvest(opts: HarvestOptions, progress: HarvestProgress | None = None) -> HarvestResult:
    """Run a harvest; CatalogueError when the listing fails, UnkgError for bad options or an unusable target."""
    started = time.perf_counter()
    langs = languages(opts.langs)
    if opts.store and opts.output:
        raise UnkgError("--store and -o: give one of them (the embedded store, or an N-Quads file)")
    if opts.output and not opts.output.endswith(".nq"):
        raise UnkgError(f"{opts.output}: harvest writes N-Quads (one named graph per report): name it .nq")
    if opts.since and opts.until and opts.since > opts.until:
        raise UnkgError(f"--since {opts.since} is after --until {opts.until}")
    progress = progress or HarvestProgress(quiet=opts.quiet)
    site = Fetcher(dl_url(opts.dl_url), pause=opts.pause)  # the listing and the file links take turns
    ods = Fetcher(ods_url(opts.ods_url), pause=opts.pause)
    catalogue = Catalogue(site.client, opts.page_size)
    try:
        records = _list(catalogue, opts, progress)
        target = FileTarget(opts.output, opts.base) if opts.output else StoreTarget(opts.store, opts.base)
        result = HarvestResult(target=target.name, listed=len(records))
        result.seconds["listing"] = time.perf_counter() - started
        try:
            state = State(state_path(target.path))
            try:
                _Run(opts, langs, site, ods, state, target, progress, result).run(records)
                t = time.perf_counter()
                target.finish(state)
                result.seconds["write"] = time.perf_counter() - t
            finally:
                state.close()
        finally:
            target.close()
    finally:
        site.close()
        ods.close()
        progress.end()
    result.requests["listing"] = catalogue.requests
    result.requests["files"] = site.client.requests - catalogue.requests
    result.requests["ods"] = ods.client.requests
    result.seconds["total"] = time.perf_counter() - started
    return result


def _list(catalogue: Catalogue, opts: HarvestOptions, progress: HarvestProgress) -> list[Record]:
    """Every query's records, each once (by record id), at most --limit in all."""
    seen: dict[str, Record] = {}
    for query in opts.queries:
        left = None if opts.limit is None else opts.limit - len(seen)
        if left is not None and left <= 0:
            break
        got = catalogue.search(query, opts.since, opts.until, left, progress.listing)
        progress.listed_query(query, len(got))
        for record in got:
            seen.setdefault(record.id or f"(no id: {record.symbol or record.title})", record)
    return list(seen.values())[:opts.limit] if opts.limit is not None else list(seen.values())


class _Run:
    def __init__(self, opts, langs, site, ods, state, target, progress, result):
        self.opts, self.langs, self.site, self.ods = opts, langs, site, ods
        self.state, self.target, self.progress, self.result = state, target, progress, result
        self.key = options_key(opts.base)
        self.left: dict[str, int] = {}  # items of a record still to finish
        self.said: dict[str, list[Entry]] = {}

    # -- planning ---------------------------------------------------------------------------------------
    def plan(self, records: list[Record]) -> list[tuple[Record, str | None, list[_Item]]]:
        """Per record, in the listing's order: the reason it is skipped whole, or its language versions."""
        planned, symbols = [], {}
        for r in records:
            reason = None
            if not r.id.isdigit():
                reason = f"the record's id (001) {r.id!r} is not a number"
            elif not r.is_report and not self.opts.any_type:
                kind = ", ".join(r.types) or "not stated (989 $b)"
                reason = f"document type {kind}, not a report (--any-type harvests it)"
            elif not r.symbol:
                reason = "the record gives no document symbol (191 $a)"
            elif r.symbol in symbols:
                reason = f"the same symbol as record {symbols[r.symbol]}, harvested with it"
            if reason:
                planned.append((r, reason, []))
                continue
            symbols[r.symbol] = r.id
            stamp, items = record_stamp(r), []
            for lang in self.langs:
                usable = [ln for ln in r.links if ln.lang == lang and ln.fmt]
                link = min(usable, key=lambda ln: ln.fmt != "pdf") if usable else None
                items.append(_Item(r, lang, link, stamp, self.state.get(r.id, lang)))
            planned.append((r, None, items))
        return planned

    def unchanged(self, item: _Item) -> bool:
        prev = item.prev
        if prev is None or prev.stamp != item.stamp:
            return False
        if prev.status == "absent":
            return True
        return prev.status == "ok" and prev.options == self.key and self.target.holds(prev, self.state)

    # -- running ----------------------------------------------------------------------------------------
    def run(self, records: list[Record]) -> None:
        planned = self.plan(records)
        items = [item for _, _, its in planned for item in its]
        self.progress.begin(len(records))
        for item in items:
            self.left[item.record.id] = self.left.get(item.record.id, 0) + 1
        pool = None
        if self.opts.jobs > 1 and sum(not self.unchanged(i) for i in items) > 1:
            from concurrent.futures import ProcessPoolExecutor

            from unkg.pipeline.batch import Options, warm_worker

            warm = Options(lang=self.langs[0] if len(self.langs) == 1 else None, base=self.opts.base)
            pool = ProcessPoolExecutor(self.opts.jobs, initializer=warm_worker, initargs=(warm,))
        pending: deque = deque()
        try:
            for r, reason, its in planned:
                if reason:
                    self.result.entries.append(Entry(r.id, r.symbol, None, "skipped", reason))
                    self.progress.record_done(f"{_label(r)}: skipped: {reason}")
                for item in its:
                    try:
                        self.step(item, pool, pending)
                    except Exception as exc:  # a bug must not stop the batch: the record is named with it
                        self.finish(item, "failed", f"internal error: {type(exc).__name__}: {exc}")
                    self.drain(pending, block=False)
            self.drain(pending, block=True)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)

    def step(self, item: _Item, pool, pending: deque) -> None:
        if self.unchanged(item):
            prev = item.prev
            if prev.status == "absent":
                return self.finish(item, "skipped", prev.reason)
            return self.finish(item, "unchanged")
        t = time.perf_counter()
        got = self.download(item)
        self.result.seconds["download"] += time.perf_counter() - t
        if got is None:
            return None
        path, sha = got
        prev = item.prev
        # the same file as the version kept (an N-Quads output keeps its graph): only the catalogue's facts are new
        if prev and prev.sha256 == sha and prev.options == self.key \
                and self.target.keeps_data and self.state.has_graph_data(item.record.id, item.lang):
            data = self.state.report_data(item.record.id, item.lang)
            return self.load(item, sha, data, prev.codes, [], "", "reused")
        from unkg.pipeline.batch import Options, convert_in_worker, convert_one

        options = Options(lang=item.lang, base=self.opts.base, validate=self.opts.validate, fmt="nq")
        if pool is None:
            t = time.perf_counter()
            outcome = convert_one(str(path), options, sha)
            self.result.seconds["convert"] += time.perf_counter() - t
            return self.converted(item, sha, outcome)
        pending.append((item, sha, pool.submit(convert_in_worker, str(path), options, sha)))
        return None

    def drain(self, pending: deque, block: bool) -> None:
        while pending and (block or pending[0][2].done()):
            item, sha, future = pending.popleft()
            t = time.perf_counter()
            try:
                outcome = future.result()
            except Exception as exc:  # a worker that died (out of memory, killed)
                self.finish(item, "failed", f"conversion stopped: {type(exc).__name__}: {exc}")
                continue
            finally:
                self.result.seconds["convert"] += time.perf_counter() - t
            try:
                self.converted(item, sha, outcome)
            except Exception as exc:  # as in run(): the record is named, the batch goes on
                self.finish(item, "failed", f"internal error: {type(exc).__name__}: {exc}")

    def download(self, item: _Item) -> tuple[Path, str] | None:
        """The file of one language version (cache, catalogue link, else ODS), with its checksum; None when
        there is none (skipped) or it failed (both said)."""
        r, lang = item.record, item.lang
        refresh = item.prev is not None and item.prev.stamp != item.stamp  # the record changed: the file may have
        try:
            if item.link is not None:
                got = self.site.fetch_link(item.link.url, r.symbol, lang, item.link.fmt, refresh=refresh)
            else:
                got = self.ods.fetch_one(r.symbol, lang, "pdf", None, refresh=refresh)
        except NotAvailable as exc:
            what = "the catalogue links no file" if not r.links else f"the catalogue links no {lang} PDF or Word file"
            reason = f"not available in {lang}: {what}, and ODS has none ({_after_label(str(exc))})"
            self.state.put(Version(r.id, lang, r.symbol, item.stamp, self.key, "absent", reason))
            self.finish(item, "skipped", reason)
            return None
        except FetchError as exc:
            self.state.put(Version(r.id, lang, r.symbol, item.stamp, self.key, "failed", str(exc)))
            self.finish(item, "failed", f"download: {_after_label(str(exc))}")
            return None
        if not got.from_cache:
            self.result.downloaded += 1
            self.progress.file_downloaded()
        return got.path, hashlib.sha256(got.path.read_bytes()).hexdigest()

    def converted(self, item: _Item, sha: str, outcome) -> None:
        r = item.record
        if outcome.status == "failed":
            self.state.put(Version(r.id, item.lang, r.symbol, item.stamp, self.key, "failed", outcome.reason, sha))
            return self.finish(item, "failed", f"conversion: {outcome.reason}")
        self.progress.report_converted()
        note = "from ODS" if item.link is None else ""
        if outcome.symbol and outcome.symbol != r.symbol:
            note = "; ".join(filter(None, [note, f"the text reads symbol {outcome.symbol}, the catalogue {r.symbol}"]))
        if outcome.violations:
            self.result.violations += len(outcome.violations)
            note = "; ".join(filter(None, [note, f"{len(outcome.violations)} SHACL violation(s), first: "
                                                  f"{outcome.violations[0]}"]))
        return self.load(item, sha, outcome.data, tuple(outcome.codes), outcome.violations, note, "converted")

    def load(self, item: _Item, sha: str, data: bytes, codes, violations, note: str, status: str) -> None:
        r = item.record
        t = time.perf_counter()
        try:
            graph, catalogue = self.target.put(r, item.lang, data, codes, self.site.client.base)
        except UnkgError as exc:
            self.state.put(Version(r.id, item.lang, r.symbol, item.stamp, self.key, "failed", str(exc), sha))
            return self.finish(item, "failed", f"load: {exc}")
        finally:
            self.result.seconds["load"] += time.perf_counter() - t
        keep = self.target.keeps_data
        self.state.put(Version(r.id, item.lang, r.symbol, item.stamp, self.key, "ok", note, sha, graph, tuple(codes),
                               data if keep else None, catalogue if keep else None))
        return self.finish(item, status, note)

    def finish(self, item: _Item, status: str, reason: str = "") -> None:
        r = item.record
        entry = Entry(r.id, r.symbol, item.lang, status, reason)
        self.result.entries.append(entry)
        self.said.setdefault(r.id, []).append(entry)
        self.left[r.id] -= 1
        if self.left[r.id] == 0:
            parts = [f"{e.lang} {e.status}" + (f": {e.reason}" if e.reason else "") for e in self.said.pop(r.id)]
            self.progress.record_done(f"{_label(r)}: " + "; ".join(parts))


def _label(r: Record) -> str:
    return f"{r.symbol or '(no symbol)'} (record {r.id or '?'})"


def _after_label(message: str) -> str:
    """A fetch error without the "SYMBOL (lang, fmt): " its log line already says."""
    head, sep, rest = message.partition("): ")
    return rest if sep and " (" in head else message
