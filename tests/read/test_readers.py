"""The reader interface: format sniffing and its refusals."""
from __future__ import annotations

import pytest

from unkg.read import document as readers
from unkg.errors import InputError


def test_a_missing_reader_is_an_input_error_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setitem(readers._READERS, "pdf", "unkg.read.no_such_reader")
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(InputError, match=r"x\.pdf: PDF input needs unkg\.read\.no_such_reader"):
        readers.read_document(pdf)


@pytest.mark.parametrize("head,name,verdict", [(b"%PDF-1.4", "a.txt", "pdf"), (b"PK\x03\x04", "a.docx", "docx"),
                                               (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a.docx", "docx"),
                                               (b"plain", "a.txt", "text")])
def test_sniff(head, name, verdict, tmp_path):
    assert readers.sniff(tmp_path / name, head) == verdict
