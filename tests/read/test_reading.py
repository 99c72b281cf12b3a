from __future__ import annotations

import pytest

from unkg.errors import InputError
from unkg.read.text import decode, normalise, read_text


def test_crlf_form_feed_and_exotic_spaces_are_normalised():
    # form feeds are page breaks: segment counts them
    assert normalise("a\r\nb\rc\fd\u00a0e\u202ff\u00adg") == "a\nb\nc\fd e fg"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_bad_bytes_fail_clearly(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data, "x.txt")


def test_cp1251_is_detected():
    text = "Рабочая группа утвердила повестку дня."
    assert decode(text.encode("cp1251"), "x.txt") == text


def test_utf16_with_bom():
    text = "Проект доклада"
    assert decode(text.encode("utf-16"), "x.txt") == text


def test_undecodable_latin_text_fails_with_advice():
    with pytest.raises(InputError, match="not UTF-8"):
        decode("Ébauche de rapport — réunion".encode("cp1252") + bytes([0x81, 0x8d]), "x.txt")


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(InputError) as info:
        read_text(tmp_path / "nope.txt")
    assert "nope.txt" in str(info.value) and "no such file" in str(info.value)
