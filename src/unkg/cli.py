"""The `unkg` command line: a thin layer over the library.

Exit codes (all commands): 0 success; 1 partial failure (`convert`: some
reports failed, the others were written; `validate`: the graph has
violations); 2 error (bad input, nothing written).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import UnkgError
from .export import FORMATS, format_for, serialise, write_atomic
from .batch import STREAM_FORMATS, Options, Progress, discover, log_path, run_batch
from .pipeline import convert_many
from .rdf import DEFAULT_BASE

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Fail(click.ClickException):
    """An error: one line on stderr, exit code 2."""

    exit_code = 2


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version")
def cli() -> None:
    """unkg: UN meeting reports to a validated knowledge graph.

    \b
    Example:
        unkg convert data/examples/example-report.ru.txt -o report.ttl
        unkg validate report.ttl
        unkg query participants --data report.ttl
    """


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
        click.echo(_summary(result, output, fmt), err=True)
    if result.failed or fetch_failed:
        sys.exit(1)


def _fetch_for_convert(symbols, lang, fmt, ods_url, quiet) -> tuple[tuple[str, ...], str | None, int]:
    """Download the symbols' files (into the cache): the inputs, the language to convert with, the failures."""
    from .fetch import Fetcher, parse_languages

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
    from .fetch import Fetcher, parse_languages

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
    from .query import Table, render_table

    rows = []
    for c in result.converted:
        r = c.report
        dates = f"{r.start_date or '?'}..{r.end_date or '?'}"
        rows.append([r.symbol.text, r.language, str(r.meeting_number or "?"), dates, str(len(r.agenda)),
                     str(len(r.participations)), str(len(r.statements)), str(len(r.recommendations)),
                     str(len(r.references)), str(len(r.warnings)), str(len(c.quads))])
    table = Table(["symbol", "lang", "meeting", "dates", "agenda", "participants", "statements",
                   "recommendations", "references", "warnings", "triples"], rows)
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
    from .validate import validate_graphs

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


def _store_option(f):
    return click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=str),
                        help="The embedded store's folder (default: $UNKG_STORE, else the platform's user data "
                             "folder, e.g. ~/.local/share/unkg/store).")(f)


def _endpoint_options(f):
    f = click.option("--server", type=click.Choice(["oxigraph", "fuseki", "virtuoso", "generic"]),
                     help="Kind of server, for the default update and Graph Store endpoints (guessed from the URL).")(f)
    f = click.option("--store-endpoint", help="Graph Store HTTP Protocol endpoint (default per --server).")(f)
    f = click.option("--update-endpoint", help="SPARQL 1.1 Update endpoint (default per --server).")(f)
    f = click.option("--endpoint", help="SPARQL query endpoint of a server, instead of the embedded store.")(f)
    return f


