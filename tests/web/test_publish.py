"""`unkg publish --static`: the site as files links only to what it wrote."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph
import pytest
from click.testing import CliRunner

from unkg.cli import cli

from ..conftest import EXAMPLES, ROOT
from .test_serve import _many_reports

REPORTS = [EXAMPLES / "example-report.ru.txt", ROOT / "tests" / "data" / "example" / "example-report.en.txt",
           ROOT / "tests" / "data" / "example" / "example-report.ar.txt",
           ROOT / "tests" / "data" / "report-page" / "report.en.txt"]  # cites resolutions, a revision's original


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.links.append(value)


def dead_links(site: Path) -> tuple[int, list[tuple[str, str]]]:
    """Every local href/src/action of every page, resolved as a static host would: (count, the dead ones)."""
    dead, count = [], 0
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # elsewhere on the web
            count += 1
            if parts.query:  # a static host ignores the query: the link would not show what it names
                dead.append((str(page.relative_to(site)), link))
                continue
            if not parts.path:
                continue  # a fragment of the same page
            path = unquote(parts.path)
            target = site / path.lstrip("/") if path.startswith("/") else page.parent / path
            if path.endswith("/"):
                target = target / "index.html"  # what a static host serves for a folder
            if not target.is_file():
                dead.append((str(page.relative_to(site)), link))
    return count, dead


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    folder = tmp_path_factory.mktemp("static")
    reports = REPORTS + _many_reports(folder, 1)
    site = folder / "site"
    args = ["publish", "--static", str(site)] + [a for r in reports for a in ("--data", str(r))]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return site


def test_the_static_site_has_no_dead_internal_link(published):
    count, dead = dead_links(published)
    assert count > 1000 and dead == []


def test_pages_of_reports_decisions_and_documents_only_named(published):
    """A resolution's page is the file its link names once decoded (as a static host looks it up); a document
    known only as the original of a revision (A/95/261, revised by A/95/261/Rev.1) has a page."""
    for rel in ("id/doc/A/95/540.html", "id/doc/A/95/540.json", "id/doc/A/95/540/en.html",
                "id/resolution/S/2999 (2039).html", "id/resolution/S/2999 (2039).json", "id/doc/A/95/261.html"):
        assert (published / rel).is_file(), rel
    report = (published / "id/doc/A/95/540.html").read_text(encoding="utf-8")
    assert 'href="/id/resolution/S/2999%20%282039%29.html">Security Council resolution 2999 (2039)</a>' in report
    assert 'href="/id/doc/A/95/540/en.html#para-8"' in report


def test_subject_pages_come_with_their_data_view_twin_and_tables(published):
    for rel in ("id/state/MEX.html", "id/state/MEX.data.html", "id/state/MEX.json", "id/state/MEX.csv",
                "id/state/MEX.rdf", "id/meeting/CTOC/COP/WG.2/12.json", "id/body/CTOC/COP/WG.2.csv", "dataset.ttl"):
        assert (published / rel).is_file(), rel
    home = (published / "index.html").read_text(encoding="utf-8")
    assert "sparql" not in home.lower() and 'href="/dataset.ttl"' in home and 'name="q"' not in home


def test_the_dataset_description_names_an_endpoint_only_when_told(published, tmp_path):
    triples = list(pyoxigraph.parse((published / "dataset.ttl").read_bytes(), format=pyoxigraph.RdfFormat.TURTLE))
    assert not any(t.predicate.value.endswith("#sparqlEndpoint") for t in triples)
    site = tmp_path / "with-endpoint"
    result = CliRunner().invoke(cli, ["publish", "--static", str(site), "--data", str(REPORTS[0]),
                                      "--sparql-url", "https://example.org/sparql"])
    assert result.exit_code == 0, result.output
    triples = list(pyoxigraph.parse((site / "dataset.ttl").read_bytes(), format=pyoxigraph.RdfFormat.TURTLE))
    assert any(t.predicate.value.endswith("#sparqlEndpoint") and t.object.value == "https://example.org/sparql"
               for t in triples)
    assert 'href="https://example.org/sparql"' in (site / "index.html").read_text(encoding="utf-8")
    assert dead_links(site)[1] == []


def test_publish_static_site(tmp_path):
    site = tmp_path / "site"
    result = CliRunner().invoke(cli, ["publish", "--static", str(site), "--data", str(REPORTS[0])])
    assert result.exit_code == 0, result.output
    for rel in ("index.html", "id/state/MEX.html", "id/state/MEX.ttl", "id/state/MEX.jsonld", "dataset.ttl",
                "ontology.html", "dumps/unkg.nq.gz", "queries/meeting.csv", ".htaccess", "_redirects"):
        assert (site / rel).is_file(), rel
    assert "Mexico" in (site / "id/state/MEX.html").read_text(encoding="utf-8")
    assert "R=303" in (site / ".htaccess").read_text()
