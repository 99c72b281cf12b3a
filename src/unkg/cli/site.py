"""Stage `cli`: the commands that publish — `serve` (the live site and SPARQL endpoint) and `publish` (static files)."""
from __future__ import annotations

from pathlib import Path

import click

from unkg.errors import UnkgError
from unkg.graph.terms import DEFAULT_BASE
from unkg.cli.group import CONTEXT, Fail, cli, store_option


@cli.command(context_settings=CONTEXT)
@click.option("-d", "--data", "data", multiple=True, type=click.Path(dir_okay=False, path_type=str),
              help="RDF files or report texts to publish (repeatable).")
@store_option
@click.option("--endpoint", help="Publish what a SPARQL server holds instead.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the data served.")
@click.option("--timeout", default=10.0, show_default=True, help="Time limit of a SPARQL query, in seconds.")
@click.option("--max-rows", default=10_000, show_default=True, help="Rows (or triples) per SPARQL answer at most.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Processes running the SPARQL queries known to be long (the long lane).")
@click.option("--queue", default=32, show_default=True, type=click.IntRange(0, 1000),
              help="SPARQL requests that may wait for a long-lane worker; more are answered 503 with Retry-After.")
@click.option("--queue-wait", default=30.0, show_default=True, type=click.FloatRange(0),
              help="Seconds a SPARQL request may wait for a worker; then it is answered 503 with Retry-After.")
@click.option("--short-workers", default=4, show_default=True, type=click.IntRange(0, 64),
              help="Processes running the other SPARQL queries first, each for at most --short-time "
                   "(0: one lane for all queries).")
@click.option("--short-queue", default=32, show_default=True, type=click.IntRange(0, 1000),
              help="Requests that may wait for a short-lane worker; more are answered 503 with Retry-After.")
@click.option("--short-time", default=1.0, show_default=True, type=click.FloatRange(0.05),
              help="Seconds a query may run in the short lane before it moves to the long lane.")
@click.option("--long-nice", default=10, show_default=True, type=click.IntRange(0, 19),
              help="Niceness of the long lane's processes: long queries give way to short ones and to pages.")
@click.option("--page-workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Processes doing the pages' lookups in the store.")
@click.option("--page-timeout", default=10.0, show_default=True,
              help="Time limit of the store lookups of one page, in seconds.")
@click.option("--max-query-bytes", default=256 * 1024, show_default=True, type=click.IntRange(1024),
              help="Longest SPARQL query accepted (longer: 413).")
@click.option("--worker-memory", default=4096, show_default=True, type=click.IntRange(0),
              help="Heap of each query and page worker in MB (0: no limit); a query past it ends its worker, "
                   "which is replaced, and is answered with an error.")
def serve(data, store_dir, endpoint, host, port, base, timeout, max_rows, workers, queue, queue_wait, short_workers,
          short_queue, short_time, long_nice, page_workers, page_timeout, max_query_bytes, worker_memory) -> None:
    """Publish the knowledge graph: linked data pages, RDF and a read-only SPARQL endpoint.

    Every IRI under the base is served on the same path, with content
    negotiation (HTML, Turtle, JSON-LD, N-Triples, RDF/XML) and 303 redirects
    for things; /sparql is a read-only SPARQL 1.1 endpoint with a time limit
    and a result cap; /dataset describes the dataset (VoID, DCAT); /dumps
    has compressed dumps.  Queries and page lookups run in bounded pools of
    worker processes: when all are busy and the queue is full, requests are
    answered 503 with Retry-After.  Queries not known to be long run first
    in a lane of their own, so that they never wait behind long ones.

    \b
    Example:
        unkg serve --data data/examples/example-report.ru.txt --port 8000
        unkg serve --store ./kg --host 127.0.0.1 --port 8080 --workers 4 --short-workers 4
    """
    from unkg.web.serve import Limits, make_app

    limits = Limits(timeout, max_rows, max_query_bytes, workers=workers, queue=queue, page_workers=page_workers,
                    page_timeout=page_timeout, worker_memory_mb=worker_memory or None, short_workers=short_workers,
                    short_queue=short_queue, short_seconds=short_time, queue_wait=queue_wait, long_nice=long_nice)
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
@store_option
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
    from unkg.web.publish import publish_static
    from unkg.web.serve import make_app

    try:
        app = make_app(list(data), store_dir, None, base, pooled=False)
    except UnkgError as exc:
        raise Fail(str(exc)) from None
    try:
        counts = publish_static(app, Path(static_dir), lang, sparql_url)
    finally:
        app.close()
    click.echo(f"{static_dir}: {counts['pages']} resources, {counts['files']} files", err=True)
