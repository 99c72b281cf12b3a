"""Stage `cli`: the commands that turn files into graphs — `convert`, `fetch` and `validate`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from unkg.errors import UnkgError
from unkg.graph.export import FORMATS, format_for, serialise, write_atomic
from unkg.graph.terms import DEFAULT_BASE
from unkg.pipeline.batch import STREAM_FORMATS, Options, discover, log_path, run_batch
from unkg.pipeline.convert import convert_many
from unkg.cli.group import CONTEXT, Fail, cli


@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, type=str)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Output file; the format follows its extension. Default: Turtle on stdout.")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATS)), help="Output format (overrides the extension).")
@click.option("--lang", type=str, help="Language of the reports (ar, zh, en, fr, ru, es); detected when omitted.")
@click.option("--symbol", type=str, help="Document symbol of the report, when the text does not print it.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the minted identifiers.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes (N-Quads, TriG and N-Triples output).")
@click.option("--force", is_flag=True, help="Convert every report again, even those the manifest says are unchanged.")
@click.option("--validate/--no-validate", default=True, show_default=True,
              help="Check each report against the SHACL shapes while converting (streamed formats).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@click.option("--ocr", is_flag=True, help="PDF: read pages with no usable text layer (scans, fonts without a "
                                          "Unicode map) by OCR with Tesseract.")
@click.option("--max-pages", type=click.IntRange(1), default=500, show_default=True,
              help="PDF: refuse files with more pages.")
@click.option("--fetch", "fetch_symbols", is_flag=True,
              help="INPUTS are document symbols: download them from ODS first (see `unkg fetch`); --lang may then "
                   "list several languages (en,fr).")
@click.option("--fetch-format", type=click.Choice(["pdf", "docx"]), default="pdf", show_default=True,
              help="With --fetch: the official file to download.")
@click.option("--ods-url", help="With --fetch: ODS base URL (default $UNKG_ODS_URL, else https://documents.un.org).")
def convert(inputs: tuple[str, ...], output: str | None, fmt: str | None, lang: str | None, symbol: str | None,
            base: str, jobs: int, force: bool, validate: bool, quiet: bool, ocr: bool, max_pages: int,
            fetch_symbols: bool, fetch_format: str, ods_url: str | None) -> None:
    """Convert reports (files, folders, glob patterns) into RDF.

    N-Quads and TriG keep each report (language version) in its own named
    graph, plus one reference graph describing the States and organizations
    named. With -o FILE.nq/.trig/.nt the conversion streams: reports are
    converted in --jobs worker processes, written as they come, validated
    with the SHACL shapes, logged in FILE.log.jsonl, and remembered in
    FILE.manifest.json so that a re-run converts only what changed. JSON-LD
    is compacted with unkg's published @context.

    Exit code 0: all converted (and valid); 1: some reports failed or have
    violations, the others were written; 2: nothing converted, nothing
    written.

    \b
    Example:
        unkg convert data/examples/example-report.ru.txt -o report.ttl
        unkg convert a.ru.txt a.en.txt -o merged.nq
        unkg convert corpus/ -o corpus.nq --jobs 2
        unkg convert --fetch CTOC/COP/WG.3/2024/L.1 --lang ru,en -o report.nq
        unkg convert A_RES_77_321.en.pdf --ocr --max-pages 100
    """
    fmt = format_for(output, fmt)
    fetch_failed = 0
    if fetch_symbols:
        inputs, lang, fetch_failed = _fetch_for_convert(inputs, lang, fetch_format, ods_url, quiet)
    if output and fmt in STREAM_FORMATS:
        options = Options(lang=lang, symbol=symbol, base=base, validate=validate, fmt=fmt, ocr=ocr,
                          max_pages=max_pages)
        _convert_streaming(list(inputs), output, options, jobs, force, quiet)
        sys.exit(1 if fetch_failed else 0)
    files, missing = discover(list(inputs))
    result = convert_many(files, lang=lang, symbol=symbol, base=base, ocr=ocr, max_pages=max_pages)
    result.failed[:0] = [(m.path, m.reason) for m in missing]
    if not result.converted:
        # One refused file: its reason once, as the error itself.
        if len(result.failed) == 1:
            raise Fail(result.failed[0][1])
        for path, reason in result.failed:
            click.echo(f"error: {reason}", err=True)
        raise Fail("nothing converted")
    for path, reason in result.failed:
        click.echo(f"error: {reason}", err=True)
    data = serialise(result.quads, fmt, base=base)
    if output:
        write_atomic(output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    if not quiet:
        for converted in result.converted:
            click.echo(f"{converted.report.path}: {symbol_origin_note(converted.report)}", err=True)
            for warning in converted.report.warnings:
                click.echo(f"warning: {converted.report.path}: {warning.message}", err=True)
            click.echo(f"{converted.report.path}: {converted.report.recognition_summary()}", err=True)
            if converted.report.missing():
                click.echo(f"{converted.report.path}: a {converted.report.genre} report normally states, but the "
                           f"graph lacks: {', '.join(converted.report.missing())}", err=True)
        click.echo(_summary(result, output, fmt), err=True)
    if result.failed or fetch_failed:
        sys.exit(1)


def _fetch_for_convert(symbols, lang, fmt, ods_url, quiet) -> tuple[tuple[str, ...], str | None, int]:
    """Download the symbols' files (into the cache): the inputs, the language to convert with, the failures."""
    from unkg.harvest.fetch import Fetcher, parse_languages

    try:
        langs = parse_languages(lang)
        fetcher = Fetcher(ods_url)
        try:
            result = fetcher.fetch(list(symbols), langs, fmt, None, progress=None if quiet else _said_fetched)
        finally:
            fetcher.close()
    except UnkgError as exc:
        raise Fail(str(exc)) from None
    for _, _, reason in result.failed:
        click.echo(f"error: {reason}", err=True)
    if not result.fetched:
        raise Fail("nothing fetched")
    return tuple(str(f.path) for f in result.fetched), (langs[0] if len(langs) == 1 else None), len(result.failed)


