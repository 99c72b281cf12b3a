"""Stage `cli`: the commands on stores and endpoints — `load`, `graphs`, `drop` and `query`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from unkg.errors import UnkgError
from unkg.graph.terms import DEFAULT_BASE
from unkg.pipeline.batch import Progress, discover
from unkg.pipeline.convert import convert_many
from unkg.cli.group import CONTEXT, Fail, cli, endpoint_options, store_option


@cli.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, type=str)
@store_option
@endpoint_options
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
    from unkg.store.remote import Endpoint
    from unkg.store.embedded import LocalStore, loadables_from

    files, missing = discover(list(inputs)) if any(Path(i).is_dir() for i in inputs) else (list(inputs), [])
    for m in missing:
        click.echo(f"error: {m.reason}", err=True)
    from unkg.store.remote import ontology_loadable

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
    from unkg.pipeline.batch import Outcome

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
@store_option
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def graphs(store_dir, fmt) -> None:
    """List the graphs in the embedded store: one per report and language.

    \b
    Example:
        unkg graphs
        unkg graphs --store ./kg --format csv
    """
    from unkg.store.query import Table, render
    from unkg.store.embedded import LocalStore

    store = LocalStore(store_dir)
    rows = [[g.symbol or "", g.language or "", str(g.triples), g.loaded or "", g.graph] for g in store.graphs()]
    click.echo(render(Table(["symbol", "language", "triples", "loaded", "graph"], rows), fmt), nl=False)


@cli.command(context_settings=CONTEXT)
@click.argument("symbol")
@store_option
def drop(symbol, store_dir) -> None:
    """Remove a report (every language version) from the embedded store.

    \b
    Example:
        unkg drop CTOC/COP/WG.3/2024/L.1
    """
    from unkg.store.embedded import LocalStore

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
@store_option
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
    from unkg.store.query import render, resolve_query, run_select
    from unkg.graph.files import PARSE_FORMATS
    from unkg.store.embedded import LocalStore, load_store

    try:
        path = resolve_query(query)
        text = path.read_text(encoding="utf-8")
        if endpoint:
            from unkg.store.remote import Endpoint

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
