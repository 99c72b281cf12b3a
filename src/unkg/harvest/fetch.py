"""Stage `harvest`: download official UN documents by symbol through the ODS symbol API.

`{ODS}/api/symbol/access?s={symbol}&l={lang}&t={pdf|doc}` redirects to the
file.  The service is shared: requests go one at a time with a pause between
them, 429 and 5xx answers are retried with backoff (honouring Retry-After),
and every request names unkg and its version.  Files are kept in a cache (the
platform's user cache folder, or UNKG_CACHE_DIR) so that asking again makes
no request.  What comes back is checked by its first bytes: the service
answers some missing documents with an HTML page and status 200.
"""
from __future__ import annotations

import email.utils
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from unkg.errors import UnkgError
from unkg.graph.export import remove_stale_temps, temp_beside
from unkg.version import __version__

DEFAULT_ODS = "https://documents.un.org"
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es", "de")  # ODS: the six official languages and German
FORMATS = {"pdf": ("pdf", "pdf"), "docx": ("doc", "docx")}  # --format -> (API t=, file suffix)
USER_AGENT = f"unkg/{__version__} (UN meeting reports to linked data; one request at a time)"
MAX_RETRY_AFTER = 300.0  # seconds; a longer wait is reported rather than slept through


class FetchError(UnkgError):
    """One document could not be fetched; the message says which and why."""


class NotAvailable(FetchError):
    """The service has no such document, or not in this language (HTTP 404): nothing failed."""


@dataclass
class Fetched:
    symbol: str
    lang: str
    path: Path
    from_cache: bool


@dataclass
class FetchResult:
    fetched: list[Fetched] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (symbol, lang, reason)


def file_name(symbol: str, lang: str, fmt: str) -> str:
    """A_77_441.en.pdf: the name the readers recover the symbol from."""
    return f"{symbol.strip().replace('/', '_')}.{lang}.{FORMATS[fmt][1]}"


def ods_url(override: str | None = None) -> str:
    return (override or os.environ.get("UNKG_ODS_URL") or DEFAULT_ODS).rstrip("/")


