"""`unkg fetch` and `unkg convert --fetch` against a local stand-in for the ODS symbol API.

The server answers `/api/symbol/access?s=&l=&t=` as the real service does: a
redirect to the file (here the real UN PDFs of ../shared/corpus/pdf, and a
Word file built from the constructed example), 404 for an unknown symbol or
language, an HTML page with status 200 for some documents, 429 before success
for a busy one.  It counts every request, so "cached" means "no request".
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
from click.testing import CliRunner

from unkg.cli import cli
from unkg.harvest.fetch import file_name, looks_like, retry_after

from ..conftest import CORPUS, EXAMPLES, TESTDATA
from ..docx_fixtures import MASTHEAD, docx_from_report_text

EXAMPLE = "CTOC/COP/WG.2/2030/L.1"
BBNJ = "A/CONF.232/2023/4"  # the BBNJ Agreement's symbol; its en and es PDFs are in the corpus
HTML_PAGE = b"<!DOCTYPE html>\n<html><head><title>Official Document System</title></head>" \
            b"<body><p>Document not found.</p></body></html>"


class FakeOds:
    def __init__(self, files: dict[tuple[str, str, str], Path], html: set[tuple[str, str, str]],
                 busy: dict[tuple[str, str, str], int], down: set[str] = frozenset()):
        self.files, self.html, self.busy, self.down = files, html, dict(busy), down
        self.requests: Counter = Counter()
        self.times: dict[tuple, list[float]] = {}
        self.agents: set[str] = set()
        ods = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                url = urlsplit(self.path)
                ods.agents.add(self.headers.get("User-Agent", ""))
                if url.path.startswith("/files/"):
                    ods.requests["file"] += 1
                    path = Path(unquote(url.path[len("/files/"):]))
                    return self.answer(200, path.read_bytes(), "application/octet-stream")
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                key = (query.get("s", ""), query.get("l", ""), query.get("t", ""))
                ods.requests["api"] += 1
                ods.times.setdefault(key, []).append(time.monotonic())
                if key[0] in ods.down:
                    return self.answer(503, b"Service Unavailable", "text/plain", {"Retry-After": "0"})
                if ods.busy.get(key):
                    ods.busy[key] -= 1
                    return self.answer(429, b"Too many requests", "text/plain", {"Retry-After": "1"})
                if key in ods.files:
                    self.send_response(302)
                    self.send_header("Location", "/files/" + quote(str(ods.files[key])))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                if key in ods.html:
                    return self.answer(200, HTML_PAGE, "text/html; charset=utf-8")
                return self.answer(404, b"Not Found", "text/plain")

            def answer(self, status, body, ctype, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def ods(tmp_path, monkeypatch):
    served = tmp_path / "served"
    served.mkdir()
    files = {}
    for lang, source in (("en", TESTDATA / "example" / "example-report.en.txt"),
                         ("ru", EXAMPLES / "example-report.ru.txt")):
        files[(EXAMPLE, lang, "doc")] = docx_from_report_text(source.read_text(encoding="utf-8"),
                                                              served / f"example.{lang}.docx", MASTHEAD[lang])
    pdfs = CORPUS / "pdf"
    for key, name in {("A/RES/77/321", "en", "pdf"): "A_RES_77_321.en.pdf",
                      ("A/RES/78/272", "en", "pdf"): "A_RES_78_272.en.pdf",
                      (BBNJ, "en", "pdf"): "BBNJ_Agreement_2023.en.pdf",
                      (BBNJ, "es", "pdf"): "BBNJ_Agreement_2023.es.pdf"}.items():
        files[key] = pdfs / name
    html = {(EXAMPLE, "es", "doc"), ("A/RES/77/321", "fr", "pdf")}
    busy = {("A/RES/78/272", "en", "pdf"): 1}
    monkeypatch.setenv("UNKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with FakeOds(files, html, busy, down={"A/DOWN/1"}) as server:
        monkeypatch.setenv("UNKG_ODS_URL", server.url)
        yield server


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def needs_pdfs():
    if not (CORPUS / "pdf").is_dir():
        pytest.skip(f"real corpus not available: {CORPUS / 'pdf'} is absent (../shared is not beside the checkout)")


def test_two_languages_download_then_come_from_the_cache(ods, tmp_path):
    needs_pdfs()
    first = run("fetch", BBNJ, "--lang", "en,es", "-o", tmp_path / "a", "--pause", "0")
    assert first.exit_code == 0, first.output
    for lang in ("en", "es"):
        got = tmp_path / "a" / f"A_CONF.232_2023_4.{lang}.pdf"
        assert got.read_bytes() == (CORPUS / "pdf" / f"BBNJ_Agreement_2023.{lang}.pdf").read_bytes()
    assert ods.requests == Counter(api=2, file=2)
    assert all(agent.startswith("unkg/") for agent in ods.agents)
    again = run("fetch", BBNJ, "--lang", "en,es", "-o", tmp_path / "b")
    assert again.exit_code == 0, again.output
    assert ods.requests == Counter(api=2, file=2), "the second run made requests"
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["A_CONF.232_2023_4.en.pdf",
                                                                   "A_CONF.232_2023_4.es.pdf"]
    assert "0 request(s)" in again.stderr


def test_refresh_and_no_cache_ask_the_service_again(ods, tmp_path):
    for options in ([], ["--refresh"], ["--no-cache"]):
        assert run("fetch", EXAMPLE, "--format", "docx", "-o", tmp_path, "--pause", "0", *options).exit_code == 0
    assert ods.requests["api"] == 3


def test_busy_answer_is_retried_after_the_time_it_asks(ods, tmp_path):
    needs_pdfs()
    result = run("fetch", "A/RES/78/272", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    first, second = ods.times[("A/RES/78/272", "en", "pdf")]
    assert second - first >= 0.95  # Retry-After: 1
    assert (tmp_path / "A_RES_78_272.en.pdf").read_bytes().startswith(b"%PDF-")


def test_convert_fetch_word_files_in_two_languages(ods, tmp_path):
    out = tmp_path / "example.nq"
    result = run("convert", "--fetch", EXAMPLE, "--lang", "en,ru", "--fetch-format", "docx", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    data = out.read_text(encoding="utf-8")
    assert '"X.30-00001"' in data and '"X.30-00002"' in data  # the job numbers of both language versions
    assert ods.requests == Counter(api=2, file=2)


def test_convert_fetch_pdf(ods, tmp_path):
    """Needs the PDF reader and its test PDF maker (branch `pdf`): the example report as a UN-style PDF is
    fetched and converted, and a real UN PDF fetched from the server reads as a PDF."""
    pytest.importorskip("unkg.read.pdf", reason="the PDF reader is not on this branch yet")
    pdfmaker = pytest.importorskip("tests.pdfmaker", reason="the test PDF maker (fpdf2) is not available")
    from unkg.read.document import read_document

    source = TESTDATA / "example" / "example-report.en.txt"
    ods.files[(EXAMPLE, "en", "pdf")] = pdfmaker.build(source.read_text(encoding="utf-8"), tmp_path / "example.pdf",
                                                       EXAMPLE, job="X.30-00002")
    out = tmp_path / "example.ttl"
    result = run("convert", "--fetch", EXAMPLE, "--lang", "en", "-o", out)
    assert result.exit_code == 0, result.output
    assert '"X.30-00002"' in out.read_text(encoding="utf-8")
    needs_pdfs()
    assert run("fetch", "A/RES/77/321", "-o", tmp_path / "real").exit_code == 0
    read = read_document(tmp_path / "real" / "A_RES_77_321.en.pdf")
    assert read.format == "pdf" and read.pages and read.text.strip()


FAILURES = {
    "no such document": (["A/99/999", "--lang", "en"], "no such document", 2),
    "not in that language": ([EXAMPLE, "--lang", "fr", "--format", "docx"], "not available in fr", 2),
    "an HTML page with status 200": ([EXAMPLE, "--lang", "es", "--format", "docx"], "web page (HTML)", 1),
    "unknown language": ([EXAMPLE, "--lang", "xx"], "unknown language 'xx'", 0),
    "service down": (["A/DOWN/1"], "answered HTTP 503 5 times", 5),
}


@pytest.mark.parametrize("case", FAILURES)
def test_fetch_failures_exit_2_and_say_why(case, ods, tmp_path):
    args, reason, requests = FAILURES[case]
    out = tmp_path / "out"
    result = run("fetch", *args, "-o", out, "--pause", "0")
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and reason in lines[0], lines
    assert not out.exists() or list(out.iterdir()) == []  # nothing written, no temporary file left
    cache = Path(tmp_path / "cache")
    assert not cache.exists() or [p for p in cache.rglob("*") if p.is_file()] == []
    assert ods.requests["api"] == requests


def test_one_missing_symbol_does_not_stop_the_others(ods, tmp_path):
    result = run("fetch", "A/99/999", EXAMPLE, "--format", "docx", "--lang", "en", "-o", tmp_path, "--pause", "0")
    assert result.exit_code == 1, result.output
    assert "no such document" in result.stderr
    assert (tmp_path / "CTOC_COP_WG.2_2030_L.1.en.docx").is_file()


@pytest.mark.parametrize("symbol,lang,fmt,name", [("A/77/441", "en", "pdf", "A_77_441.en.pdf"),
                                                   ("ECE/MP.WAT/29", "ru", "docx", "ECE_MP.WAT_29.ru.docx")])
def test_file_names(symbol, lang, fmt, name):
    assert file_name(symbol, lang, fmt) == name


@pytest.mark.parametrize("head,fmt,verdict", [(b"%PDF-1.7\n", "pdf", None), (b"PK\x03\x04", "docx", None),
                                              (b"\n <!DOCTYPE html><html>", "pdf", "a web page (HTML)"),
                                              (b"PK\x03\x04", "pdf", "a zip archive"), (b"", "pdf", "an empty answer")])
def test_answers_are_judged_by_their_first_bytes(head, fmt, verdict):
    assert looks_like(head, fmt) == verdict


def test_retry_after_in_seconds_or_as_a_date():
    assert retry_after("7", 1.0) == 7.0
    assert retry_after(None, 1.5) == 1.5
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 3.0) == 0.0  # a date in the past: no wait
    assert retry_after("soon", 2.0) == 2.0


def test_ods_url_option_overrides_the_default(ods, tmp_path, monkeypatch):
    monkeypatch.delenv("UNKG_ODS_URL")
    result = run("fetch", EXAMPLE, "--format", "docx", "-o", tmp_path, "--ods-url", ods.url + "/")
    assert result.exit_code == 0, result.output
    assert ods.requests["api"] == 1 and (tmp_path / "CTOC_COP_WG.2_2030_L.1.en.docx").is_file()