@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, type=str)
@_store_option
@_endpoint_options
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI, for report texts converted on the way.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
def load(inputs, store_dir, endpoint, update_endpoint, store_endpoint, server, base, quiet) -> None:
    """Load RDF files or reports into the embedded store or a SPARQL server.

    Each report goes into its own named graph and replaces it atomically:
    loading the same report twice leaves one copy, and a load that fails
    leaves the previous content. Report texts are converted first. With
    --endpoint the server is reached by the W3C protocols only (Graph Store
    PUT into a temporary graph, then one SPARQL Update swaps it in);
    credentials come from UNKG_ENDPOINT_USER / UNKG_ENDPOINT_PASSWORD or
    ~/.netrc, never from the command line.

    \b
    Example:
        unkg load corpus.nq
        unkg load data/examples/example-report.ru.txt --store ./kg
        unkg load corpus.nq --endpoint http://127.0.0.1:7878/query
    """
    from .endpoint import Endpoint
    from .store import LocalStore, loadables_from

    files, missing = discover(list(inputs)) if any(Path(i).is_dir() for i in inputs) else (list(inputs), [])
    for m in missing:
        click.echo(f"error: {m.reason}", err=True)
    from .endpoint import ontology_loadable

    target = Endpoint.configure(endpoint, update_endpoint, store_endpoint, server) if endpoint else None
    local = None if target else LocalStore(store_dir)
    try:
        if target:
            target.cleanup()
            target.load(ontology_loadable().graph, ontology_loadable().triples, "the unkg ontology")
        else:
            local.ensure_ontology()
    except UnkgError as exc:
        raise Fail(str(exc)) from None
    failures, graphs, triples = len(missing), 0, 0
    progress = Progress(len(files), quiet=quiet)
    from .batch import Outcome

    for path in files:
        outcome = Outcome(path)
        try:
            for item in loadables_from(path, base):
                label = f"{item.symbol or item.graph} ({item.language or 'shared'}) from {path}"
                if target:
                    triples += target.load(item.graph, item.triples, label, shared=item.shared)
                else:
                    local.load(item)
                    triples += len(item.triples)
                graphs += 1
        except UnkgError as exc:
            failures += 1
            outcome.status, outcome.reason = "failed", str(exc)
            click.echo(f"error: {exc}", err=True)
        progress.update(outcome)
    where = target.query_url if target else str(local.path)
    if local:
        local.close()
    if not quiet:
        click.echo(f"loaded {graphs} graph(s), {triples} triples into {where}; {failures} file(s) failed", err=True)
    if failures:
        if not graphs:
            raise Fail("nothing loaded")
        sys.exit(1)


@cli.command(context_settings=CONTEXT)
@_store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def graphs(store_dir, fmt) -> None:
    """List the graphs in the embedded store: one per report and language.

    \b
    Example:
        unkg graphs
        unkg graphs --store ./kg --format csv
    """
    from .query import Table, render
    from .store import LocalStore

    store = LocalStore(store_dir)
    rows = [[g.symbol or "", g.language or "", str(g.triples), g.loaded or "", g.graph] for g in store.graphs()]
    click.echo(render(Table(["symbol", "language", "triples", "loaded", "graph"], rows), fmt), nl=False)


@cli.command(context_settings=CONTEXT)
@click.argument("symbol")
@_store_option
def drop(symbol, store_dir) -> None:
    """Remove a report (every language version) from the embedded store.

    \b
    Example:
        unkg drop CTOC/COP/WG.3/2024/L.1
    """
    from .store import LocalStore

    store = LocalStore(store_dir)
    gone = store.drop(symbol)
    if not gone:
        raise Fail(f"{symbol}: no such report in {store.path}")
    for graph in gone:
        click.echo(f"dropped {graph}")


@cli.command(context_settings=CONTEXT)
@click.argument("query")
@click.option("-d", "--data", "data", multiple=True, type=click.Path(dir_okay=False, path_type=str),
              help="RDF file(s) or report texts to query in memory (repeatable).")
