"""What a harvest shows: a redrawn line on a terminal, plain log lines (and a line per tenth) otherwise."""
from __future__ import annotations

import io

from unkg.harvest.progress import HarvestProgress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_log_file_gets_one_line_per_record_and_a_progress_line_per_tenth():
    stream = io.StringIO()
    progress = HarvestProgress(stream)
    progress.begin(40)
    for i in range(40):
        progress.file_downloaded()
        progress.report_converted()
        progress.record_done(f"A/{i} (record {i}): en converted")
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue()
    assert [l for l in lines if "(record" in l][0] == "unkg: [1/40] A/0 (record 0): en converted"
    shares = [l for l in lines if "records/min" in l]
    assert len(shares) == 10 and shares[-1].startswith("unkg: 40/40 records, 40 file(s) downloaded, 40 converted")


def test_a_terminal_gets_a_line_redrawn_under_the_log():
    stream = Terminal()
    progress = HarvestProgress(stream)
    progress.listing("A/C.1/77/", 100, 250)
    progress.begin(3)
    progress.file_downloaded()
    progress.record_done("A/C.1/77/L.1 (record 1): en converted")
    progress.end()
    text = stream.getvalue()
    assert "listing: 100 records" in text and "unkg: [1/3] A/C.1/77/L.1 (record 1): en converted\n" in text
    assert "records 1/3 · files 1 downloaded · 0 converted" in text and "ETA" in text
    assert text.endswith("\r\x1b[K")  # the line is cleared at the end


def test_quiet_says_nothing():
    stream = Terminal()
    progress = HarvestProgress(stream, quiet=True)
    progress.begin(1)
    progress.record_done("x")
    progress.end()
    assert stream.getvalue() == ""
