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
from .batch import STREAM_FORMATS, Options, discover, log_path, run_batch
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
def convert(inputs: tuple[str, ...], output: str | None, fmt: str | None, lang: str | None, symbol: str | None,
            base: str, jobs: int, force: bool, validate: bool, quiet: bool) -> None:
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
    """
    fmt = format_for(output, fmt)
    if output and fmt in STREAM_FORMATS:
        _convert_streaming(list(inputs), output, Options(lang, symbol, base, validate, fmt), jobs, force, quiet)
        return
    files, missing = discover(list(inputs))
    result = convert_many(files, lang=lang, symbol=symbol, base=base)
    result.failed[:0] = [(m.path, m.reason) for m in missing]
    for path, reason in result.failed:
        click.echo(f"error: {reason}", err=True)
    if not result.converted:
        raise Fail("nothing converted" if len(result.failed) != 1 else result.failed[0][1])
    data = serialise(result.quads, fmt, base=base)
    if output:
        write_atomic(output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    if not quiet:
        for converted in result.converted:
            for warning in converted.report.warnings:
                click.echo(f"warning: {converted.report.path}: {warning.message}", err=True)
            click.echo(f"{converted.report.path}: {converted.report.recognition_summary()}", err=True)
        click.echo(_summary(result, output, fmt), err=True)
    if result.failed:
        sys.exit(1)


def _convert_streaming(inputs: list[str], output: str, options: Options, jobs: int, force: bool,
                       quiet: bool) -> None:
    summary = run_batch(inputs, output, options, jobs=jobs, force=force, quiet=quiet)
    if not quiet:
        for o in summary.outcomes:
            for w in o.warnings if o.status == "ok" else ():
                click.echo(f"warning: {o.path}: {w}", err=True)
        for o in summary.invalid:
            click.echo(f"invalid: {o.path}: {len(o.violations)} SHACL violation(s), first: {o.violations[0]}", err=True)
        for o in summary.failed:
            click.echo(f"error: {o.reason}", err=True)
        done = summary.count("ok") + summary.count("reused")
        rate = done / summary.seconds if summary.seconds else 0
        click.echo(f"{summary.count('ok')} converted, {summary.count('reused')} unchanged (reused), "
                   f"{len(summary.failed)} failed, {len(summary.invalid)} with violations; "
                   f"{summary.seconds:.2f} s ({rate:,.1f} reports/s) -> {output} "
                   f"(log: {log_path(output)})", err=True)
    if summary.count("ok") + summary.count("reused") == 0:
        raise Fail("nothing converted" + (f": {summary.failed[0].reason}" if len(summary.failed) == 1 else ""))
    if summary.failed or summary.invalid:
        sys.exit(1)


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


def _as_quad(item):
    import pyoxigraph

    if isinstance(item, pyoxigraph.Triple):
        return pyoxigraph.Quad(item.subject, item.predicate, item.object, pyoxigraph.DefaultGraph())
    return item


def _short(iri: str) -> str:
    return "unkg:" + iri.split("#", 1)[1] if iri.startswith("https://w3id.org/unkg/ontology#") else f"<{iri}>"


@cli.command(context_settings=CONTEXT)
@click.argument("query")
@click.option("-d", "--data", "data", multiple=True, required=True, type=click.Path(dir_okay=False, path_type=str),
              help="RDF file(s) to query (repeatable), or report text files to convert first.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(query: str, data: tuple[str, ...], fmt: str) -> None:
    """Run a SPARQL SELECT query: a .rq file or the name of one in queries/.

    \b
    Example:
        unkg query participants --data report.ttl --format csv
        unkg query my-question.rq --data report.nq
    """
    from .query import render, resolve_query, run_select
    from .store import PARSE_FORMATS, load_store

    try:
        path = resolve_query(query)
        rdf_files = [d for d in data if Path(d).suffix.lower() in PARSE_FORMATS]
        texts = [d for d in data if d not in rdf_files]
        store = load_store(rdf_files)
        if texts:
            converted = convert_many(texts)
            for failed_path, reason in converted.failed:
                raise Fail(reason)
            store.bulk_extend(converted.quads)
        table = run_select(store, path.read_text(encoding="utf-8"))
    except UnkgError as exc:
        raise Fail(str(exc)) from None
    click.echo(render(table, fmt), nl=False)


def main() -> None:
    cli(prog_name="unkg")


if __name__ == "__main__":
    main()
