"""Stage `read`: read a report file into clean Unicode text.

PDF text extraction leaves CRLF line ends, form feeds, no-break and other
exotic spaces, soft hyphens and sometimes a legacy 8-bit encoding.  This
stage only decodes and normalises characters; structure is `segment`'s job.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from unkg.errors import InputError
from unkg.lang.scripts import script_of

# Characters PDF extraction produces that mean a plain space or nothing.
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u3000"
_DROP = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_EXOTIC = re.compile(f"[{_SPACES}{_DROP}]")
_PLAIN = dict.fromkeys(_SPACES, " ") | dict.fromkeys(_DROP, "")

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# Legacy encodings tried when the bytes are not UTF-8, with the script their
# letters must mostly be in for the guess to count.
_LEGACY = (("cp1251", "CYRILLIC"), ("cp1256", "ARABIC"), ("gb18030", "CJK"))


def _letter_share(text: str, script: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if script_of(c) == script) / len(letters)


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8/UTF-16 (BOM), or a detected legacy encoding."""
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc)
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file (NUL bytes), not a text report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for enc, script in _LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _letter_share(text, script) > 0.6:
            return text
    raise InputError(path, "not UTF-8 and not a recognised legacy encoding (cp1251, cp1256, GB18030); "
                           "convert it to UTF-8")


def normalise(text: str) -> str:
    """NFC, LF line ends, exotic spaces as spaces, no combining dot on an "i"; form feeds stay: they are page breaks."""
    text = unicodedata.normalize("NFC", text)
    if "\u0307" in text:  # "Türki̇ye": the dot of a lower-cased "İ" left on a dotted "i"
        text = text.replace("i\u0307", "i")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # str.translate looks every character up in a dict (slow on non-ASCII text); the regular
    # expression visits only the few characters there are to replace.
    text = _EXOTIC.sub(lambda m: _PLAIN[m.group()], text)
    controls = len(_CONTROLS.findall(text))
    if controls > max(8, len(text) // 200):
        raise InputError("", "binary content (control characters), not a text report")
    return text


def read_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """The file's bytes (the first `limit` of them), or an InputError saying why they cannot be read."""
    try:
        with Path(path).open("rb") as fh:
            return fh.read(limit) if limit is not None else fh.read()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None


def read_text(path: str | Path) -> str:
    text = decode(read_bytes(path), str(path))
    try:
        return normalise(text)
    except InputError as exc:
        raise InputError(str(path), exc.reason) from None