def _said_fetched(got) -> None:
    click.echo(f"{got.symbol} ({got.lang}): {got.path}{' (cached)' if got.from_cache else ''}", err=True)


@cli.command(context_settings=CONTEXT)
@click.argument("symbols", nargs=-1, required=True)
@click.option("--lang", default="en", show_default=True, help="Languages, comma-separated: ar,zh,en,fr,ru,es (de).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx"]), default="pdf", show_default=True,
              help="Which official file to download.")
@click.option("-o", "--output-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder to write the files into.")
@click.option("--ods-url", help="Base URL of the Official Document System (default $UNKG_ODS_URL, else "
                                "https://documents.un.org).")
@click.option("--refresh", is_flag=True, help="Download again even when the cache has the file (and update it).")
@click.option("--no-cache", is_flag=True, help="Neither read nor fill the cache.")
@click.option("--pause", type=click.FloatRange(0), default=1.0, show_default=True,
              help="Seconds between two requests to the service.")
def fetch(symbols, lang, fmt, output_dir, ods_url, refresh, no_cache, pause) -> None:
    """Download official UN documents by symbol from the Official Document System.

    Files are named after the symbol and language (A/77/441 in English:
    A_77_441.en.pdf), which `unkg convert` reads the symbol back from. Requests
    go one at a time with a pause between them; busy answers (429, 5xx) are
    retried with backoff. Downloads are cached (the user cache folder, or
    $UNKG_CACHE_DIR): asking again makes no request.

    Exit code 0: all fetched; 1: some failed (no such document, not in that
    language, not a PDF/Word file), the others were written; 2: none fetched.

    \b
    Example:
        unkg fetch FCCC/SBI/2014/8 --lang en,fr -o reports/
        unkg fetch CTOC/COP/WG.3/2024/L.1 --lang ru --format docx -o reports/
        unkg convert reports/ -o reports.nq
    """
    from unkg.harvest.fetch import Fetcher, parse_languages

    try:
        langs = parse_languages(lang)
        fetcher = Fetcher(ods_url, use_cache=not no_cache, refresh=refresh, pause=pause)
        try:
            result = fetcher.fetch(list(symbols), langs, fmt, output_dir, progress=_said_fetched)
        finally:
            fetcher.close()
    except UnkgError as exc:
        raise Fail(str(exc)) from None
    if not result.fetched and len(result.failed) == 1:
        raise Fail(result.failed[0][2])
    for _, _, reason in result.failed:
        click.echo(f"error: {reason}", err=True)
    click.echo(f"{len(result.fetched)} file(s) in {output_dir}, {len(result.failed)} failed; "
               f"{fetcher.client.requests} request(s) to {fetcher.client.base}", err=True)
    if not result.fetched:
        raise Fail("nothing fetched")
    if result.failed:
        sys.exit(1)


