"""Stage `harvest` (what the user sees): a progress line and one log line per record, on stderr.

On a terminal one line is redrawn (records listed, files downloaded, reports
converted, records per second, ETA) under the log lines; otherwise (a log file,
cron) the log lines come alone with a progress line at every tenth of the work,
so that a daily run's log stays short and greppable.
"""
from __future__ import annotations

import sys
import time


class HarvestProgress:
    def __init__(self, stream=None, quiet: bool = False):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.total = self.done = self.downloaded = self.converted = 0
        self.listed = 0
        self.start = time.monotonic()
        self.last = self.start - 1.0  # the first state is drawn at once
        self.next_share = 1

    def _write(self, text: str) -> None:
        if self.quiet:
            return
        if self.tty:
            self.stream.write("\r\x1b[K")
        self.stream.write(text + "\n")
        self._bar(force=True)
        self.stream.flush()

    def _bar(self, force: bool = False) -> None:
        if self.quiet or not self.tty:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.1:
            return
        self.last = now
        if self.total:
            rate = self.done / max(now - self.start, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            line = (f"  records {self.done}/{self.total} · files {self.downloaded} downloaded · "
                    f"{self.converted} converted · {rate * 60:,.1f} records/min · ETA {eta:,.0f} s")
        else:
            line = f"  listing: {self.listed} records"
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()

    def listing(self, query: str, count: int, total: int | None) -> None:
        """After each page of the listing (the terminal line only; `listed_query` logs the end)."""
        self.listed = count
        self._bar()

    def listed_query(self, query: str, count: int) -> None:
        self._write(f"unkg: {query!r}: the catalogue lists {count} record(s)")

    def begin(self, total: int) -> None:
        self.total, self.start = total, time.monotonic()
        self._bar(force=True)

    def file_downloaded(self) -> None:
        self.downloaded += 1
        self._bar()

    def report_converted(self) -> None:
        self.converted += 1
        self._bar()

    def record_done(self, line: str) -> None:
        self.done += 1
        self._write(f"unkg: [{self.done}/{self.total}] {line}")
        if not self.tty and not self.quiet and self.total >= 20 and self.done * 10 >= self.next_share * self.total:
            self.next_share = self.done * 10 // self.total + 1
            rate = self.done / max(time.monotonic() - self.start, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0
            self._write(f"unkg: {self.done}/{self.total} records, {self.downloaded} file(s) downloaded, "
                        f"{self.converted} converted, {rate * 60:,.1f} records/min, ETA {eta:,.0f} s")

    def say(self, text: str) -> None:
        self._write(text)

    def end(self) -> None:
        if self.tty and not self.quiet:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
