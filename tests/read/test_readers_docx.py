"""Word input: automatic numbering rendered as a reader sees it, tables in reading order, bad .docx refused."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from click.testing import CliRunner

from unkg.cli import cli
from unkg.read.document import read_document
from unkg.read.docx_numbering import format_number

from ..conftest import EXAMPLES, TESTDATA
from ..docx_fixtures import (MASTHEAD, DocSpec, Para, Table, abstract, docx_from_report_text, level, num,
                            numbering_xml, write_docx)
from ..extract.test_perturbations import answers

EXAMPLE_TEXTS = [pytest.param(EXAMPLES / "example-report.ru.txt", MASTHEAD["ru"], id="ru")] + [
    pytest.param(TESTDATA / "example" / f"example-report.{lang}.txt", MASTHEAD[lang], id=lang)
    for lang in ("en", "fr", "es", "zh", "ar")]


@pytest.mark.parametrize("source,masthead", EXAMPLE_TEXTS)
def test_docx_gives_the_same_answers_as_the_text(source, masthead, tmp_path):
    path = docx_from_report_text(source.read_text(encoding="utf-8"), tmp_path / "report.docx", masthead)
    assert answers(path) == answers(source)


def test_masthead_in_the_first_page_header_gives_the_issue_date(tmp_path):
    source = TESTDATA / "example" / "example-report.en.txt"
    path = docx_from_report_text(source.read_text(encoding="utf-8"), tmp_path / "report.docx", MASTHEAD["en"],
                                 ["Distr.: Limited", "4 March 2030", "Original: English"])
    from_word, from_text = answers(path), answers(source)
    assert [row[-1] for row in from_word.pop("report")] == ["2030-03-04"]  # the text's masthead has no date
    from_text.pop("report")
    assert from_word == from_text


def test_footnotes_are_read_and_the_symbols_they_cite_are_references(tmp_path):
    source = TESTDATA / "example" / "example-report.en.txt"
    path = docx_from_report_text(source.read_text(encoding="utf-8"), tmp_path / "report.docx", MASTHEAD["en"],
                                 footnote="See CTOC/COP/2005/8, annex.")
    read = read_document(path)
    assert [(n.mark, n.text) for n in read.footnotes] == [("1", "See CTOC/COP/2005/8, annex.")]
    assert "CTOC/COP/2005/8" not in read.text  # a note is not text of the paragraph it is attached to
    from_word, from_text = answers(path), answers(source)
    assert {row[1] for row in from_word["references"]} - {row[1] for row in from_text["references"]} == \
        {"CTOC/COP/2005/8"}


@pytest.mark.parametrize("source,masthead", EXAMPLE_TEXTS)
def test_example_docx_has_no_typed_numbers_and_reads_its_masthead(source, masthead, tmp_path):
    import docx

    path = docx_from_report_text(source.read_text(encoding="utf-8"), tmp_path / "report.docx", masthead)
    typed = [p.text for p in docx.Document(str(path)).paragraphs
             if re.match(r"\d|\(|[a-zа-я]\)|[IVX]+\.|[一二三四]、", p.text)]
    assert typed == []
    read = read_document(path)
    assert (read.format, read.symbol_hint, read.symbol_origin) == ("docx", "CTOC/COP/WG.2/2030/L.1", "masthead")
    assert re.search(r"^12(\.| -) ", read.text, re.M)


# Each case: numbering definitions, paragraphs as (numId, ilvl, style) and the labels Word shows, in order.
ABSTRACTS = [
    abstract(1, level(0, "decimal", "%1."), level(1, "lowerLetter", "(%2)"), level(2, "lowerRoman", "(%3)")),
    abstract(2, level(0, "upperRoman", "%1.", start=3)),
    abstract(3, level(0, "decimal", "%1."), level(1, "decimal", "%1.%2", restart=0)),
    abstract(4, level(0, "upperRoman", "%1."), level(1, "decimal", "%1.%2", legal=True)),
    abstract(5, level(0, "lowerLetter", "%1)")),
    abstract(6, level(0, "russianLower", "%1)"), level(1, "chineseCounting", "%2、"), level(2, "arabicAbjad", "(%3)")),
    abstract(7, level(0, "bullet", "\uf0b7"), level(1, "none", "")),
    abstract(8, level(0, "upperRoman", "%1.", style="Heading1"), level(1, "upperLetter", "%2.", style="Heading2")),
    abstract(9, style_link="NumberedList"),
]
NUMS = [num(1, 1), num(2, 2), num(3, 3), num(4, 4), num(5, 5), num(6, 5, start_overrides={0: 1}), num(7, 5),
        num(8, 6), num(9, 7), num(10, 8), num(11, 1, level_overrides={0: level(0, "decimal", "Article %1", start=10)}),
        num(12, 9)]
NUMBERING_CASES = {
    "levels restart below a higher level": ([(1, 0), (1, 1), (1, 1), (1, 2), (1, 1), (1, 0), (1, 1)],
                                            ["1.", "(a)", "(b)", "(i)", "(c)", "2.", "(a)"]),
    "start value": ([(2, 0), (2, 0)], ["III.", "IV."]),
    "lvlRestart 0 never restarts; %1.%2 shows both levels": ([(3, 0), (3, 1), (3, 1), (3, 0), (3, 1)],
                                                             ["1.", "1.1", "1.2", "2.", "2.3"]),
    "legal numbering shows higher levels in decimal": ([(4, 0), (4, 0), (4, 1)], ["I.", "II.", "2.1"]),
    "startOverride restarts; instances without one continue": ([(5, 0), (5, 0), (6, 0), (6, 0), (7, 0)],
                                                               ["a)", "b)", "a)", "b)", "c)"]),
    "a restart carries into the instance that resumes the list": ([(5, 0), (5, 0), (6, 0), (5, 0)],
                                                                  ["a)", "b)", "a)", "b)"]),
    "letters past z": ([(5, 0)] * 28, [f"{chr(97 + i)})" for i in range(26)] + ["aa)", "bb)"]),
    "Russian, Chinese, Arabic counting": ([(8, 0), (8, 0), (8, 1), (8, 1), (8, 2), (8, 2), (8, 2), (8, 2), (8, 2)],
                                          ["а)", "б)", "一、", "二、", "(أ)", "(ب)", "(ج)", "(د)", "(هـ)"]),
    "bullets and unnumbered levels": ([(9, 0), (9, 1)], ["•", None]),
    "numbering through paragraph styles": ([("Heading 1",), ("Heading 2",), ("Heading 2",), ("Heading 1",),
                                            ("Heading 2",)], ["I.", "A.", "B.", "II.", "A."]),
    "numId 0 removes a style's numbering": ([("Heading 1",), ("Heading 1", 0)], ["I.", None]),
    "a level replaced in the instance": ([(11, 0), (11, 0)], ["Article 10", "Article 11"]),
    "an abstract numbering linked to a numbering style": ([(12, 0), (12, 1)], ["1.", "(a)"]),
}


def _labelled(tmp_path, paragraphs) -> list[str]:
    body = []
    for i, spec in enumerate(paragraphs):
        if isinstance(spec[0], str):  # (style,) or (style, numId)
            body.append(Para(f"text {i}", style=spec[0], num=(spec[1], 0) if len(spec) > 1 else None))
        else:
            body.append(Para(f"text {i}", num=spec))
    numbering = numbering_xml(ABSTRACTS, NUMS)
    path = write_docx(tmp_path / "n.docx", DocSpec(body, numbering, {"Heading 1": (10, 0), "Heading 2": (10, None)}))
    _link_numbering_style(path)
    return read_document(path).text.splitlines()


def _link_numbering_style(path):
    """Add the numbering style "NumberedList" (numId 1) that abstract 9 links to: python-docx cannot create one."""
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document(str(path))
    doc.styles.element.append(parse_xml(
        '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:type="numbering" '
        'w:styleId="NumberedList"><w:name w:val="Numbered List"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
        '</w:pPr></w:style>'))
    doc.save(str(path))


@pytest.mark.parametrize("case", NUMBERING_CASES)
def test_automatic_numbering_as_word_shows_it(case, tmp_path):
    paragraphs, labels = NUMBERING_CASES[case]
    lines = _labelled(tmp_path, paragraphs)
    expected = [f"{label} text {i}" if label else f"text {i}" for i, label in enumerate(labels)]
    assert [line.strip() for line in lines] == expected


@pytest.mark.parametrize("n,fmt,shown", [(4, "upperRoman", "IV"), (1994, "upperRoman", "MCMXCIV"),
                                         (9, "lowerRoman", "ix"), (7, "decimalZero", "07"), (3, "upperLetter", "C"),
                                         (11, "chineseCounting", "十一"), (20, "chineseCounting", "二十"),
                                         (10, "ideographDigital", "一〇"), (3, "decimalEnclosedParen", "(3)"),
                                         (10, "russianLower", "к")])
def test_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


def test_tables_read_in_reading_order_with_lists_inside(tmp_path):
    numbering = numbering_xml([abstract(1, level(0, "lowerLetter", "(%1)"))], [num(1, 1)])
    spec = DocSpec([
        Para("Before the table."),
        Table([[[Para("left top")], [Para("right top"), Para("first", num=(1, 0)), Para("second", num=(1, 0))]],
               [[Para("left bottom")], [Para("right bottom")]]]),
        Para("After the table.", num=(1, 0)),
    ], numbering, header="RUNNING HEADER", footer="Footer words only")
    text = read_document(write_docx(tmp_path / "t.docx", spec)).text
    assert text.splitlines() == ["Before the table.", "left top", "right top", "(a) first", "(b) second",
                                 "left bottom", "right bottom", "(c) After the table."]
    assert "RUNNING HEADER" not in text and "Footer" not in text


def _zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _ole(stream_name: str) -> bytes:
    """The start of a Compound File whose directory names `stream_name` ("WordDocument": a Word 97-2003 file)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream_name.encode("utf-16-le") + bytes(1024)


