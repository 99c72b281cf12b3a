"""Stage `harvest` (listing): search the UN Digital Library and read its MARCXML records.

The catalogue (Invenio) answers `{DL}/search?p=QUERY&f=FIELD&of=xm&rg=N&jrec=K`
with a MARCXML collection; `jrec` is 1-based and the total number of hits is in
the comment `<!-- Search-Engine-Total-Number-Of-Results: T -->` before the
collection.  A query that is a symbol or a symbol series ("A/C.1/77/",
"CTOC/COP/WG.3/", anything ending in "*") searches the symbol field
(f=documentsymbol, a series as a prefix); any other is free text.  Requests go
through the fetcher's polite client (one at a time, a pause, retries honouring
Retry-After, a User-Agent naming unkg).  An answer that is not MARCXML (a web
page, a bot check) is an error: guessing from it would list nothing and say
nothing was wrong.
"""
from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from unkg.errors import UnkgError
from unkg.harvest.fetch import Client, FetchError, LANGUAGES
from unkg.lang.symbols import UN_SYMBOL_PATTERN

DEFAULT_DL = "https://digitallibrary.un.org"
PAGE_SIZE = 100  # records per listing request (Invenio serves at most 200)
SYMBOL_FIELD = "documentsymbol"  # 191$a, 191$z, 791$a, 019$a
_TOTAL = re.compile(rb"<!--\s*Search-Engine-Total-Number-Of-Results:\s*(\d+)\s*-->")
_COLLECTION = re.compile(rb"<(?:[\w.-]+:)?collection[\s>/]")
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_SYMBOLISH = re.compile(UN_SYMBOL_PATTERN)
# 856 $y names the language in English or in the language itself; the file name tells it too ("...-EN.pdf").
LANGUAGE_NAMES = {"arabic": "ar", "chinese": "zh", "english": "en", "french": "fr", "russian": "ru",
                  "spanish": "es", "german": "de", "العربية": "ar", "中文": "zh", "français": "fr",
                  "русский": "ru", "español": "es", "deutsch": "de"}
_FILE_LANGUAGE = re.compile(r"-(AR|ZH|EN|FR|RU|ES|DE)\.[A-Za-z]+$")
FILE_FORMATS = {".pdf": "pdf", ".docx": "docx"}  # what unkg reads; a .doc (Word 97-2003) is not among them


class CatalogueError(UnkgError):
    """The catalogue cannot be reached or answers something other than MARCXML: nothing can be listed."""


@dataclass(frozen=True)
class FileLink:
    url: str
    lang: str | None  # None: the record does not say, and the file name does not tell
    fmt: str | None  # pdf | docx, None for a file unkg does not read


@dataclass
class Record:
    """What unkg uses of one catalogue record (the MARC fields are named beside each)."""

    id: str  # 001
    symbol: str = ""  # 191 $a (the first)
    title: str = ""  # 245 $a $b $c
    date: str = ""  # 269 $a, as ISO yyyy-mm-dd when it reads as a date
    subjects: list[str] = field(default_factory=list)  # 650 $a with $2 unbist
    bodies: list[str] = field(default_factory=list)  # 710 $a
    types: list[str] = field(default_factory=list)  # 989 $b ("Reports", "Resolutions and Decisions")
    links: list[FileLink] = field(default_factory=list)  # 856 $u with $y
    modified: str = ""  # 005: the record's last change, what tells a later run it changed

    @property
    def is_report(self) -> bool:
        return any(t.strip().lower() == "reports" for t in self.types)


def dl_url(override: str | None = None) -> str:
    url = (override or os.environ.get("UNKG_DL_URL") or DEFAULT_DL).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in url for c in " <>\"{}|\\^`"):
        raise UnkgError(f"{url!r} is not a web address of a Digital Library (e.g. {DEFAULT_DL})")
    return url


def search_pattern(query: str) -> tuple[str, str | None]:
    """(p, f) for a QUERY: a symbol or symbol series searches the symbol field, a series as a prefix
    ("A/C.1/77/" -> "A/C.1/77/*"); anything else is the catalogue's free-text search."""
    q = query.strip()
    if q and not any(ch.isspace() for ch in q) and (q.endswith(("/", "*")) or _SYMBOLISH.match(q)):
        return (q + "*" if q.endswith("/") else q), SYMBOL_FIELD
    return q, None


def search_params(query: str, jrec: int, rg: int, since: date | None = None, until: date | None = None) -> dict:
    p, f = search_pattern(query)
    params = {"p": p, "of": "xm", "rg": str(rg), "jrec": str(jrec)}
    if f:
        params["f"] = f
    if since or until:  # Invenio's date limits, on the record's modification (dt=m)
        params["dt"] = "m"
        if since:
            params["d1"] = since.isoformat()
        if until:
            params["d2"] = until.isoformat()
    return params