def cache_dir(override: str | Path | None = None) -> Path:
    if override:
        return Path(override)
    if os.environ.get("UNKG_CACHE_DIR"):
        return Path(os.environ["UNKG_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("unkg")) / "documents"


def parse_languages(text: str | None) -> list[str]:
    langs = [part.strip().lower() for part in (text or "en").split(",") if part.strip()]
    unknown = [lang for lang in langs if lang not in LANGUAGES]
    if unknown:
        raise UnkgError(f"unknown language {', '.join(map(repr, unknown))}: ODS has documents in "
                        f"{', '.join(LANGUAGES)}")
    return list(dict.fromkeys(langs))


def looks_like(data: bytes, fmt: str) -> str | None:
    """None when `data` starts as a file of format `fmt` should; else what it looks like instead."""
    if fmt == "pdf" and data.startswith(b"%PDF-"):
        return None
    if fmt == "docx" and data.startswith(b"PK\x03\x04"):
        return None
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")) or b"<html" in head:
        return "a web page (HTML)"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "a Word 97-2003 .doc file, which unkg does not read (ask for --format pdf)"
    if data.startswith(b"%PDF-"):
        return "a PDF file"
    if data.startswith(b"PK"):
        return "a zip archive"
    return "an empty answer" if not data else "an unrecognised file"


class Client:
    """Polite HTTP for the ODS: sequential requests, a pause between them, retries with backoff."""

    def __init__(self, base: str, pause: float = 1.0, retries: int = 4, backoff: float = 2.0, timeout: float = 60.0):
        import requests

        self.base = base
        self.pause = pause
        self.retries = retries
        self.backoff = backoff
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self._last: float | None = None
        self.requests = 0

    def _wait_turn(self) -> None:
        if self._last is not None:
            delay = self.pause - (time.monotonic() - self._last)
            if delay > 0:
                time.sleep(delay)

    def get(self, symbol: str, lang: str, fmt: str, follow: bool = True):
        """The answer for one document, streamed; retried on 429/5xx and connection errors."""
        params = {"s": symbol, "l": lang, "t": FORMATS[fmt][0]}
        return self.request(f"{self.base}/api/symbol/access", params, f"{symbol} ({lang})", follow)

    def request(self, url: str, params: dict | None, label: str, follow: bool = True):
        """Any GET to the service, with the same turn-taking, retries and User-Agent; `label` opens
        the error messages."""
        import requests

        for attempt in range(self.retries + 1):
            self._wait_turn()
            self.requests += 1
            try:
                response = self.session.get(url, params=params, stream=True, timeout=self.timeout,
                                            allow_redirects=follow)
            except requests.RequestException as exc:
                self._last = time.monotonic()
                if attempt == self.retries:
                    raise FetchError(f"{label}: cannot reach {self.base}: {exc.__class__.__name__}") from None
                time.sleep(self.backoff * 2 ** attempt)
                continue
            self._last = time.monotonic()
            if response.status_code == 429 or response.status_code >= 500:
                wait = retry_after(response.headers.get("Retry-After"), self.backoff * 2 ** attempt)
                response.close()
                if attempt == self.retries or wait > MAX_RETRY_AFTER:
                    raise FetchError(f"{label}: the service answered HTTP {response.status_code} "
                                     f"{self.retries + 1} times; try again later")
                time.sleep(wait)
                self._last = time.monotonic()
                continue
            return response
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.session.close()


def retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def _write_atomic_from(response, target: Path, fmt: str, label: str) -> None:
    """Stream the body into a temporary file beside `target`, check its first bytes, then rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_beside(target)
    try:
        with os.fdopen(fd, "wb") as out:
            head = b""
            for chunk in response.iter_content(chunk_size=1 << 16):
                if len(head) < 512:
                    head += chunk[:512 - len(head)]
                out.write(chunk)
        wrong = looks_like(head, fmt)
        if wrong:
            raise FetchError(f"{label}: the service sent {wrong}, not a {fmt.upper()} file "
                             f"(the document is probably not available in this form or language)")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(512)


def _copy_atomic(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_beside(target)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Fetcher:
    def __init__(self, base: str | None = None, cache: str | Path | None = None, use_cache: bool = True,
                 refresh: bool = False, pause: float = 1.0, retries: int = 4, backoff: float = 2.0):
        self.client = Client(ods_url(base), pause=pause, retries=retries, backoff=backoff)
        host = urlsplit(self.client.base).netloc.replace(":", "_") or "ods"
        self.cache = cache_dir(cache) / host  # a test server's files never mix with the real service's
        self.use_cache = use_cache
        self.refresh = refresh
        remove_stale_temps(self.cache)  # downloads a killed run had begun

    def fetch_one(self, symbol: str, lang: str, fmt: str, out_dir: Path | None, refresh: bool = False) -> Fetched:
        """One language version into `out_dir` (or only the cache when None); FetchError says why not
        (NotAvailable when the service has no such file).  `refresh` asks again whatever the cache holds."""
        name = file_name(symbol, lang, fmt)
        label = f"{symbol} ({lang}, {fmt})"
        cached = self.cache / name
        target = out_dir / name if out_dir is not None else cached
        if self.use_cache and not (self.refresh or refresh) and cached.is_file() \
                and looks_like(_head(cached), fmt) is None:
            if target != cached:
                _copy_atomic(cached, target)
            return Fetched(symbol, lang, target, True)
        response = self.client.get(symbol, lang, fmt)
        with response:
            if response.status_code == 404:
                raise NotAvailable(self._missing(symbol, lang, fmt))
            if response.status_code != 200:
                raise FetchError(f"{label}: the service answered HTTP {response.status_code}")
            destination = cached if self.use_cache else target
            _write_atomic_from(response, destination, fmt, label)
        if destination != target:
            _copy_atomic(destination, target)
        return Fetched(symbol, lang, target, False)

    def fetch_link(self, url: str, symbol: str, lang: str, fmt: str, refresh: bool = False) -> Fetched:
        """A file at a URL the service gives (a catalogue's file link) into the cache, under the name
        fetch_one would give it; the same turn-taking, retries and first-bytes check."""
        label = f"{symbol} ({lang}, {fmt})"
        cached = self.cache / file_name(symbol, lang, fmt)
        if self.use_cache and not (self.refresh or refresh) and cached.is_file() \
                and looks_like(_head(cached), fmt) is None:
            return Fetched(symbol, lang, cached, True)
        response = self.client.request(url, None, label)
        with response:
            if response.status_code != 200:
                raise FetchError(f"{label}: {url} answered HTTP {response.status_code}")
            _write_atomic_from(response, cached, fmt, label)
        return Fetched(symbol, lang, cached, False)

    def _missing(self, symbol: str, lang: str, fmt: str) -> str:
        """A 404: no such document at all, or not in this language?  One redirect-only probe in another language
        tells (the answer's body is not downloaded)."""
        other = "en" if lang != "en" else "fr"
        probe = self.client.get(symbol, other, fmt, follow=False)
        probe.close()
        if probe.status_code in (301, 302, 303, 307, 308):
            return f"{symbol} ({lang}, {fmt}): not available in {lang} as {fmt.upper()} (the document exists, " \
                   f"e.g. in {other})"
        return f"{symbol} ({lang}, {fmt}): no such document in the Official Document System ({self.client.base})"

    def fetch(self, symbols: list[str], langs: list[str], fmt: str = "pdf", out_dir: Path | None = None,
              progress=None) -> FetchResult:
        """Every symbol in every language; a failure is recorded and the others go on."""
        if fmt not in FORMATS:
            raise UnkgError(f"unknown format {fmt!r}: pdf or docx")
        result = FetchResult()
        if out_dir is not None:
            remove_stale_temps(out_dir, [file_name(s, lang, fmt) for s in symbols for lang in langs])
        for symbol in symbols:
            for lang in langs:
                try:
                    got = self.fetch_one(symbol, lang, fmt, out_dir)
                    result.fetched.append(got)
                    if progress:
                        progress(got)
                except FetchError as exc:
                    result.failed.append((symbol, lang, str(exc)))
        return result

    def close(self) -> None:
        self.client.close()
