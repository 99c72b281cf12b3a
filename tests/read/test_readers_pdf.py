"""PDF input: constructed UN-style PDFs of the example reports and the real PDFs of ../shared/corpus/pdf."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Store

from unkg.cli import cli
from unkg.errors import InputError
from unkg.pipeline.convert import convert_file
from unkg.store.query import query_names, resolve_query, run_select
from unkg.read.document import PAGE_BREAK, read_document
from unkg.read.pdf import ocr_available, unexpected_share
from unkg.store.embedded import add_ontology
from unkg.lang.symbols import find_symbols

from ..conftest import EXAMPLES, TESTDATA, corpus_file

pdfmaker = pytest.importorskip("tests.pdfmaker", reason="fpdf2 (test extra) is not installed")
if not pdfmaker.fonts_available():
    pytest.skip("DejaVu fonts (fonts-dejavu-core) are not installed: cannot build the test PDFs",
                allow_module_level=True)

SYMBOL = "CTOC/COP/WG.2/2030/L.1"
FOOTNOTE_SYMBOL = "CTOC/COP/2005/8"
# (source text, the words the footnote mark follows, the footnote, a name drawn with a kerning gap)
CONSTRUCTED = {
    "en": (TESTDATA / "example" / "example-report.en.txt", "Introduction", f"See {FOOTNOTE_SYMBOL}, annex.",
           "Trinidad"),
    "ru": (EXAMPLES / "example-report.ru.txt", "Введение", f"См. {FOOTNOTE_SYMBOL}, приложение.", "Тринидад"),
}


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """lang -> (the constructed PDF, the text it was made from)."""
    out = {}
    folder = tmp_path_factory.mktemp("pdf")
    for lang, (source, after, note, split) in CONSTRUCTED.items():
        text = source.read_text(encoding="utf-8")
        job = re.search(r"[A-Z]\.\d{2}-\d{5}", text).group(0)
        pdf = pdfmaker.build(text, folder / f"{source.stem}.pdf", SYMBOL, job=job,
                             notes=(pdfmaker.Note(after, note),), split_word=split, lines_per_page=22)
        out[lang] = (pdf, source)
    return out


def answers(path: Path, **read_options) -> dict[str, list]:
    store = Store()
    add_ontology(store)
    store.bulk_extend(convert_file(path, **read_options).quads)
    out = {}
    for q in query_names():
        table = run_select(store, resolve_query(q).read_text())
        out[q] = sorted(table.rows, key=repr)
    return out


# -- constructed PDFs -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", sorted(CONSTRUCTED))
def test_constructed_pdf_gives_the_answers_of_its_text(made, lang):
    """Furniture, margin numbers, a paragraph across a page break, a footnote and a kerning gap: the PDF
    gives what the report text gives, plus the document its footnote cites."""
    pdf, source = made[lang]
    from_pdf, from_text = answers(pdf), answers(source)
    for query in query_names():
        if query == "references":
            assert sorted(from_pdf[query], key=repr) == sorted(from_text[query] + [[SYMBOL, FOOTNOTE_SYMBOL]],
                                                                key=repr)
        elif query == "quality":  # the documents cited count the footnote's one more
            bump = {"documents-cited": 1}
            assert from_pdf[query] == [row[:3] + [str(int(row[3]) + bump.get(row[2], 0))] + row[4:]
                                       for row in from_text[query]]
        else:
            assert from_pdf[query] == from_text[query], query


@pytest.mark.parametrize("lang", sorted(CONSTRUCTED))
def test_constructed_pdf_reading(made, lang):
    doc = read_document(made[lang][0])
    pages = doc.text.split(PAGE_BREAK)
    assert doc.format == "pdf" and doc.pages == len(pages) == 3
    assert doc.job_number == re.search(r"[A-Z]\.\d{2}-\d{5}", made[lang][1].read_text()).group(0)
    # running headers, "2/3 X.30-00002", the job number and the barcode are gone; the masthead stays
    for furniture in (r"^\d/3\b", r"X\.30-0000\d", r"^\*\d+\*$"):
        assert not re.search(furniture, doc.text, re.M), furniture
    assert doc.text.count(SYMBOL) == 1 and SYMBOL in pages[0]
    # the footnote left the flow, tied to the words before its mark
    [note] = doc.footnotes
    assert (note.page, note.mark, note.text) == (1, "1", CONSTRUCTED[lang][2])
    assert note.anchor.endswith(CONSTRUCTED[lang][1])
    assert CONSTRUCTED[lang][2] not in doc.text
    # paragraph numbers drawn in the margin after their line open their paragraph
    numbers = [int(m) for m in re.findall(r"^\s*(\d{1,2})\. ", doc.text, re.M)]
    assert set(range(1, 13)) <= set(numbers)
    # the name drawn in two pieces is one word again
    assert CONSTRUCTED[lang][3] + " " in doc.text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("lang", sorted(CONSTRUCTED))
def test_pdftotext_output_of_the_same_pdf_gives_the_same_answers(made, lang, tmp_path):
    pdf = made[lang][0]
    txt = tmp_path / f"{pdf.stem}.txt"
    subprocess.run(["pdftotext", str(pdf), str(txt)], check=True)
    from_text, from_pdf = answers(txt), answers(pdf)
    for query in query_names():
        assert from_pdf[query] == from_text[query], query


# -- the real PDFs ---------------------------------------------------------------------------------------------
# What a reader of each PDF sees: pages, job number, the footnotes (page, mark, symbols they cite), the
# operative paragraph numbers, and a phrase that runs across a page break.
CORPUS = {
    "A_78_L.102.en.pdf": dict(pages=1, job="24-13677", notes=[(1, "*", []), (1, "**", [])], paras=0,
                              across=None),
    "A_RES_77_321.en.pdf": dict(pages=2, job="23-15249",
                                notes=[(1, "1", []), (1, "2", ["A/CONF.232/2023/5"]), (2, "3", ["A/CONF.232/2023/4"]),
                                       (2, "4", ["A/77/945"])], paras=6, across=None),
    "A_RES_78_272.en.pdf": dict(pages=4, job="24-07683", notes=[(1, "1", []), (1, "2", []),
                                                                (1, "3", ["A/CONF.232/2023/4"]),
                                                                (2, "4", ["A/77/945"]), (2, "5", []), (3, "6", [])],
                                paras=None, across="associate members of the regional commissions"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_real_pdf_reading(name):
    gold = CORPUS[name]
    doc = read_document(corpus_file(f"pdf/{name}"))
    assert doc.pages == gold["pages"] == doc.text.count(PAGE_BREAK) + 1
    assert doc.job_number == gold["job"]
    assert [(n.page, n.mark, [s for parts in find_symbols(n.text) for s in parts]) for n in doc.footnotes] \
        == gold["notes"]
    lines = [line.strip() for line in doc.text.split("\n")]
    assert not [line for line in lines if re.fullmatch(r"\d+/\d+(\s+\d{2}-\d{5})?|\*\d{7}\*|\d{2}-\d{5}.*", line)]
    numbered = [int(m.group(1)) for line in lines if (m := re.match(r"(\d{1,2})\. [A-Z]", line))]
    if gold["paras"] is not None:
        assert numbered == list(range(1, gold["paras"] + 1))
    if gold["across"]:
        assert gold["across"] in " ".join(doc.text.replace(PAGE_BREAK, " ").split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("name", sorted(CORPUS) + ["BBNJ_Agreement_2023.en.pdf", "BBNJ_Agreement_2023.es.pdf"])
def test_real_pdf_cites_what_pdftotext_shows(name, tmp_path):
    """Every symbol pdftotext's text of the PDF cites, unkg's reading cites too (in the body or a footnote)."""
    path = corpus_file(f"pdf/{name}")
    txt = tmp_path / "out.txt"
    subprocess.run(["pdftotext", str(path), str(txt)], check=True)
    doc = read_document(path)
    ours = {s for text in [doc.text] + [n.text for n in doc.footnotes] for parts in find_symbols(text) for s in parts}
    theirs = {s for parts in find_symbols(txt.read_text(encoding="utf-8")) for s in parts}
    assert ours == theirs


def outcome(path: Path):
    """The competency answers, or that the report was refused."""
    try:
        return answers(path)
    except InputError:
        return "refused"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("name", sorted(CORPUS) + ["BBNJ_Agreement_2023.en.pdf", "BBNJ_Agreement_2023.es.pdf"])
def test_real_pdf_and_its_pdftotext_text_give_the_same_answers(name, tmp_path):
    path = corpus_file(f"pdf/{name}")
    txt = tmp_path / f"{path.stem}.txt"
    subprocess.run(["pdftotext", str(path), str(txt)], check=True)
    assert outcome(path) == outcome(txt)


@pytest.mark.parametrize("lang", ["ru", "zh", "ar"])
def test_undecodable_text_layer_is_refused(lang, tmp_path):
    path = corpus_file(f"pdf/BBNJ_Agreement_2023.{lang}.pdf")
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli, ["convert", str(path), "-o", str(out)])
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert str(path) in line and "cannot be decoded" in line and "--ocr" in line
    assert not out.exists()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_good_text_layers_read(lang):
    doc = read_document(corpus_file(f"pdf/BBNJ_Agreement_2023.{lang}.pdf"))
    unexpected, total = unexpected_share(doc.text)
    assert doc.pages > 60 and total > 100_000 and unexpected / total < 0.01
    assert re.search(r"^\s*(Article|Artículo) 1\b", doc.text, re.M)


def test_unexpected_share_counts_look_alikes():
    assert unexpected_share("СОГЛАШЕНИЕ 協定 Agreement") == (0, 21)
    assert unexpected_share("ɋɈȽɅȺɒȿɇɂȿ") == (10, 10)


# -- bad input ---------------------------------------------------------------------------------------------------
def _encrypted(folder: Path) -> Path:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 20, "locked")
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.output(str(folder / "encrypted.pdf"))
    return folder / "encrypted.pdf"


def _image_only(folder: Path, source: Path, pages: int = 1) -> Path:
    import pypdfium2 as pdfium
    from fpdf import FPDF
    doc = pdfium.PdfDocument(str(source))
    pdf = FPDF(unit="pt", format="A4")
    for index in range(pages):
        image = doc[index].render(scale=200 / 72, grayscale=True).to_pil()
        pdf.add_page()
        pdf.image(image, 0, 0, w=595.28, h=841.89)
    pdf.output(str(folder / "scan.pdf"))
    return folder / "scan.pdf"


BAD = {
    "encrypted": (lambda folder, made: _encrypted(folder), "encrypted PDF"),
    "truncated": (lambda folder, made: _write(folder / "truncated.pdf", made["en"][0].read_bytes()[:3000]),
                  "damaged or truncated PDF"),
    "zero pages": (lambda folder, made: _write(folder / "empty.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>"
                                               b"endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer"
                                               b"<</Root 1 0 R>>\n%%EOF\n"), "PDF with no pages"),
    "image only": (lambda folder, made: _image_only(folder, made["en"][0]), "no text layer"),
    "broken page": (lambda folder, made: _write(folder / "broken.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>"
                                                b"endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                                                b"3 0 obj 42 endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
                    "damaged PDF"),
    "not a PDF": (lambda folder, made: _write(folder / "report.pdf", b"<html>not found</html>"), "not a PDF file"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_pdf_is_refused_in_one_line(case, made, tmp_path):
    make, reason = BAD[case]
    path = make(tmp_path, made)
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli, ["convert", str(path), "-o", str(out)])
    assert result.exit_code == 2, result.output
    [line] = result.output.strip().splitlines()
    assert str(path) in line and reason in line
    assert "Traceback" not in result.output and not out.exists()


@pytest.mark.parametrize("output", ["out.ttl", "out.nq"])
def test_over_long_pdf_is_refused(made, tmp_path, output):
    out = tmp_path / output
    result = CliRunner().invoke(cli, ["convert", str(made["en"][0]), "--max-pages", "2", "-o", str(out)])
    assert result.exit_code == 2
    assert "3 pages, more than --max-pages 2" in result.output and not out.exists()
    result = CliRunner().invoke(cli, ["convert", str(made["en"][0]), "--max-pages", "3", "-o", str(out)])
    assert result.exit_code == 0 and out.exists()


@pytest.mark.parametrize("output", ["out.ttl", "out.nq"])
def test_folder_of_pdfs_converts_the_good_ones(made, tmp_path, output):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(made["en"][0], folder / "good.pdf")
    _encrypted(folder)
    out = tmp_path / output
    result = CliRunner().invoke(cli, ["convert", str(folder), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "encrypted.pdf" in result.output and out.exists()
    assert SYMBOL in out.read_text(encoding="utf-8")


# -- OCR ---------------------------------------------------------------------------------------------------------
@pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr is not installed (scripts/ensure-test-servers.sh "
                                                "installs it with apt where it can)")
def test_ocr_reads_an_image_only_pdf(made, tmp_path):
    scan = _image_only(tmp_path, made["en"][0], pages=3)
    doc = read_document(scan, ocr=True, lang="en")
    assert doc.pages == 3
    text = " ".join(doc.text.split())
    for phrase in ("Working Group on Technical Assistance", "Trinidad and Tobago", "CTOC/COP/WG.2/2030/L.1"):
        assert phrase in text
    from_scan, from_pdf = answers(scan, ocr=True), answers(made["en"][0])
    for query in ("meeting", "participants", "agenda"):
        assert from_scan[query] == from_pdf[query], query
    # officers by role and State; OCR may misread a person's name ("María López" as "Maria L6pez"), which is then
    # not taken for a name
    scanned = [row[2:] for row in from_scan["officers"]]
    assert scanned and all(row in [r[2:] for r in from_pdf["officers"]] for row in scanned)



# The first page of the Agreement's preamble, where each undecodable PDF states the Agreement's title; what a
# reader sees there: the word for "Agreement" and the preamble's opening.
OCR_GOLD = {"ru": ("СОГЛАШЕНИЕ", "Стороны настоящего Соглашения"), "zh": ("协定", "本协定各缔约方"),
            "ar": ("اتفاق", "الأطراف في هذا الاتفاق")}


@pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr is not installed (scripts/ensure-test-servers.sh "
                                                "installs it with apt where it can)")
@pytest.mark.parametrize("lang", sorted(OCR_GOLD))
def test_ocr_reads_an_undecodable_text_layer(lang, tmp_path):
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(corpus_file(f"pdf/BBNJ_Agreement_2023.{lang}.pdf")))
    page = pdfium.PdfDocument.new()
    page.import_pages(source, [2])
    path = tmp_path / f"preamble.{lang}.pdf"
    page.save(str(path))
    with pytest.raises(InputError, match="cannot be decoded"):
        read_document(path)
    text = " ".join(read_document(path, ocr=True, lang=lang).text.split())
    for phrase in OCR_GOLD[lang]:
        assert phrase in text