@_store_option
@click.option("--endpoint", help="Query a SPARQL server instead (through SPARQLWrapper).")
@click.option("--server", type=click.Choice(["oxigraph", "fuseki", "virtuoso", "generic"]), help="Kind of server.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(query: str, data: tuple[str, ...], store_dir, endpoint, server, fmt: str) -> None:
    """Run a SPARQL SELECT query: a .rq file or the name of one in queries/.

    Without --data or --endpoint the embedded store is queried.

    \b
    Example:
        unkg query participants --data report.ttl --format csv
        unkg query meeting
        unkg query my-question.rq --endpoint http://127.0.0.1:7878/query
    """
    from .query import render, resolve_query, run_select
    from .store import PARSE_FORMATS, LocalStore, load_store

    try:
        path = resolve_query(query)
        text = path.read_text(encoding="utf-8")
        if endpoint:
            from .endpoint import Endpoint

            table = Endpoint.configure(endpoint, server=server).select(text)
        elif data:
            rdf_files = [d for d in data if Path(d).suffix.lower() in PARSE_FORMATS]
            texts = [d for d in data if d not in rdf_files]
            store = load_store(rdf_files)
            if texts:
                converted = convert_many(texts)
                for failed_path, reason in converted.failed:
                    raise Fail(reason)
                store.bulk_extend(converted.quads)
            table = run_select(store, text)
        else:
            local = LocalStore(store_dir)
            local.ensure_ontology()
            table = run_select(local.store, text)
    except UnkgError as exc:
        raise Fail(str(exc)) from None
    click.echo(render(table, fmt), nl=False)


@cli.command(context_settings=CONTEXT)
@click.option("-d", "--data", "data", multiple=True, type=click.Path(dir_okay=False, path_type=str),
              help="RDF files or report texts to publish (repeatable).")
@_store_option
@click.option("--endpoint", help="Publish what a SPARQL server holds instead.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data served.")
@click.option("--timeout", default=10.0, show_default=True, help="Time limit of a SPARQL query, in seconds.")
@click.option("--max-rows", default=10_000, show_default=True, help="Rows (or triples) per SPARQL answer at most.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Processes running SPARQL queries.")
@click.option("--queue", default=8, show_default=True, type=click.IntRange(0, 1000),
              help="SPARQL requests that may wait for a worker; more are answered 503 with Retry-After.")
@click.option("--page-workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Processes doing the pages' lookups in the store.")
@click.option("--page-timeout", default=10.0, show_default=True,
              help="Time limit of the store lookups of one page, in seconds.")
@click.option("--max-query-bytes", default=256 * 1024, show_default=True, type=click.IntRange(1024),
              help="Longest SPARQL query accepted (longer: 413).")
@click.option("--worker-memory", default=4096, show_default=True, type=click.IntRange(0),
              help="Heap of each query and page worker in MB (0: no limit); a query past it ends its worker, "
                   "which is replaced, and is answered with an error.")
def serve(data, store_dir, endpoint, host, port, base, timeout, max_rows, workers, queue, page_workers,
          page_timeout, max_query_bytes, worker_memory) -> None:
    """Publish the knowledge graph: linked data pages, RDF and a read-only SPARQL endpoint.

    Every IRI under the base is served on the same path, with content
    negotiation (HTML, Turtle, JSON-LD, N-Triples, RDF/XML) and 303 redirects
    for things; /sparql is a read-only SPARQL 1.1 endpoint with a time limit
    and a result cap; /dataset describes the dataset (VoID, DCAT); /dumps
    has compressed dumps.  Queries and page lookups run in bounded pools of
    worker processes: when all are busy and the queue is full, requests are
    answered 503 with Retry-After.

    \b
    Example:
        unkg serve --data data/examples/example-report.ru.txt --port 8000
        unkg serve --store ./kg --host 127.0.0.1 --port 8080 --workers 4 --queue 16
    """
    from .serve import Limits, make_app

    limits = Limits(timeout, max_rows, max_query_bytes, workers=workers, queue=queue, page_workers=page_workers,
                    page_timeout=page_timeout, worker_memory_mb=worker_memory or None)
    try:
        app = make_app(list(data), store_dir, endpoint, base, limits)
    except UnkgError as exc:
        raise Fail(str(exc)) from None
    import waitress

    app.warm()
    click.echo(f"serving {base} at http://{host}:{port}/ (SPARQL: http://{host}:{port}/sparql); Ctrl-C stops",
               err=True)
    try:
        # channel_request_lookahead lets waitress notice a client that has gone while its request runs.
        waitress.serve(app, host=host, port=port, threads=limits.threads, ident="unkg",
                       max_request_header_size=limits.max_request_header,
                       max_request_body_size=limits.max_request_body, channel_request_lookahead=1,
                       connection_limit=4 * limits.threads)
    finally:
        app.close()


@cli.command(context_settings=CONTEXT)
@click.option("--static", "static_dir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Folder to write the site into (replaced as a whole when the build succeeds).")
@click.option("-d", "--data", "data", multiple=True, type=click.Path(dir_okay=False, path_type=str),
              help="RDF files or report texts to publish (repeatable).")
@_store_option
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data published.")
@click.option("--lang", default="en", show_default=True, type=click.Choice(["ar", "zh", "en", "fr", "ru", "es"]),
              help="Language of the pages' labels.")
@click.option("--sparql-url", help="Where the site's SPARQL endpoint is, if it has one: pages link to it.")
def publish(static_dir, data, store_dir, base, lang, sparql_url) -> None:
    """Write the published site as static files, for any web host.

    One HTML page and .ttl/.jsonld/.nt files per resource, the competency
    query results, the dataset description, the ontology, the dumps, and
    redirect rules for Apache, Netlify and nginx.

    \b
    Example:
        unkg publish --static site/ --data data/examples/example-report.ru.txt
        unkg publish --static site/ --store ./kg --lang fr
        unkg publish --static site/ --store ./kg --sparql-url https://example.org/sparql
    """
    from .publish import publish_static
    from .serve import make_app

    try:
        app = make_app(list(data), store_dir, None, base, pooled=False)
    except UnkgError as exc:
        raise Fail(str(exc)) from None
    try:
        counts = publish_static(app, Path(static_dir), lang, sparql_url)
    finally:
        app.close()
    click.echo(f"{static_dir}: {counts['pages']} resources, {counts['files']} files", err=True)


@cli.command(context_settings=CONTEXT)
@click.argument("queries", nargs=-1, required=True)
@click.option("--lang", default="en", show_default=True, help="Languages, comma-separated: ar,zh,en,fr,ru,es.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only records added or changed in the catalogue "
                                                                  "on or after this day (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only records added or changed up to this day.")
@click.option("--limit", type=click.IntRange(1), help="At most this many records from the listing.")
@click.option("--any-type", is_flag=True, help="Harvest every document type, not only reports.")
@_store_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Write an N-Quads file (.nq) instead of loading the store.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=1, show_default=True,
              help="Worker processes converting while the next file downloads.")