def _encrypted(tmp_path) -> bytes:
    """A real password-protected .docx (Agile encryption), made by msoffcrypto-tool from a python-docx file."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml", reason="msoffcrypto-tool is not installed (test extra)")
    plain = write_docx(tmp_path / "plain.docx", DocSpec([Para("Secret report.")]))
    out = io.BytesIO()
    with plain.open("rb") as fh:
        ooxml.OOXMLFile(fh).encrypt("password", out)
    return out.getvalue()


def _lying_zip(_) -> bytes:
    """A zip whose directory declares word/document.xml 100 bytes long while it inflates to 64 MiB: reading
    stops at the declared size and the checksum fails, so the lie cannot get past the size limits."""
    import struct

    data = bytearray(_zip({"word/document.xml": b"<w:document/>" + bytes(64 * 2**20)}))
    struct.pack_into("<I", data, 22, 100)  # the local header's uncompressed size
    central = data.rindex(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 100)  # the central directory's
    return bytes(data)


BAD_DOCX = {
    "not a zip": (lambda _: b"This is plain text saved with a .docx name.\n", "not a zip archive"),
    "zip bomb": (lambda _: _zip({"word/document.xml": b"<w:document/>", "word/big.xml": bytes(64 * 2**20)}),
                 "zip bomb"),
    "no word/document.xml": (lambda _: _zip({"readme.txt": b"hello"}), "no word/document.xml"),
    "too many members": (lambda _: _zip({f"word/media/{i}.bin": b"" for i in range(10_001)}), "zip bomb"),
    "sizes that lie": (_lying_zip, "damaged Word file"),
    "encrypted": (_encrypted, "encrypted (password-protected)"),
    "legacy .doc renamed": (lambda _: _ole("WordDocument"), "Word 97-2003"),
    "damaged document.xml": (lambda _: _zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"}),
                             "damaged Word file"),
}


@pytest.mark.parametrize("case", BAD_DOCX)
def test_bad_docx_exit_2_one_line_nothing_written(case, tmp_path):
    make, reason = BAD_DOCX[case]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(make(tmp_path))
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli, ["convert", str(bad), "-o", str(out)])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and reason in lines[0], lines
    assert not out.exists()


@pytest.mark.parametrize("output", ["out.ttl", "out.nq"])  # in memory, and streamed by worker processes
@pytest.mark.parametrize("pattern", ["reports", "reports/*.docx"])  # a folder, a glob
def test_a_bad_docx_does_not_stop_the_batch_and_folders_pick_up_docx(tmp_path, monkeypatch, output, pattern):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    source = TESTDATA / "example" / "example-report.en.txt"
    docx_from_report_text(source.read_text(encoding="utf-8"), folder / "good.docx", MASTHEAD["en"])
    (folder / "bomb.docx").write_bytes(BAD_DOCX["zip bomb"][0](tmp_path))
    result = CliRunner().invoke(cli, ["convert", pattern, "-o", output])
    assert result.exit_code == 1, result.output
    assert "bomb.docx" in result.stderr and "zip bomb" in result.stderr
    assert '"X.30-00002"' in (tmp_path / output).read_text(encoding="utf-8")


def test_masthead_in_the_first_page_header_is_read_running_header_is_not(tmp_path):
    masthead = Table([[[Para("United Nations")], [Para("A/99/123*")]],
                      [[Para("General Assembly")], [Para("Distr.: General"), Para("10 October 2030"),
                                                    Para("Original: English")]]])
    spec = DocSpec([Para("Report of the Committee"), Para("The Committee met.")], header="A/99/123",
                   first_page_header=[masthead])
    read = read_document(write_docx(tmp_path / "m.docx", spec))
    assert (read.symbol_hint, read.symbol_origin) == ("A/99/123", "masthead")
    assert read.text.splitlines() == ["United Nations", "A/99/123*", "General Assembly", "Distr.: General",
                                      "10 October 2030", "Original: English", "Report of the Committee",
                                      "The Committee met."]


def test_without_a_masthead_the_running_header_gives_the_symbol(tmp_path):
    spec = DocSpec([Para("Report of the Committee"), Para("The Committee met.")], header="A/99/123")
    read = read_document(write_docx(tmp_path / "h.docx", spec))
    assert (read.symbol_hint, read.symbol_origin) == ("A/99/123", "running header")
    assert "A/99/123" not in read.text


def test_footnote_marks_numbered_or_custom(tmp_path):
    spec = DocSpec([Para("Title", footnote="Reissued for technical reasons.", footnote_mark="*"),
                    Para("First.", footnote="One note."), Para("Second.", footnote="Another note.")])
    read = read_document(write_docx(tmp_path / "f.docx", spec))
    assert [(n.mark, n.text) for n in read.footnotes] == [("*", "Reissued for technical reasons."),
                                                          ("1", "One note."), ("2", "Another note.")]
    assert read.text.splitlines() == ["Title", "First.", "Second."]


def test_indentation_marks_a_new_block_and_a_paragraphs_own_indent_wins(tmp_path):
    """An indented paragraph starts with a space (segment reads it as a block of its own); the indent is the
    paragraph's own, else its list level's."""
    numbering = numbering_xml([abstract(1, level(0, "lowerLetter", "(%1)", indent=720))], [num(1, 1)])
    spec = DocSpec([Para("Plain."), Para("Indented.", indent=720), Para("level indent", num=(1, 0)),
                    Para("own indent 0", num=(1, 0), indent=0)], numbering)
    lines = read_document(write_docx(tmp_path / "i.docx", spec)).text.splitlines()
    assert lines == ["Plain.", " Indented.", " (a) level indent", "(b) own indent 0"]


def test_masthead_symbol_sharing_its_cell_line_with_other_words(tmp_path):
    spec = DocSpec([Table([[[Para("United Nations")], [Para("A/88/1\tGeneral Assembly")]]]), Para("Report.")])
    read = read_document(write_docx(tmp_path / "s.docx", spec))
    assert read.symbol_hint == "A/88/1"
    assert read.text.splitlines() == ["United Nations", "A/88/1 General Assembly", "Report."]


def test_entities_in_the_package_are_not_expanded(tmp_path):
    """An external entity (a local file) or an internal one in document.xml is never expanded into the text."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY file SYSTEM "file://{secret}">'
                '<!ENTITY word "INTERNAL-ENTITY">]>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                '<w:p><w:r><w:t>&file;</w:t></w:r></w:p><w:p><w:r><w:t>&word;</w:t></w:r></w:p>'
                '<w:p><w:r><w:t>Safe.</w:t></w:r></w:p></w:body></w:document>')
    path = tmp_path / "entities.docx"
    path.write_bytes(_zip({"word/document.xml": document.encode()}))
    assert read_document(path).text == "Safe.\n"
