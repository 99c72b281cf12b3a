"""Reading the real reports of ../shared/corpus/real: each converts, with its own symbol, issue
date, masthead and paragraphs (or line positions) as a careful reader finds them in the file."""
from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from unkg.cli import cli
from unkg.extract import extract_file
from tests.conftest import corpus_file

# Read off each file: the masthead, the first and last paragraph numbers (the last one also
# stands in the contents as the end of the last range), the symbols its footnotes cite.
REAL = {
    "A_77_450.en.txt": dict(symbol="A/77/450", origin="masthead", date=date(2022, 12, 6), first=1, last=15,
                            count=15, pages=7, distribution="General", original="English", agenda_item="56",
                            session="Seventy-seventh session", body="General Assembly",
                            footnote_cites=["A/C.2/77/SR.19", "A/HRC/22/63"]),
    "FCCC_SBI_2014_8.en.txt": dict(symbol="FCCC/SBI/2014/8", origin="masthead", date=date(2014, 7, 18), first=1,
                                   last=259, count=259, distribution="General", original="English",
                                   body="Subsidiary Body for Implementation"),
    "FCCC_SBI_2018_11.en.txt": dict(symbol="FCCC/SBI/2018/11", origin="masthead", date=date(2018, 10, 10),
                                    first=1, last=15, count=15, distribution="General", original="English"),
    "FCCC_SBSTA_2015_2.en.txt": dict(symbol="FCCC/SBSTA/2015/2", origin="masthead", date=date(2015, 7, 10),
                                     first=1, last=94, count=94, distribution="General", original="English",
                                     body="Subsidiary Body for Scientific and Technological Advice"),
    "FCCC_SBSTA_2018_6.en.txt": dict(symbol="FCCC/SBSTA/2018/6", origin="masthead", date=date(2018, 10, 10),
                                     first=1, last=17, count=17, distribution="General", original="English"),
    # One sentence a line, no symbol in the text, no issue date (the masthead keeps only the
    # body's name and the session's place and dates); the last line of the file is line 304.
    "ECE_MP.WAT_29.en.txt": dict(symbol="ECE/MP.WAT/29", origin="file name", date=None, positions="line",
                                 last=304, session="Fifth session"),
}


@pytest.fixture(scope="module")
def reports():
    return {}


def _report(name, cache):
    if name not in cache:
        cache[name] = extract_file(corpus_file(f"real/{name}"))
    return cache[name]


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_report_reads_its_masthead(name, reports):
    gold, r = REAL[name], _report(name, reports)
    assert (r.symbol.text, r.symbol_origin, r.date) == (gold["symbol"], gold["origin"], gold["date"])
    for key, attr in (("distribution", "distribution"), ("original", "original_language"),
                      ("agenda_item", "masthead_agenda_item"), ("session", "masthead_session"),
                      ("body", "masthead_body"), ("pages", "pages")):
        if key in gold:
            assert getattr(r, attr) == gold[key], key


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_report_reads_its_paragraphs(name, reports):
    gold, r = REAL[name], _report(name, reports)
    numbers = sorted(r.paragraphs)
    assert r.positions == gold.get("positions", "paragraph")
    assert numbers[-1] == gold["last"]
    if "first" in gold:
        assert numbers[0] == gold["first"]
        assert len(numbers) == gold["count"]
        assert numbers == list(range(gold["first"], gold["last"] + 1))


@pytest.mark.parametrize("name", sorted(n for n in REAL if "footnote_cites" in REAL[n]))
def test_symbols_cited_in_footnotes_are_references(name, reports):
    refs = {ref.symbol for ref in _report(name, reports).references}
    assert set(REAL[name]["footnote_cites"]) <= refs


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_report_converts_and_says_where_its_symbol_came_from(name, tmp_path):
    path = corpus_file(f"real/{name}")
    result = CliRunner().invoke(cli, ["convert", str(path), "-o", str(tmp_path / "out.ttl")])
    assert result.exit_code == 0, result.output
    assert f"symbol {REAL[name]['symbol']} from the {REAL[name]['origin']}" in result.output
