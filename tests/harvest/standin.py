"""A stand-in for the UN Digital Library on 127.0.0.1, for the harvest tests and bench/bench_harvest.py.

It answers `/search?p=&f=&of=xm&rg=&jrec=` (and `dt=m&d1=&d2=`) as the real
catalogue does: MARCXML records, newest first, the total in the comment
`<!-- Search-Engine-Total-Number-Of-Results: T -->` before the collection, at most
`max_rg` records a page whatever was asked; `f=documentsymbol` matches the symbol
(a trailing * as a prefix), no `f` matches every word in the title, subjects,
body or symbol.  With `bot_check` set, every search is answered by a web page
with status 200, as a bot check does.  Files are served at
`/record/ID/files/NAME`; a name in `broken` answers a web page instead.  Every
request is counted, so "downloads nothing" means no file request.
"""
from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit
from xml.sax.saxutils import escape

LANGUAGE_NAMES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"}
BOT_PAGE = (b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><p>Checking your browser "
            b"before accessing digitallibrary.un.org.</p></body></html>")


@dataclass
class CatRecord:
    id: int
    symbol: str
    title: str
    date: str  # 269 $a
    body: str  # 710 $a
    doc_type: str = "Reports"  # 989 $b
    subjects: list[str] = field(default_factory=list)  # 650 $a, $2 unbist
    files: dict[str, Path] = field(default_factory=dict)  # language -> the file its 856 links
    modified: str = "20240110093000.0"  # 005

    def file_name(self, lang: str) -> str:
        return f"{self.symbol.replace('/', '_')}-{lang.upper()}{self.files[lang].suffix}"


def _sub(code: str, value: str) -> str:
    return f'<subfield code="{code}">{escape(value)}</subfield>'


def marcxml(r: CatRecord, base: str) -> str:
    """The record as the catalogue writes it (other fields it has, such as 041 or 993, left out)."""
    fields = [f'<controlfield tag="001">{r.id}</controlfield>',
              f'<controlfield tag="005">{escape(r.modified)}</controlfield>',
              f'<datafield tag="191" ind1=" " ind2=" ">{_sub("a", r.symbol)}{_sub("c", "unkg test")}</datafield>',
              f'<datafield tag="245" ind1="1" ind2="0">{_sub("a", r.title)}{_sub("c", r.body)}</datafield>',
              f'<datafield tag="269" ind1=" " ind2=" ">{_sub("a", r.date)}</datafield>']
    fields += [f'<datafield tag="650" ind1="1" ind2="7">{_sub("a", s)}{_sub("2", "unbist")}</datafield>'
               for s in r.subjects]
    fields.append(f'<datafield tag="710" ind1="2" ind2=" ">{_sub("a", r.body)}</datafield>')
    fields.append(f'<datafield tag="989" ind1=" " ind2=" ">{_sub("a", "Documents and Publications")}'
                  f'{_sub("b", r.doc_type)}</datafield>')
    for lang in r.files:
        url = f"{base}/record/{r.id}/files/{quote(r.file_name(lang))}"
        fields.append(f'<datafield tag="856" ind1="4" ind2=" ">{_sub("u", url)}{_sub("y", LANGUAGE_NAMES[lang])}'
                      f'{_sub("s", str(r.files[lang].stat().st_size))}</datafield>')
    return "<record>" + "".join(fields) + "</record>"


class FakeDigitalLibrary:
    def __init__(self, records: list[CatRecord], max_rg: int = 200, broken: set[str] = frozenset()):
        self.records = list(records)
        self.max_rg, self.broken = max_rg, set(broken)
        self.bot_check = False
        self.announce_total = True  # False: no total comment, a short page alone ends the listing
        self.requests: Counter = Counter()
        self.searches: list[dict[str, str]] = []
        self.files: Counter = Counter()  # file name -> times served
        self.agents: set[str] = set()
        dl = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                url = urlsplit(self.path)
                dl.agents.add(self.headers.get("User-Agent", ""))
                if url.path == "/search":
                    dl.requests["search"] += 1
                    params = {k: v[0] for k, v in parse_qs(url.query).items()}
                    dl.searches.append(params)
                    if dl.bot_check:
                        return self.answer(200, BOT_PAGE, "text/html; charset=utf-8")
                    return self.answer(200, dl.search(params).encode("utf-8"), "application/xml; charset=utf-8")
                parts = url.path.split("/")
                if len(parts) == 5 and parts[1] == "record" and parts[3] == "files":
                    dl.requests["file"] += 1
                    name = unquote(parts[4])
                    dl.files[name] += 1
                    if name in dl.broken:
                        return self.answer(200, BOT_PAGE, "text/html; charset=utf-8")
                    for r in dl.records:
                        if str(r.id) == parts[2]:
                            for lang in r.files:
                                if r.file_name(lang) == name:
                                    return self.answer(200, r.files[lang].read_bytes(), "application/octet-stream")
                dl.requests["other"] += 1
                return self.answer(404, b"Not Found", "text/plain")

            def answer(self, status, body, ctype):
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def matches(self, r: CatRecord, params: dict[str, str]) -> bool:
        p = params.get("p", "")
        if params.get("f") == "documentsymbol":
            ok = r.symbol.startswith(p[:-1]) if p.endswith("*") else r.symbol == p
        else:
            text = " ".join([r.title, r.body, r.symbol, *r.subjects]).lower()
            ok = all(word in text for word in p.lower().split())
        day = r.modified[:8]
        if params.get("dt") == "m":
            ok = ok and (not params.get("d1") or day >= params["d1"].replace("-", ""))
            ok = ok and (not params.get("d2") or day <= params["d2"].replace("-", ""))
        return ok

    def search(self, params: dict[str, str]) -> str:
        hits = sorted((r for r in self.records if self.matches(r, params)), key=lambda r: -r.id)
        jrec = max(1, int(params.get("jrec", "1")))
        rg = min(int(params.get("rg", "10")), self.max_rg)
        page = hits[jrec - 1:jrec - 1 + rg]
        total = f"<!-- Search-Engine-Total-Number-Of-Results: {len(hits)} -->\n" if self.announce_total else ""
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + total +
                '<collection xmlns="http://www.loc.gov/MARC21/slim">\n'
                + "\n".join(marcxml(r, self.url) for r in page) + "\n</collection>\n")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