def _convert_streaming(inputs: list[str], output: str, options: Options, jobs: int, force: bool,
                       quiet: bool) -> None:
    summary = run_batch(inputs, output, options, jobs=jobs, force=force, quiet=quiet)
    if not quiet:
        for path, note in summary.symbol_notes[:200]:
            click.echo(f"{path}: {note}", err=True)
        for path, warning in summary.warnings[:200]:
            click.echo(f"warning: {path}: {warning}", err=True)
        if len(summary.warnings) > 200:
            click.echo(f"… and {len(summary.warnings) - 200} more warnings in {log_path(output)}", err=True)
        for o in summary.invalid:
            click.echo(f"invalid: {o.path}: {len(o.violations)} SHACL violation(s), first: {o.violations[0]}", err=True)
        for path, kinds in summary.lacking[:200]:
            click.echo(f"lacks: {path}: {', '.join(kinds)} (expected of its genre; see 'quality' in the log)", err=True)
        if len(summary.lacking) > 200:
            click.echo(f"… and {len(summary.lacking) - 200} more reports lacking an expected kind in {log_path(output)}",
                       err=True)
        alone = summary.count("ok") + summary.count("reused") == 0 and len(summary.failed) == 1
        for o in summary.failed if not alone else ():  # a lone failure is the error below, said once
            click.echo(f"error: {o.reason}", err=True)
        done = summary.count("ok") + summary.count("reused")
        rate = done / summary.seconds if summary.seconds else 0
        click.echo(f"{summary.count('ok')} converted, {summary.count('reused')} unchanged (reused), "
                   f"{len(summary.failed)} failed, {len(summary.invalid)} with violations; "
                   f"{summary.seconds:.2f} s ({rate:,.1f} reports/s) -> "
                   + (f"{output} (log: {log_path(output)})" if done else "nothing written"), err=True)
    if summary.count("ok") + summary.count("reused") == 0:
        raise Fail(summary.failed[0].reason if len(summary.failed) == 1 else "nothing converted")
    if summary.failed or summary.invalid:
        sys.exit(1)


def symbol_origin_note(report) -> str:
    """Where the report's own symbol came from, for stderr."""
    origin = "--symbol" if report.symbol_origin == "given" else f"the {report.symbol_origin}"
    masthead = [report.masthead_body, report.masthead_session,
                report.masthead_agenda_item and f"agenda item {report.masthead_agenda_item}",
                report.date and f"issued {report.date}"]
    said = ", ".join(x for x in masthead if x)
    return f"symbol {report.symbol.text} from {origin}" + (f" (masthead: {said})" if said else "")


def _summary(result, output: str | None, fmt: str) -> str:
    from unkg.store.query import Table, render_table

    rows = []
    for c in result.converted:
        r = c.report
        dates = f"{r.start_date or '?'}..{r.end_date or '?'}"
        rows.append([r.symbol.text, r.language, str(r.meeting_number or "?"), dates, str(len(r.agenda)),
                     str(len(r.participations)), str(len(r.statements)), str(len(r.recommendations)),
                     str(len(r.references)), str(len(r.warnings)), str(len(c.quads)), ",".join(r.missing()) or "-"])
    table = Table(["symbol", "lang", "meeting", "dates", "agenda", "participants", "statements",
                   "recommendations", "references", "warnings", "triples", "lacks"], rows)
    where = output or "stdout"
    return render_table(table) + f"{len(result.converted)} report(s) converted to {where} ({fmt}), " \
                                 f"{len(result.failed)} failed"


@cli.command(context_settings=CONTEXT)
@click.argument("graphs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("--engine", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
              help="fast: unkg's SHACL Core subset, checked against pySHACL by the tests; pyshacl: pySHACL.")
@click.option("--per-graph/--union", default=True, show_default=True,
              help="Validate each named graph (each report) on its own, or the union of all.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes for --per-graph.")
@click.option("--max-shown", default=50, show_default=True, help="Violations to print at most.")
def validate(graphs: tuple[str, ...], engine: str, per_graph: bool, jobs: int, max_shown: int) -> None:
    """Check RDF files against unkg's SHACL shapes.

    A dataset (N-Quads, TriG) is checked one named graph (one report) at a
    time, in --jobs processes, and violations are listed per report; the
    reference graph is checked too. Exit code 0: conforms; 1: violations;
    2: error (unreadable file).

    \b
    Example:
        unkg validate report.ttl
        unkg validate corpus.nq --jobs 2
    """
    from unkg.graph.validate import validate_graphs

    try:
        results = validate_graphs(list(graphs), engine=engine, per_graph=per_graph, jobs=jobs)
    except UnkgError as exc:
        raise Fail(str(exc)) from None
    bad = [(name, r) for name, r, _ in results if not r.conforms]
    triples = sum(n for _, _, n in results)
    if not bad:
        click.echo(f"conforms: {triples} triples in {len(results)} graph(s) of {len(graphs)} file(s), no violations")
        return
    total = sum(len(r.violations) for _, r in bad)
    click.echo(f"does not conform: {total} violation(s) in {len(bad)} of {len(results)} graph(s)")
    shown = 0
    for name, result in bad:
        click.echo(f"{name}: {len(result.violations)} violation(s)")
        for v in result.violations:
            if shown >= max_shown:
                break
            path = f" {_short(v.path)}" if v.path else ""
            click.echo(f"  {v.severity}: <{v.focus}>{path}: {v.message}")
            shown += 1
    if total > shown:
        click.echo(f"  … and {total - shown} more (--max-shown)")
    sys.exit(1)


def _short(iri: str) -> str:
    return "unkg:" + iri.split("#", 1)[1] if iri.startswith("https://w3id.org/unkg/ontology#") else f"<{iri}>"
