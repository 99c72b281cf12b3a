"""Stage `cli`: the `unkg` command group, its shared options and its one-line errors.

Exit codes (all commands): 0 success; 1 partial failure (`convert`: some reports failed, the others were written;
`validate`: the graph has violations); 2 error (bad input, nothing written).
"""
from __future__ import annotations

import click

from unkg.version import __version__

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


def store_option(f):
    return click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=str),
                        help="The embedded store's folder (default: $UNKG_STORE, else the platform's user data "
                             "folder, e.g. ~/.local/share/unkg/store).")(f)


def endpoint_options(f):
    f = click.option("--server", type=click.Choice(["oxigraph", "fuseki", "virtuoso", "generic"]),
                     help="Kind of server, for the default update and Graph Store endpoints (guessed from the URL).")(f)
    f = click.option("--store-endpoint", help="Graph Store HTTP Protocol endpoint (default per --server).")(f)
    f = click.option("--update-endpoint", help="SPARQL 1.1 Update endpoint (default per --server).")(f)
    f = click.option("--endpoint", help="SPARQL query endpoint of a server, instead of the embedded store.")(f)
    return f
