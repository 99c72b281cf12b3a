"""Reading the real reports of ../shared/corpus/real: each converts, with its own symbol, issue
date, masthead and paragraphs (or line positions) as a careful reader finds them in the file."""
from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from unkg.cli import cli
from unkg.extract.report import extract_file
from tests.conftest import corpus_file

# Read off each file: the masthead, the first and last paragraph numbers (the last one also
# stands in the contents as the end of the last range), the symbols its footnotes cite.
REAL = {
    "A_77_450.en.txt": dict(symbol="A/77/450", origin="masthead", date=date(2022, 12, 6), first=1, last=15,
                            count=15, last_page=4, distribution="General", original="English", agenda_item="56",
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
    # The first real reports (in the corpus root): a draft report whose masthead was cut off (symbol in the
    # running header only, no issue date), and a text stripped from AKN markup ("(n)" paragraph numbers).
    "../CTOC_COP_WG.3_2024_L.1.ru.txt": dict(symbol="CTOC/COP/WG.3/2024/L.1", origin="running header", date=None,
                                              first=1, last=19, count=19),
    "../IPBES_1_12.en.txt": dict(symbol="IPBES/1/12", origin="AKN form", date=date(2013, 1, 31), first=1, last=45,
                                 count=45),
    # One sentence a line, no symbol in the text, no issue date (the masthead keeps only the
    # body's name and the session's place and dates); the last line of the file is line 304.
    "ECE_MP.WAT_29.en.txt": dict(symbol="ECE/MP.WAT/29", origin="file name", date=None, positions="line",
                                 last=304, session="Fifth session", body="Economic and Social Council"),
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
                      ("body", "masthead_body")):
        if key in gold:
            assert getattr(r, attr) == gold[key], key


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_report_reads_its_paragraphs(name, reports):
    gold, r = REAL[name], _report(name, reports)
    numbers = sorted(r.paragraphs)
    assert r.positions == gold.get("positions", "paragraph")
    assert numbers[-1] == gold["last"]
    if "last_page" in gold:  # facts of the last paragraph carry its page, counted from the form feeds
        assert max(s.page for s in _sources(r)) == gold["last_page"]
    if "first" in gold:
        assert numbers[0] == gold["first"]
        assert len(numbers) == gold["count"]
        assert numbers == list(range(gold["first"], gold["last"] + 1))


def _sources(report):
    return [x.source for group in (report.acts, report.references, report.participations, report.decisions)
            for x in group if x.source.paragraph is not None]


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
    if name == "A_77_450.en.txt":
        assert "(masthead: General Assembly, Seventy-seventh session, agenda item 56, issued 2022-12-06)" \
            in result.output


def test_a_batch_says_which_symbols_came_from_file_names(tmp_path):
    path = corpus_file("real/ECE_MP.WAT_29.en.txt")
    out = tmp_path / "out.nq"
    result = CliRunner().invoke(cli, ["convert", str(path), str(corpus_file("real/A_77_450.en.txt")), "-o", str(out),
                                       "--no-validate"])
    assert result.exit_code == 0, result.output
    assert f"{path}: symbol ECE/MP.WAT/29 from the file name" in result.output
    assert "A/77/450 from" not in result.output  # read from its own masthead: nothing to say


def test_warnings_in_a_text_without_paragraph_numbers_name_lines(tmp_path):
    """Every organization of the Water Convention report now resolves: a name unkg cannot know is added to
    its list of NGOs (line 43 of the one-sentence-a-line text) to see how the warning says where it is."""
    text = corpus_file("real/ECE_MP.WAT_29.en.txt").read_text(encoding="utf-8")
    assert "CARNet, " in text
    copy = tmp_path / "ECE_MP.WAT_29.en.txt"
    copy.write_text(text.replace("CARNet, ", "CARNet, Lower Elbonia Water Society, ", 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", str(copy), "-o", str(tmp_path / "out.nq"), "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "ECE_MP.WAT_29.en.txt: line 43: unresolved name 'Lower Elbonia Water Society'" in result.output


# pdftotext's three renderings of real UN PDFs (read off the PDFs: masthead, pdfinfo's page count, the
# operative paragraphs' numbers). A resolution is not a meeting report: these check the reading only.
PDFS = {
    "A_78_L.102.en.pdf": dict(symbol="A/78/L.102", date=date(2024, 7, 25), distribution="Limited",
                              session="Seventy-eighth session", agenda_item="75 (c)", pages=1, paragraphs=0,
                              footnotes=[("*", 1), ("**", 1)]),
    "A_RES_77_321.en.pdf": dict(symbol="A/RES/77/321", date=date(2023, 8, 8), distribution="General",
                                session="Seventy-seventh session", agenda_item="72 (a)", pages=2, paragraphs=6,
                                footnotes=[("1", 1), ("2", 1), ("3", 2), ("4", 2)], cited="A/CONF.232/2023/5"),
    "A_RES_78_272.en.pdf": dict(symbol="A/RES/78/272", date=date(2024, 4, 29), distribution="General",
                                session="Seventy-eighth session", agenda_item="75 (c)", pages=4, paragraphs=17,
                                footnotes=[("1", 1), ("2", 1), ("3", 1), ("4", 2), ("5", 2), ("6", 3)],
                                cited="A/CONF.232/2023/4"),
}


@pytest.mark.parametrize("mode", ["default", "-layout", "-raw"])
@pytest.mark.parametrize("name", sorted(PDFS))
def test_pdftotext_output_in_every_mode(name, mode, tmp_path):
    import shutil
    import subprocess

    from unkg.extract.report import own_symbol
    from unkg.lang.lexicon import load
    from unkg.read.masthead import read_masthead
    from unkg.read.document import read_document
    from unkg.read.segment import segment

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text_file = tmp_path / name.replace(".pdf", ".txt")
    subprocess.run(["pdftotext", *([mode] if mode != "default" else []), str(corpus_file(f"pdf/{name}")),
                    str(text_file)], check=True)
    lex, gold = load("en"), PDFS[name]
    seg = segment(read_document(text_file).text, headings=lex.get("headings"))
    masthead = read_masthead(seg, lex)
    assert own_symbol(seg, masthead.symbol, str(text_file), None, None, None) == (gold["symbol"], "masthead")
    assert (masthead.date, masthead.distribution, masthead.session, masthead.agenda_item) == \
        (gold["date"], gold["distribution"], gold["session"], gold["agenda_item"])
    assert seg.pages == gold["pages"]
    numbered = sorted(seg.paragraphs()) if seg.positions == "paragraph" else []
    assert numbered == list(range(1, gold["paragraphs"] + 1))
    # footnotes: their marks and pages, whichever order pdftotext prints marks and texts in
    assert [(b.label, b.page) for b in seg.footnotes] == gold["footnotes"]
    if "cited" in gold:
        assert any(gold["cited"] in b.text for b in seg.footnotes)
