"""Stage `cli`: `unkg harvest` — from a body's series in the UN Digital Library to its graph."""
from __future__ import annotations

import sys

import click

from unkg.cli.group import CONTEXT, Fail, cli, store_option
from unkg.errors import UnkgError
from unkg.graph.terms import DEFAULT_BASE


@cli.command(context_settings=CONTEXT)
@click.argument("queries", nargs=-1, required=True)
@click.option("--lang", default="en", show_default=True, help="Languages, comma-separated: ar,zh,en,fr,ru,es.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only records added or changed in the catalogue "
                                                                  "on or after this day (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only records added or changed up to this day.")
@click.option("--limit", type=click.IntRange(1), help="At most this many records from the listing.")
@click.option("--any-type", is_flag=True, help="Harvest every document type, not only reports.")
@store_option
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
    from unkg.harvest.run import HarvestOptions, harvest as run_harvest

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