@click.option("--dl-url", help="Digital Library base URL (default $UNKG_DL_URL, else https://digitallibrary.un.org).")
@click.option("--ods-url", help="ODS base URL, for languages a record links no file for (default $UNKG_ODS_URL, "
                                "else https://documents.un.org).")
@click.option("--pause", type=click.FloatRange(0), default=1.0, show_default=True,
              help="Seconds between two requests to one service (keep the default for the real services).")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the minted identifiers.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or log lines on stderr, only errors and the summary.")
def harvest(queries, lang, since, until, limit, any_type, store_dir, output, jobs, dl_url, ods_url, pause, base,
            quiet) -> None:
    """List documents in the UN Digital Library, then download, convert and load them.

    A QUERY that is a symbol series (CTOC/COP/WG.3/, A/C.1/77/) or ends in *
    searches the document symbol; any other is the catalogue's free-text
    search. Reports are kept (--any-type: everything); each language version
    comes from the record's file link, else from ODS by symbol. Each report's
    graph, with the record's link, UNBIS subjects and issuing body, replaces
    its previous version. A second run downloads and converts only what is new
    or changed; a killed run is finished by the next one.

    Exit code 0: every file tried converted; 1: some download or conversion
    failed, the others were loaded; 2: the catalogue cannot be reached or
    answers nonsense (a web page, a bot check), or bad options.

    \b
    Example:
        unkg harvest CTOC/COP/WG.3/ --lang en,ru
        unkg harvest A/C.1/77/ --lang en,fr -o first-committee.nq --jobs 2
        unkg harvest CTOC/COP/WG.3/ --lang en,ru --since 2024-06-01
    """
    from .harvest.run import HarvestOptions, harvest as run_harvest

    options = HarvestOptions(list(queries), [x.strip().lower() for x in lang.split(",") if x.strip()],
                             since=since.date() if since else None, until=until.date() if until else None,
                             limit=limit, any_type=any_type, store=store_dir, output=output, jobs=jobs,
                             dl_url=dl_url, ods_url=ods_url, base=base, pause=pause, quiet=quiet)
    try:
        result = run_harvest(options)
    except UnkgError as exc:
        raise Fail(str(exc)) from None
    for line in result.summary_lines(with_skipped=quiet):  # without -q, the log lines said them
        click.echo(line, err=True)
    sys.exit(result.exit_code)


def main() -> None:
    cli(prog_name="unkg")


if __name__ == "__main__":
    main()