def parse_page(data: bytes, where: str) -> tuple[int | None, list[Record]]:
    """The total the page announces (None if it does not) and its records; CatalogueError for nonsense."""
    from pymarc import parse_xml_to_array

    head = data[:4096]
    if _HTML.search(head) and not _COLLECTION.search(head):
        raise CatalogueError(f"{where}: the catalogue answered a web page, not MARCXML "
                             f"(a bot check or an error page); try again later")
    if not _COLLECTION.search(data[:1 << 20]):
        raise CatalogueError(f"{where}: the catalogue's answer is not a MARCXML collection "
                             f"({len(data)} bytes starting {data[:40]!r})")
    try:
        marc = parse_xml_to_array(io.BytesIO(data), strict=False)
    except Exception as exc:  # expat's and pymarc's errors alike: the answer is broken
        raise CatalogueError(f"{where}: the catalogue's MARCXML does not parse: {type(exc).__name__}: "
                             f"{str(exc).splitlines()[0] if str(exc) else ''}") from None
    total = _TOTAL.search(data[:8192])
    return (int(total.group(1)) if total else None), [to_record(m) for m in marc if m is not None]


def to_record(marc) -> Record:
    def values(tag: str, code: str, where=None) -> list[str]:
        out = []
        for f in marc.get_fields(tag):
            if where and not where(f):
                continue
            out.extend(v.strip() for v in f.get_subfields(code) if v and v.strip())
        return out

    control = {f.tag: (f.data or "").strip() for f in marc.get_fields("001", "005")}
    title = " ".join(v.strip(" /:;") for f in marc.get_fields("245")
                     for v in f.get_subfields("a", "b", "c") if v and v.strip(" /:;"))
    subjects = values("650", "a", lambda f: any((v or "").strip().lower() == "unbist" for v in f.get_subfields("2")))
    dates = values("269", "a")
    return Record(id=control.get("001", ""), symbol=next(iter(values("191", "a")), ""), title=title,
                  date=iso_date(dates[0]) if dates else "", subjects=list(dict.fromkeys(subjects)),
                  bodies=list(dict.fromkeys(values("710", "a"))), types=values("989", "b"),
                  links=[link for f in marc.get_fields("856") for link in _links(f)],
                  modified=control.get("005", ""))


def _links(f) -> list[FileLink]:
    names = [v.strip().lower() for v in f.get_subfields("y") if v]
    out = []
    for url in (u.strip() for u in f.get_subfields("u") if u and u.strip()):
        path = urlsplit(url).path
        lang = next((LANGUAGE_NAMES[n] for n in names if n in LANGUAGE_NAMES), None)
        if lang is None and (m := _FILE_LANGUAGE.search(path)):
            lang = m.group(1).lower()
        suffix = path[path.rfind("."):].lower() if "." in path.rsplit("/", 1)[-1] else ""
        web = urlsplit(url).scheme in ("http", "https")  # a link of another scheme is not followed
        out.append(FileLink(url, lang if lang in LANGUAGES else None, FILE_FORMATS.get(suffix) if web else None))
    return out


def iso_date(text: str) -> str:
    """269 $a as yyyy-mm-dd when it is a full date ("2024-06-06", "20240606"), else as written."""
    digits = re.sub(r"[^0-9]", "", text)
    if len(digits) == 8:
        try:
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
        except ValueError:
            pass
    return text.strip()


def modified_on(record: Record) -> date | None:
    """The day of the record's last change (005 yyyymmddhhmmss.f), if it says."""
    digits = record.modified[:8]
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8])) if len(digits) == 8 else None
    except ValueError:
        return None


class Catalogue:
    """The Digital Library's search, through the fetcher's polite client."""

    def __init__(self, client: Client, page_size: int = PAGE_SIZE):
        self.client = client
        self.base = client.base
        self.page_size = page_size
        self.requests = 0

    def page(self, query: str, jrec: int, rg: int, since: date | None, until: date | None):
        where = f"{self.base}/search (query {query!r}, records from {jrec})"
        try:
            response = self.client.request(f"{self.base}/search", search_params(query, jrec, rg, since, until),
                                           f"the catalogue's search for {query!r}")
        except FetchError as exc:
            raise CatalogueError(str(exc)) from None
        self.requests += 1
        with response:
            if response.status_code != 200:
                raise CatalogueError(f"{where}: the catalogue answered HTTP {response.status_code}")
            data = response.content
        return parse_page(data, where)

    def search(self, query: str, since: date | None = None, until: date | None = None,
               limit: int | None = None, progress=None) -> list[Record]:
        """Every record the catalogue lists for `query` (at most `limit`), page after page.  The next page
        starts after the records received (the catalogue may serve fewer than asked); the listing ends at
        the announced total, at an empty page, or, with no total, at a short page."""
        records: list[Record] = []
        jrec = 1
        while limit is None or len(records) < limit:
            rg = self.page_size if limit is None else min(self.page_size, limit - len(records))
            total, got = self.page(query, jrec, rg, since, until)
            records.extend(got)
            if progress:
                progress(query, len(records), total)
            jrec += len(got)
            if not got or (total is not None and jrec > total) or (total is None and len(got) < rg):
                break
        records = records[:limit] if limit is not None else records
        if since or until:  # the catalogue was asked; a record it let through anyway is left out here
            records = [r for r in records if _within(modified_on(r), since, until)]
        return records


def _within(day: date | None, since: date | None, until: date | None) -> bool:
    if day is None:
        return True  # no 005: the catalogue's own date filter decided
    return (since is None or day >= since) and (until is None or day <= until)
