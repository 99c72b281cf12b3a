"""Stage `read`: OCR of PDF pages whose text layer cannot be decoded (or that have none), with Tesseract in the
six languages' packs."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from unkg.errors import InputError

# -- OCR -------------------------------------------------------------------------------------------------------
_TESSERACT_LANG = {"en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara", "zh": "chi_sim"}


def ocr_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_languages(path: Path, lang: str | None) -> str:
    if lang is None:
        tokens = re.split(r"[._\-\s]+", path.name.lower())
        lang = next((t for t in reversed(tokens) if t in _TESSERACT_LANG), None)
    if lang is not None:
        return _TESSERACT_LANG.get(lang, "eng")
    return "+".join(_TESSERACT_LANG.values())


def ocr_page(doc, index: int, languages: str, path: Path) -> str:
    """Render one page at 300 dpi in grey and read it with Tesseract (image on stdin as PGM)."""
    bitmap = doc[index].render(scale=300 / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    rows = b"".join(buffer[r * stride: r * stride + width] for r in range(height)) if stride != width else buffer
    image = b"P5\n%d %d\n255\n" % (width, height) + rows
    try:
        done = subprocess.run(["tesseract", "stdin", "stdout", "-l", languages, "--psm", "4"], input=image,
                              capture_output=True, timeout=300, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except subprocess.TimeoutExpired:
        raise InputError(str(path), f"OCR of page {index + 1} took too long") from None
    if done.returncode != 0:
        reason = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise InputError(str(path), f"OCR failed on page {index + 1}: {reason[0]} (are the tesseract-ocr "
                                    f"language packs for {languages} installed?)")
    return done.stdout.decode("utf-8", "replace").replace("\f", "")
