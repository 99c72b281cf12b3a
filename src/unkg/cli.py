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
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=str))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str),
              help="Output file; the format follows its extension. Default: Turtle on stdout.")
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATS)), help="Output format (overrides the extension).")
@click.option("--lang", type=str, help="Language of the reports (ar, zh, en, fr, ru, es); detected when omitted.")
@click.option("--symbol", type=str, help="Document symbol of the report, when the text does not print it.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the minted identifiers.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def convert(inputs: tuple[str, ...], output: str | None, fmt: str | None, lang: str | None, symbol: str | None,
            base: str, quiet: bool) -> None:
    """Convert report text files into RDF.

    N-Quads and TriG keep each report (language version) in its own named
    graph; JSON-LD is compacted with unkg's published @context. A report that
    fails is reported on stderr and the others are still converted (exit 1);
    if none converts nothing is written (exit 2).

    \b
    Example:
        unkg convert data/examples/example-report.ru.txt -o report.ttl
        unkg convert a.ru.txt a.en.txt -o merged.nq
    """
    fmt = format_for(output, fmt)
    result = convert_many(list(inputs), lang=lang, symbol=symbol, base=base)
    for path, reason in result.failed:
        click.echo(f"error: {reason}", err=True)
    if not result.converted:
        raise Fail("nothing converted" if len(inputs) > 1 else result.failed[0][1])
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
@click.option("--max-shown", default=50, show_default=True, help="Violations to print at most.")
def validate(graphs: tuple[str, ...], max_shown: int) -> None:
    """Check RDF files against unkg's SHACL shapes.

    Exit code 0: conforms; 1: violations (listed); 2: error (unreadable file).

    \b
    Example:
        unkg validate report.ttl
    """
    from .store import read_quads
    from .validate import validate_quads

    quads = []
    try:
        for path in graphs:
            quads.extend(read_quads(path))
    except UnkgError as exc:
        raise Fail(str(exc)) from None
    result = validate_quads([_as_quad(q) for q in quads])
    if result.conforms:
        click.echo(f"conforms: {len(quads)} triples in {len(graphs)} file(s), no violations")
        return
    click.echo(f"does not conform: {len(result.violations)} violation(s)")
    for v in result.violations[:max_shown]:
        path = f" {_short(v.path)}" if v.path else ""
        click.echo(f"  {v.severity}: <{v.focus}>{path}: {v.message}")
    if len(result.violations) > max_shown:
        click.echo(f"  … and {len(result.violations) - max_shown} more (--max-shown)")
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
